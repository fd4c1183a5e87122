import { describe, expect, it } from 'vitest';
import { bulkSave, undoBulk } from '../../src/db/page-bulk';
import { addTag } from '../../src/db/tagging';
import { savePaper } from '../../src/db/papers';
import { setTags } from '../../src/db/tagging';
import { arxivPaper, freshDb } from './db-kit';

const papers = Array.from({ length: 50 }, (_, i) => arxivPaper(i + 1));

describe('bulk save, tag and undo', () => {
  it('saves 50 papers in one step, leaves those already saved as they were, and undoes exactly that step', async () => {
    const db = freshDb();
    await savePaper(db, papers[0]!);
    await addTag(db, papers[0]!.id, 'kept');
    const { value, changes } = await bulkSave(db, papers);
    expect(Object.keys(value.states)).toHaveLength(50);
    expect(Object.values(value.states).every((state) => state.saved)).toBe(true);
    expect(value.undo).toEqual({ unsave: papers.slice(1).map((p) => p.id), untag: null });
    expect(changes).toHaveLength(49);
    expect(await db.papers.count()).toBe(50);

    const undone = await undoBulk(db, value.undo);
    expect(undone.changes).toHaveLength(49);
    expect(await db.papers.toCollection().primaryKeys()).toEqual([papers[0]!.id]);
    expect((await db.papers.get(papers[0]!.id))!.tags).toEqual(['kept']);
  });

  it('tags many (saving the unsaved), and its undo removes only the tag it added and the papers it saved', async () => {
    const db = freshDb();
    await savePaper(db, papers[0]!);
    await addTag(db, papers[0]!.id, 'Queue');
    await savePaper(db, papers[1]!);
    const { value } = await bulkSave(db, papers.slice(0, 4), 'queue');
    expect(value.undo).toEqual({ unsave: [papers[2]!.id, papers[3]!.id], untag: { tag: 'queue', ids: [papers[1]!.id] } });
    expect((await db.papers.bulkGet(papers.slice(0, 4).map((p) => p.id))).map((p) => p!.tags)).toEqual([['Queue'], ['Queue'], ['Queue'], ['Queue']]);
    await undoBulk(db, value.undo);
    expect((await db.papers.bulkGet(papers.slice(0, 4).map((p) => p.id))).map((p) => p?.tags ?? null)).toEqual([['Queue'], [], null, null]);
  });

  it('is all or nothing: one paper refused leaves every other one unsaved', async () => {
    const db = freshDb();
    const full = papers[30]!;
    await setTags(db, full.id, Array.from({ length: 200 }, (_, i) => `t${i}`), full);
    await expect(bulkSave(db, papers, 'one more')).rejects.toThrow(/at most 200 tags/u);
    expect(await db.papers.toCollection().primaryKeys()).toEqual([full.id]);
  });
});
