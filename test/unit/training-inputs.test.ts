import { describe, expect, it } from 'vitest';
import { TrainingInputs } from '../../src/background/training-inputs';
import { savePaper, unsavePaper } from '../../src/db/papers';
import { rememberFeatures } from '../../src/db/rank-features';
import type { ShelfmarkDB } from '../../src/db/schema';
import { forgetSeen, markSeen } from '../../src/db/seen';
import { addTag } from '../../src/db/tagging';
import { arxivPaper, freshDb } from './db-kit';

const HOUR = 3_600_000;
const id = (n: number) => arxivPaper(n).id;
const features = (ns: number[], at: number) => ns.map((n) => ({ id: id(n), f: new Uint32Array([n]), at }));
/** The negatives' feature arrays, as the numbers of the papers they stand for. */
const negatives = (seen: readonly Uint32Array[]) => seen.map((f) => f[0]).sort((a, b) => a! - b!);

/** Counts the records (or keys) each table hands over: a DBCore middleware under every read. */
function readsOf(db: ShelfmarkDB): Record<string, number> {
  const reads: Record<string, number> = {};
  const count = (table: string, n: number) => void (reads[table] = (reads[table] ?? 0) + n);
  db.use({
    stack: 'dbcore',
    name: 'count-reads',
    create: (down) => ({
      ...down,
      table: (name) => {
        const table = down.table(name);
        return {
          ...table,
          getMany: async (req) => {
            const result = await table.getMany(req);
            count(name, result.filter((record) => record !== undefined).length);
            return result;
          },
          query: async (req) => {
            const response = await table.query(req);
            count(name, response.result.length);
            return response;
          },
        };
      },
    }),
  });
  return reads;
}

async function library(db: ShelfmarkDB, long: number) {
  for (const n of [1, 2, 3, 4, 5, 6]) await savePaper(db, arxivPaper(n), long);
  // Saved under another id, with paper 7's id as an alias: paper 7 seen is not a negative.
  await savePaper(db, arxivPaper(50, { aliases: [id(50), id(7)] }), long);
  await markSeen(db, [1, 2, 7, 100, 101, 102].map(id), long);
  // Paper 103's features are stored but it was never on screen: not a negative either.
  await rememberFeatures(db, features([1, 2, 7, 100, 101, 102, 103], long));
}

describe('the training set, kept in the background between runs', () => {
  it('reads everything the first time: the saved papers, and as negatives the seen papers not saved under any key', async () => {
    const db = freshDb();
    await library(db, Date.now() - HOUR);
    const { saved, seen } = await new TrainingInputs(db).read();
    expect(saved.map((paper) => paper.id).sort()).toEqual([1, 2, 3, 4, 5, 6, 50].map(id).sort());
    expect(saved.find((paper) => paper.id === id(1))).toEqual({ id: id(1), title: arxivPaper(1).title, abstract: arxivPaper(1).abstract, tags: [] });
    expect(negatives(seen)).toEqual([100, 101, 102]);
  });

  it('then reads only what changed since: the papers written, the ids seen and the features stored', async () => {
    const db = freshDb();
    const reads = readsOf(db);
    await library(db, Date.now() - HOUR);
    const inputs = new TrainingInputs(db);
    await inputs.read();
    expect(reads).toMatchObject({ papers: 7, seen: 6, rankFeatures: 7 });

    // Nothing changed: nothing is read.
    for (const table of Object.keys(reads)) reads[table] = 0;
    expect(negatives((await inputs.read()).seen)).toEqual([100, 101, 102]);
    expect(reads).toMatchObject({ papers: 0, seen: 0, rankFeatures: 0 });

    // A tag added, a paper removed (now a negative: seen and no longer saved), a paper seen and shown.
    await addTag(db, id(2), 'gardens');
    await unsavePaper(db, id(1));
    await markSeen(db, [id(200)]);
    await rememberFeatures(db, features([200], Date.now()));
    const { saved, seen } = await inputs.read();
    expect(reads).toMatchObject({ papers: 1, seen: 1, rankFeatures: 1 });
    expect(saved.map((paper) => paper.id).sort()).toEqual([2, 3, 4, 5, 6, 50].map(id).sort());
    expect(saved.find((paper) => paper.id === id(2))?.tags).toEqual(['gardens']);
    expect(negatives(seen)).toEqual([1, 100, 101, 102, 200]);
  });

  it('reads the whole library again after a bulk write, and the whole history after papers left it', async () => {
    const db = freshDb();
    const reads = readsOf(db);
    await library(db, Date.now() - HOUR);
    const inputs = new TrainingInputs(db);
    await inputs.read();
    for (const table of Object.keys(reads)) reads[table] = 0;

    // Fifty papers or more in one write: Dexie names no keys, so every paper is read again.
    const imported = Array.from({ length: 60 }, (_, i) => ({ ...arxivPaper(300 + i), tags: [], tagKeys: [], status: 'unread' as const, note: '', savedAt: 1, updatedAt: 1 }));
    await db.papers.bulkPut(imported);
    await forgetSeen(db, [id(100)]);
    inputs.seenRemoved();
    const { saved, seen } = await inputs.read();
    expect(saved).toHaveLength(67);
    expect(reads.papers).toBe(67);
    expect(reads.seen).toBe(5);
    expect(negatives(seen)).toEqual([101, 102]);
  });

  it('keeps the newest features once they pass the limit by a tenth, in the store too', async () => {
    const db = freshDb();
    await library(db, 1_000);
    const inputs = new TrainingInputs(db, { featuresKept: 5 });
    // 7 stored, over 5 × 1.1: cut back to the newest 5, all dated 1,000 here, so every one stays.
    await inputs.read();
    expect(await db.rankFeatures.count()).toBe(7);
    await rememberFeatures(db, features([104, 105, 106, 107, 108], Date.now()));
    await inputs.read();
    expect((await db.rankFeatures.toArray()).map((record) => record.at > 1_000)).toEqual(Array(5).fill(true));
    for (const n of [1, 103, 104]) expect(inputs.hasFeatures(id(n))).toBe(n === 104);
  });

  it('reads everything again after a read failed, so the change it was reading is not lost', async () => {
    const db = freshDb();
    const broken = { getMany: false };
    db.use({
      stack: 'dbcore',
      name: 'failing-read',
      create: (down) => ({
        ...down,
        table: (name) => {
          const table = down.table(name);
          return { ...table, getMany: (req) => (broken.getMany ? Promise.reject(new Error('read failed')) : table.getMany(req)) };
        },
      }),
    });
    await library(db, Date.now() - HOUR);
    const inputs = new TrainingInputs(db);
    await inputs.read();
    await addTag(db, id(2), 'gardens');
    broken.getMany = true;
    await expect(inputs.read()).rejects.toThrow('read failed');
    broken.getMany = false;
    expect((await inputs.read()).saved.find((paper) => paper.id === id(2))?.tags).toEqual(['gardens']);
  });
});
