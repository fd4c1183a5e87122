import { beforeEach, describe, expect, it, vi } from 'vitest';
import { importPapers } from '../../src/db/import';
import { savePaper, setNote, setStatus } from '../../src/db/papers';
import type { SavedPaper } from '../../src/shared/records';
import type { ShelfmarkDB } from '../../src/db/schema';
import { addTag, setTagColor } from '../../src/db/tagging';
import { arxivPaper, freshDb } from './db-kit';

let db: ShelfmarkDB;
beforeEach(() => {
  db = freshDb();
});

const DOI = 'doi:10.9999/imaginary.55';

function backupRecord(n: number, overrides: Partial<SavedPaper> = {}): SavedPaper {
  const tags = overrides.tags ?? [];
  return {
    ...arxivPaper(n),
    tags,
    tagKeys: tags.map((t) => t.toLowerCase()),
    status: 'unread',
    note: '',
    savedAt: 1_000,
    updatedAt: 1_000,
    ...overrides,
  };
}

async function snapshot() {
  return {
    papers: await db.papers.orderBy('id').toArray(),
    tags: await db.tags.orderBy('key').toArray(),
  };
}

describe('importPapers merge rules', () => {
  it('adds new papers and tags as given', async () => {
    const { value, changes } = await importPapers(
      db,
      {
        papers: [backupRecord(1, { tags: ['Maths'] }), backupRecord(2, { status: 'done', note: 'n' })],
        tags: [{ name: 'Maths', color: '#112233', createdAt: 7 }],
      },
      99,
    );
    expect(value).toEqual({ added: 2, updated: 0, unchanged: 0, tagsAdded: 1 });
    expect(await db.papers.get(arxivPaper(1).id)).toEqual(backupRecord(1, { tags: ['Maths'] }));
    expect(await db.tags.get('maths')).toEqual({ key: 'maths', name: 'Maths', color: '#112233', createdAt: 7 });
    expect(changes.map((c) => c.state.id).sort()).toEqual([arxivPaper(1).id, arxivPaper(2).id]);
    expect(changes.find((c) => c.state.id === arxivPaper(1).id)?.state.tags).toEqual([{ name: 'Maths', color: '#112233' }]);
  });

  it('a newer incoming record wins its non-empty fields; tags and aliases are united', async () => {
    await savePaper(db, arxivPaper(1), 1_000);
    await addTag(db, arxivPaper(1).id, 'Local', undefined, 1_100);
    await setNote(db, arxivPaper(1).id, 'my local note', 1_200);

    const incoming = backupRecord(1, {
      title: 'Newer invented title',
      abstract: '',
      aliases: [arxivPaper(1).id, DOI],
      tags: ['local', 'Imported'],
      status: 'reading',
      note: '',
      savedAt: 500,
      updatedAt: 5_000,
    });
    const { value } = await importPapers(db, { papers: [incoming], tags: [] }, 9_999);
    expect(value).toEqual({ added: 0, updated: 1, unchanged: 0, tagsAdded: 1 });
    expect(await db.papers.get(arxivPaper(1).id)).toMatchObject({
      title: 'Newer invented title',
      abstract: arxivPaper(1).abstract,
      aliases: [arxivPaper(1).id, DOI],
      tags: ['Local', 'Imported'],
      tagKeys: ['local', 'imported'],
      status: 'reading',
      note: 'my local note',
      savedAt: 500,
      updatedAt: 5_000,
    });
  });

  it('an older incoming record only adds tags and aliases', async () => {
    await savePaper(db, arxivPaper(1), 8_000);
    await setStatus(db, arxivPaper(1).id, 'done', 8_500);
    const incoming = backupRecord(1, { title: 'Stale title', status: 'unread', tags: ['extra'], updatedAt: 2_000 });
    const { value } = await importPapers(db, { papers: [incoming], tags: [] });
    expect(value).toEqual({ added: 0, updated: 1, unchanged: 0, tagsAdded: 1 });
    expect(await db.papers.get(arxivPaper(1).id)).toMatchObject({
      title: arxivPaper(1).title,
      status: 'done',
      tags: ['extra'],
      savedAt: 1_000,
      updatedAt: 8_500,
    });
  });

  it('matches by alias: a paper stored under its DOI absorbs the arXiv record that lists it', async () => {
    await savePaper(db, arxivPaper(3, { id: DOI, aliases: [DOI] }), 1_000);
    await addTag(db, DOI, 'journal', undefined, 1_000);
    const incoming = backupRecord(3, { aliases: [arxivPaper(3).id, DOI], tags: ['preprint'], updatedAt: 500 });
    const { value, changes } = await importPapers(db, { papers: [incoming], tags: [] });
    expect(value).toMatchObject({ added: 0, updated: 1 });
    const all = await db.papers.toArray();
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ id: arxivPaper(3).id, tags: ['journal', 'preprint'] });
    expect(changes[0]!.keys.sort()).toEqual([arxivPaper(3).id, DOI].sort());
  });

  it('an existing tag keeps its display form and colour; papers use that spelling', async () => {
    await addTag(db, arxivPaper(1).id, 'NLP', arxivPaper(1));
    await setTagColor(db, 'nlp', '#010203');
    const { value } = await importPapers(db, {
      papers: [backupRecord(2, { tags: ['nlp'] })],
      tags: [{ name: 'nlp', color: '#ffffff' }],
    });
    expect(value.tagsAdded).toBe(0);
    expect(await db.tags.get('nlp')).toMatchObject({ name: 'NLP', color: '#010203' });
    expect((await db.papers.get(arxivPaper(2).id))?.tags).toEqual(['NLP']);
  });

  it('duplicates inside one file become one paper', async () => {
    const { value } = await importPapers(db, {
      papers: [backupRecord(4, { tags: ['a'] }), backupRecord(4, { tags: ['b'], aliases: [arxivPaper(4).id, DOI] })],
      tags: [],
    });
    expect(value).toEqual({ added: 1, updated: 1, unchanged: 0, tagsAdded: 2 });
    expect(await db.papers.toArray()).toEqual([expect.objectContaining({ tags: ['a', 'b'], aliases: [arxivPaper(4).id, DOI] })]);
  });

  it('fills in what a minimal record leaves out', async () => {
    const { id, aliases, title, authors, source } = arxivPaper(6);
    await importPapers(db, { papers: [{ id, aliases, title, authors, source }], tags: [] }, 4_242);
    expect(await db.papers.get(id)).toEqual({
      id,
      aliases,
      title,
      authors,
      source,
      tags: [],
      tagKeys: [],
      status: 'unread',
      note: '',
      savedAt: 4_242,
      updatedAt: 4_242,
    });
  });
});

