import { beforeEach, describe, expect, it } from 'vitest';
import { Refused } from '../../src/shared/refused';
import { getStates, savePaper } from '../../src/db/papers';
import type { ShelfmarkDB } from '../../src/db/schema';
import { addTag, removeTag, setTagColor, setTags, suggestTags } from '../../src/db/tagging';
import { LIMITS } from '../../src/shared/messages';
import { arxivPaper, freshDb } from './db-kit';

let db: ShelfmarkDB;
beforeEach(() => {
  db = freshDb();
});

const ID = arxivPaper(1).id;

async function snapshot() {
  return { papers: await db.papers.toArray(), tags: await db.tags.toArray() };
}

describe('addTag and removeTag', () => {
  it('tagging an unsaved paper saves it with the metadata sent along', async () => {
    const { value, changes } = await addTag(db, ID, 'Reading group', arxivPaper(1), 50);
    expect(value).toMatchObject({ id: ID, saved: true, tags: [{ name: 'Reading group' }] });
    expect(changes).toEqual([{ keys: [ID], state: value }]);
    expect(await db.papers.get(ID)).toMatchObject({
      title: arxivPaper(1).title,
      tags: ['Reading group'],
      tagKeys: ['reading group'],
      savedAt: 50,
    });
  });

  it('tagging an unsaved paper without metadata is an error that changes nothing', async () => {
    await expect(addTag(db, ID, 'x')).rejects.toThrow(/not in your reading list/);
    expect(await snapshot()).toEqual({ papers: [], tags: [] });
  });

  it('compares tags case-insensitively and reuses the display form first typed', async () => {
    await addTag(db, ID, 'Deep  Learning', arxivPaper(1));
    const again = await addTag(db, ID, ' deep learning ');
    expect(again.changes).toEqual([]);
    expect(again.value.tags.map((t) => t.name)).toEqual(['Deep Learning']);

    const other = await addTag(db, arxivPaper(2).id, 'DEEP LEARNING', arxivPaper(2));
    expect(other.value.tags.map((t) => t.name)).toEqual(['Deep Learning']);
    expect(await db.tags.toArray()).toEqual([expect.objectContaining({ key: 'deep learning', name: 'Deep Learning' })]);
    expect((await db.papers.where('tagKeys').equals('deep learning').toArray()).length).toBe(2);

    const removed = await removeTag(db, ID, 'dEEP learning');
    expect(removed.value).toMatchObject({ saved: true, tags: [] });
    expect(await db.papers.get(ID)).toMatchObject({ tags: [], tagKeys: [] });
  });

  it('accepts any script and keeps it as text', async () => {
    await addTag(db, ID, '機械学習', arxivPaper(1));
    await addTag(db, ID, '<b>bold</b>');
    await addTag(db, ID, '🧪'.repeat(64));
    expect((await db.papers.get(ID))?.tags).toEqual(['機械学習', '<b>bold</b>', '🧪'.repeat(64)]);
  });

  it.each([
    ['', /empty/],
    ['   ', /empty/],
    ['x'.repeat(65), /at most 64/],
    ['bad\u0007bell', /control characters/],
  ])('rejects the tag %j with a clear error and changes nothing', async (tag, message) => {
    await addTag(db, ID, 'ok', arxivPaper(1), 1);
    const before = await snapshot();
    await expect(addTag(db, ID, tag)).rejects.toThrow(message);
    await expect(addTag(db, ID, tag)).rejects.toBeInstanceOf(Refused);
    await expect(setTags(db, ID, ['fine', tag])).rejects.toThrow(/Tags: tag 2/);
    await expect(addTag(db, arxivPaper(2).id, tag, arxivPaper(2))).rejects.toThrow(message);
    expect(await snapshot()).toEqual(before);
  });

  it('removing a tag a paper lacks, or from an unsaved paper, changes nothing', async () => {
    await addTag(db, ID, 'kept', arxivPaper(1), 1);
    const before = await snapshot();
    expect((await removeTag(db, ID, 'absent', 2)).changes).toEqual([]);
    expect((await removeTag(db, arxivPaper(2).id, 'kept', 2)).value).toMatchObject({ saved: false });
    expect(await snapshot()).toEqual(before);
  });

  it(`caps a paper at ${LIMITS.tagsPerPaper} tags`, async () => {
    const tags = Array.from({ length: LIMITS.tagsPerPaper }, (_, i) => `t${i}`);
    await setTags(db, ID, tags, arxivPaper(1));
    await expect(addTag(db, ID, 'one-too-many')).rejects.toThrow(/at most 200 tags/);
    expect((await db.papers.get(ID))?.tags).toHaveLength(LIMITS.tagsPerPaper);
  });

  it('lands all of 100 concurrent addTag calls on one paper', async () => {
    const names = Array.from({ length: 100 }, (_, i) => `concurrent-${i}`);
    const results = await Promise.all(names.map((name) => addTag(db, ID, name, arxivPaper(1))));
    expect(results.every((r) => r.value.saved)).toBe(true);
    const paper = await db.papers.get(ID);
    expect([...paper!.tags].sort()).toEqual([...names].sort());
    expect([...paper!.tagKeys].sort()).toEqual([...names].sort());
    expect(await db.papers.count()).toBe(1);
    expect(await db.tags.count()).toBe(100);
  });
});

