import { beforeEach, describe, expect, it, vi } from 'vitest';
import { Refused } from '../../src/shared/refused';
import { getStates, restorePaper, savePaper, setNote, setStatus, unsavePaper } from '../../src/db/papers';
import type { ShelfmarkDB } from '../../src/db/schema';
import { newPaper } from '../../src/db/merge';
import { addTag } from '../../src/db/tagging';
import { arxivPaper, freshDb } from './db-kit';

let db: ShelfmarkDB;
beforeEach(() => {
  db = freshDb();
});

const DOI = 'doi:10.9999/invented.2024.7';

describe('getStates', () => {
  it('answers a whole page with batched requests, never one get per paper', async () => {
    for (const n of [1, 3, 5, 7, 8, 9, 10]) await savePaper(db, arxivPaper(n));
    const where = vi.spyOn(db.papers, 'where');
    const get = vi.spyOn(db.papers, 'get');
    const bulkGet = vi.spyOn(db.papers, 'bulkGet');
    const refs = [1, 2, 3, 4, 5, 6].map((n) => ({ id: arxivPaper(n).id, aliases: arxivPaper(n).aliases }));

    const states = await getStates(db, refs);

    expect(get).not.toHaveBeenCalled();
    expect(bulkGet).toHaveBeenCalledTimes(1);
    expect(bulkGet.mock.calls[0]![0]).toEqual([1, 3, 5].map((n) => arxivPaper(n).id));
    expect(new Set(where.mock.calls.map(([index]) => index))).toEqual(new Set([':id', 'aliases']));
    expect(Object.keys(states).sort()).toEqual([arxivPaper(1).id, arxivPaper(3).id, arxivPaper(5).id]);
    expect(states[arxivPaper(3).id]).toEqual({ id: arxivPaper(3).id, saved: true, tags: [], status: 'unread' });
  });

  it('looks keys beyond every stored id up with one aliases cursor (a listing of new papers)', async () => {
    await db.papers.bulkAdd(Array.from({ length: 60 }, (_, n) => newPaper(arxivPaper(n), 1)));
    await savePaper(db, arxivPaper(9, { id: DOI, aliases: [DOI, 'arxiv:2501.00950'] }));
    const where = vi.spyOn(db.papers, 'where');
    const refs = Array.from({ length: 40 }, (_, i) => ({ id: arxivPaper(930 + i).id, aliases: [] }));
    const states = await getStates(db, refs);
    expect(Object.keys(states)).toEqual(['arxiv:2501.00950']);
    expect(where.mock.calls.filter(([index]) => String(index) === 'aliases')).toHaveLength(1);
  });

  it('reads a store holding no more papers than asked for in one request', async () => {
    for (const n of [1, 3]) await savePaper(db, arxivPaper(n, { aliases: [arxivPaper(n).id, `doi:10.9999/s.${n}`] }));
    const toArray = vi.spyOn(db.papers, 'toArray');
    const where = vi.spyOn(db.papers, 'where');
    const bulkGet = vi.spyOn(db.papers, 'bulkGet');
    const states = await getStates(db, [
      { id: 'doi:10.9999/s.1', aliases: [] },
      { id: arxivPaper(2).id, aliases: [] },
      { id: arxivPaper(3).id, aliases: [] },
    ]);
    expect(Object.keys(states).sort()).toEqual([arxivPaper(3).id, 'doi:10.9999/s.1']);
    expect(toArray).toHaveBeenCalledTimes(1);
    expect(where).not.toHaveBeenCalled();
    expect(bulkGet).not.toHaveBeenCalled();
  });

  // With no fillers the whole store is read; with more papers than asked for, ids then aliases.
  it.each([0, 6])('finds a paper saved under its DOI by its arXiv id, and the other way round (%i other papers)', async (fillers) => {
    for (let n = 0; n < fillers; n += 1) await savePaper(db, arxivPaper(100 + n));
    const byDoi = arxivPaper(7, { id: DOI, aliases: [DOI] });
    await savePaper(db, { ...byDoi, id: DOI, aliases: [DOI, 'arxiv:2501.00007'] });
    await savePaper(db, arxivPaper(8, { aliases: ['arxiv:2501.00008', 'doi:10.9999/other.8'] }));

    const states = await getStates(db, [
      { id: 'arxiv:2501.00007', aliases: ['arxiv:2501.00007'] },
      { id: 'doi:10.9999/other.8', aliases: ['doi:10.9999/other.8'] },
    ]);
    expect(states['arxiv:2501.00007']?.saved).toBe(true);
    expect(states['doi:10.9999/other.8']).toMatchObject({ saved: true, id: 'arxiv:2501.00008' });
  });

  it('gives both copies of a paper listed twice the same state, with tag colours', async () => {
    await addTag(db, arxivPaper(2).id, 'Optics', arxivPaper(2));
    const ref = { id: arxivPaper(2).id, aliases: [arxivPaper(2).id] };
    const states = await getStates(db, [ref, ref, { id: 'url:https://example.org/x', aliases: [] }]);
    expect(Object.keys(states)).toEqual([ref.id]);
    expect(states[ref.id]?.tags).toEqual([{ name: 'Optics', color: expect.stringMatching(/^#[0-9a-f]{6}$/) }]);
  });

  it('answers an empty page without touching the database', async () => {
    expect(await getStates(db, [])).toEqual({});
  });
});

describe('savePaper', () => {
  it('saves once and refreshes metadata on a second save, never duplicating', async () => {
    const first = await savePaper(db, arxivPaper(1), 1000);
    expect(first.value).toEqual({ id: arxivPaper(1).id, saved: true, tags: [], status: 'unread' });
    expect(first.changes).toEqual([{ keys: [arxivPaper(1).id], state: first.value }]);

    await savePaper(db, arxivPaper(1, { title: 'A retitled invention', abstract: '', aliases: [arxivPaper(1).id, DOI] }), 2000);
    const all = await db.papers.toArray();
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({
      title: 'A retitled invention',
      aliases: [arxivPaper(1).id, DOI],
      savedAt: 1000,
      updatedAt: 2000,
    });
    // An empty abstract on the page does not erase the stored one.
    expect(all[0]!.abstract).toBe(arxivPaper(1).abstract);
  });

  it('re-keys a paper first saved by DOI once a page shows its arXiv id too', async () => {
    await savePaper(db, arxivPaper(4, { id: DOI, aliases: [DOI] }));
    await addTag(db, DOI, 'kept');
    const outcome = await savePaper(db, arxivPaper(4, { aliases: ['arxiv:2501.00004', DOI] }));
    const all = await db.papers.toArray();
    expect(all.map((p) => p.id)).toEqual(['arxiv:2501.00004']);
    expect(all[0]!.tags).toEqual(['kept']);
    expect(outcome.changes[0]!.keys.sort()).toEqual(['arxiv:2501.00004', DOI].sort());
  });

  it('refuses an entry whose ids are two saved papers, naming both, and changes neither (issue 14)', async () => {
    // Joining them would merge their notes, statuses and tags: the user decides, not a page.
    await savePaper(db, arxivPaper(5, { id: DOI, aliases: [DOI] }), 100);
    await addTag(db, DOI, 'from-doi', undefined, 110);
    await setNote(db, DOI, 'note on the journal version', 120);
    await savePaper(db, arxivPaper(5), 200);
    await addTag(db, arxivPaper(5).id, 'from-arxiv', undefined, 210);
    await setStatus(db, arxivPaper(5).id, 'done', 220);
    const before = await db.papers.orderBy('id').toArray();

    const linked = arxivPaper(5, { aliases: [arxivPaper(5).id, DOI] });
    await expect(savePaper(db, linked, 300)).rejects.toThrow(
      new Refused(
        `This entry ("${arxivPaper(5).id}") would join two papers of your list into one: "${arxivPaper(5).id}" and "${DOI}". Nothing was saved; if they are the same paper, remove one of them and save again.`,
      ),
    );
    await expect(addTag(db, linked.id, 'x', linked, 300)).rejects.toThrow(/would join two papers of your list/u);
    expect(await db.papers.orderBy('id').toArray()).toEqual(before);
  });

  it('merges two stored records that share a key, keeping what the user did to both', async () => {
    // One paper stored twice (records that already share an id): a save makes them one again.
    await db.papers.bulkAdd([
      { ...newPaper(arxivPaper(6, { aliases: [arxivPaper(6).id, DOI] }), 100), tags: ['a'], tagKeys: ['a'], note: 'first' },
      { ...newPaper(arxivPaper(6, { id: DOI, aliases: [DOI] }), 200), tags: ['b'], tagKeys: ['b'], status: 'done' },
    ]);
    await savePaper(db, arxivPaper(6, { id: DOI, aliases: [DOI] }), 300);
    const all = await db.papers.toArray();
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ id: arxivPaper(6).id, tags: ['a', 'b'], status: 'done', note: 'first', savedAt: 100, updatedAt: 300 });
  });
});

describe('unsave and restore', () => {
  it('returns the removed record, and restore puts every field back', async () => {
    await addTag(db, arxivPaper(9).id, 'Graphs', arxivPaper(9), 500);
    await setNote(db, arxivPaper(9).id, 'my words', 600);
    const before = await db.papers.get(arxivPaper(9).id);

    const { value, changes } = await unsavePaper(db, arxivPaper(9).id);
    expect(value.removed).toEqual(before);
    expect(value.state).toEqual({ id: arxivPaper(9).id, saved: false, tags: [], status: 'unread' });
    expect(changes).toEqual([{ keys: [arxivPaper(9).id], state: value.state }]);
    expect(await db.papers.count()).toBe(0);

    const restored = await restorePaper(db, value.removed, 900);
    expect(restored.value).toMatchObject({ saved: true, tags: [{ name: 'Graphs' }] });
    expect(await db.papers.get(arxivPaper(9).id)).toEqual({ ...before, updatedAt: 900 });
  });

  it('unsaving by an alias removes the paper; unsaving an unsaved paper changes nothing', async () => {
    await savePaper(db, arxivPaper(3, { aliases: [arxivPaper(3).id, DOI] }));
    const gone = await unsavePaper(db, DOI);
    expect(gone.value.removed?.id).toBe(arxivPaper(3).id);
    expect(gone.changes[0]!.keys.sort()).toEqual([arxivPaper(3).id, DOI].sort());
    const again = await unsavePaper(db, DOI);
    expect(again).toEqual({ value: { removed: null, state: expect.objectContaining({ saved: false }) }, changes: [] });
  });

  it('rejects a malformed record to restore and changes nothing', async () => {
    await expect(restorePaper(db, { id: arxivPaper(1).id, title: 42 })).rejects.toThrow(/The paper to restore: title/);
    await expect(restorePaper(db, { ...arxivPaper(1), tags: ['  '] })).rejects.toThrow(/tag 1.*empty/);
    expect(await db.papers.count()).toBe(0);
    expect(await db.tags.count()).toBe(0);
  });
});

describe('status and notes', () => {
  it('set on a saved paper, rejected with a clear error on an unsaved one', async () => {
    await savePaper(db, arxivPaper(1), 10);
    expect((await setStatus(db, arxivPaper(1).id, 'reading', 20)).value.status).toBe('reading');
    await setNote(db, arxivPaper(1).id, 'résumé ✓', 30);
    expect(await db.papers.get(arxivPaper(1).id)).toMatchObject({ status: 'reading', note: 'résumé ✓', updatedAt: 30 });

    const unchanged = await setStatus(db, arxivPaper(1).id, 'reading', 40);
    expect(unchanged.changes).toEqual([]);
    expect((await db.papers.get(arxivPaper(1).id))?.updatedAt).toBe(30);

    await expect(setStatus(db, arxivPaper(2).id, 'done')).rejects.toThrow(Refused);
    await expect(setNote(db, arxivPaper(2).id, 'x')).rejects.toThrow(/"arxiv:2501.00002" is not in your reading list/);
    expect(await db.papers.count()).toBe(1);
  });
});