describe('importPapers reports and round trips', () => {
  it('re-importing the same records changes nothing and says so', async () => {
    const file = {
      papers: [1, 2, 3].map((n) => backupRecord(n, { tags: [`t${n}`], updatedAt: 2_000 + n })),
      tags: [{ name: 't1', color: '#123456', createdAt: 1 }],
    };
    await importPapers(db, file);
    const before = await snapshot();
    const { value, changes } = await importPapers(db, file);
    expect(value).toEqual({ added: 0, updated: 0, unchanged: 3, tagsAdded: 0 });
    expect(changes).toEqual([]);
    expect(await snapshot()).toEqual(before);
  });

  it('export → empty database → import gives an identical database', async () => {
    await addTag(db, arxivPaper(1).id, 'Alpha', arxivPaper(1), 10);
    await addTag(db, arxivPaper(2).id, 'alpha', arxivPaper(2), 20);
    await addTag(db, arxivPaper(2).id, 'Beta', undefined, 30);
    await setTagColor(db, 'beta', '#0000ff', 40);
    await setStatus(db, arxivPaper(2).id, 'reading', 50);
    await savePaper(db, arxivPaper(3, { aliases: [arxivPaper(3).id, DOI] }), 60);
    const exported = await snapshot();

    const other = freshDb();
    const report = await importPapers(other, { papers: exported.papers, tags: exported.tags });
    expect(report.value).toEqual({ added: 3, updated: 0, unchanged: 0, tagsAdded: 2 });
    expect({
      papers: await other.papers.orderBy('id').toArray(),
      tags: await other.tags.orderBy('key').toArray(),
    }).toEqual(exported);
  });
});