describe('setTags', () => {
  it('replaces the list, dropping case-insensitive repeats, and saves an unsaved paper', async () => {
    await addTag(db, arxivPaper(9).id, 'Vision', arxivPaper(9));
    const { value } = await setTags(db, ID, ['vision', 'Proofs', 'PROOFS'], arxivPaper(1));
    expect(value.tags.map((t) => t.name)).toEqual(['Vision', 'Proofs']);
    expect(await db.papers.get(ID)).toMatchObject({ tags: ['Vision', 'Proofs'], tagKeys: ['vision', 'proofs'] });
    expect((await db.tags.toArray()).map((t) => t.key).sort()).toEqual(['proofs', 'vision']);
  });

  it('an empty list on an unsaved paper leaves it unsaved', async () => {
    const { value, changes } = await setTags(db, ID, [], arxivPaper(1));
    expect(value.saved).toBe(false);
    expect(changes).toEqual([]);
    expect(await db.papers.count()).toBe(0);
  });
});

describe('suggestTags', () => {
  beforeEach(async () => {
    await setTags(db, arxivPaper(1).id, ['Robotics', 'RL', 'reading-group'], arxivPaper(1));
    await setTags(db, arxivPaper(2).id, ['robotics', 'Retrieval'], arxivPaper(2));
    await setTags(db, arxivPaper(3).id, ['Robotics', 'retrieval', 'Reasoning'], arxivPaper(3));
    await setTags(db, arxivPaper(4).id, ['Zebra'], arxivPaper(4));
  });

  it('matches the prefix case-insensitively, most used first, then by name', async () => {
    const tags = await suggestTags(db, 'R');
    expect(tags.map((t) => [t.name, t.count])).toEqual([
      ['Robotics', 3],
      ['Retrieval', 2],
      ['reading-group', 1],
      ['Reasoning', 1],
      ['RL', 1],
    ]);
    expect(tags[0]!.color).toMatch(/^#[0-9a-f]{6}$/);
    expect((await suggestTags(db, 'rE')).map((t) => t.name)).toEqual(['Retrieval', 'reading-group', 'Reasoning']);
  });

  it('honours limit and exclude; an empty prefix lists every tag', async () => {
    expect((await suggestTags(db, 'r', 2, ['ROBOTICS'])).map((t) => t.name)).toEqual(['Retrieval', 'reading-group']);
    expect((await suggestTags(db, '')).map((t) => t.name)).toEqual(['Robotics', 'Retrieval', 'reading-group', 'Reasoning', 'RL', 'Zebra']);
    expect(await suggestTags(db, 'q')).toEqual([]);
  });

  it('leaves out tags no paper carries any more', async () => {
    await removeTag(db, arxivPaper(4).id, 'zebra');
    expect(await suggestTags(db, 'z')).toEqual([]);
  });
});

describe('setTagColor', () => {
  it('recolours the tag on every paper carrying it, and tells each of them', async () => {
    await addTag(db, arxivPaper(1).id, 'Physics', arxivPaper(1));
    await setTags(db, arxivPaper(2).id, ['physics', 'Other'], arxivPaper(2));
    const { value, changes } = await setTagColor(db, 'PHYSICS', '#ABCDEF');
    expect(value).toMatchObject({ key: 'physics', name: 'Physics', color: '#abcdef' });
    expect(changes.map((c) => c.state.id).sort()).toEqual([arxivPaper(1).id, arxivPaper(2).id]);
    const states = await getStates(db, [arxivPaper(2)]);
    expect(states[arxivPaper(2).id]?.tags).toEqual([
      { name: 'Physics', color: '#abcdef' },
      { name: 'Other', color: (await db.tags.get('other'))!.color },
    ]);
  });

  it('creates a tag it does not know yet', async () => {
    const { value, changes } = await setTagColor(db, 'Fresh', '#000000', 5);
    expect(value).toEqual({ key: 'fresh', name: 'Fresh', color: '#000000', createdAt: 5 });
    expect(changes).toEqual([]);
    await savePaper(db, arxivPaper(1));
    expect((await addTag(db, ID, 'fresh')).value.tags).toEqual([{ name: 'Fresh', color: '#000000' }]);
  });
});