describe('importPapers rejects bad input whole', () => {
  it.each([
    ['a wrong field type', { title: 7 }, /Paper 2 \("arxiv:2501.00002"\): title/],
    ['an invalid tag', { tags: ['ok', ''] }, /Paper 2 \("arxiv:2501.00002"\): tag 2 \(""\): A tag cannot be empty/],
    ['an unknown status', { status: 'someday' }, /Paper 2 .*status/],
    ['a negative timestamp', { savedAt: -1 }, /Paper 2 .*savedAt/],
    ['an oversized title', { title: 'x'.repeat(20_001) }, /Paper 2 .*title/],
  ])('%s in one record changes nothing and names the record', async (_what, broken, message) => {
    await addTag(db, arxivPaper(9).id, 'existing', arxivPaper(9));
    const before = await snapshot();
    const file = {
      papers: [backupRecord(1, { tags: ['new-tag'] }), { ...backupRecord(2), ...broken }, backupRecord(9, { tags: ['x'] })],
      tags: [{ name: 'another' }],
    };
    await expect(importPapers(db, file)).rejects.toThrow(message);
    expect(await snapshot()).toEqual(before);
  });

  it('a bad tag record changes nothing and names the tag', async () => {
    await expect(
      importPapers(db, { papers: [backupRecord(1)], tags: [{ name: 'fine' }, { name: 'ugly', color: 'red' }] }),
    ).rejects.toThrow(/Tag 2 \("ugly"\): color: Invalid colour/);
    expect(await snapshot()).toEqual({ papers: [], tags: [] });
  });

  it('a failure inside the transaction rolls everything back', async () => {
    await savePaper(db, arxivPaper(2), 1);
    const before = await snapshot();
    // The new tag record is written before the papers; the papers' write then fails.
    vi.spyOn(db.papers, 'bulkAdd').mockRejectedValueOnce(new Error('disk full (simulated)'));
    const file = { papers: [backupRecord(1, { tags: ['t'] }), backupRecord(2, { tags: ['u'], updatedAt: 9 })], tags: [] };
    await expect(importPapers(db, file)).rejects.toThrow(/disk full/);
    expect(await snapshot()).toEqual(before);
  });
});

describe('importPapers at scale', () => {
  it('merges a thousand papers with a fixed number of batched requests, never one per paper', async () => {
    await importPapers(db, { papers: Array.from({ length: 200 }, (_, i) => backupRecord(i + 1, { tags: ['old'] })), tags: [] });
    const papers = Array.from({ length: 1_200 }, (_, i) => backupRecord(i + 1, { tags: [`group-${i % 50}`], updatedAt: 2_000 }));
    const calls = {
      get: vi.spyOn(db.papers, 'get'),
      put: vi.spyOn(db.papers, 'put'),
      add: vi.spyOn(db.papers, 'add'),
      bulkAdd: vi.spyOn(db.papers, 'bulkAdd'),
      where: vi.spyOn(db.papers, 'where'),
      bulkGet: vi.spyOn(db.papers, 'bulkGet'),
      bulkPut: vi.spyOn(db.papers, 'bulkPut'),
      tagGet: vi.spyOn(db.tags, 'get'),
      tagBulkGet: vi.spyOn(db.tags, 'bulkGet'),
    };
    const { value } = await importPapers(db, { papers, tags: [] });
    expect(value).toEqual({ added: 1_000, updated: 200, unchanged: 0, tagsAdded: 50 });
    expect(await db.papers.count()).toBe(1_200);
    expect((await db.papers.get(arxivPaper(134).id))?.tags).toEqual(['old', 'group-33']);
    expect(calls.get).toHaveBeenCalledTimes(1); // the line above, not the import
    expect(calls.put).not.toHaveBeenCalled();
    expect(calls.add).not.toHaveBeenCalled();
    expect(calls.tagGet).not.toHaveBeenCalled();
    expect(calls.where.mock.calls.length).toBeLessThanOrEqual(1);
    expect(calls.bulkGet.mock.calls.length).toBeLessThanOrEqual(1);
    expect(calls.bulkPut).toHaveBeenCalledTimes(1);
    expect(calls.bulkAdd).toHaveBeenCalledTimes(1);
    expect(calls.tagBulkGet.mock.calls.length).toBeLessThanOrEqual(2);
  }, 60_000);
});
