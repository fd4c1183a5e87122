import { describe, expect, it } from 'vitest';
import { dropFeaturesBefore, featuresCutoff, rememberFeatures, storedFeatures, type RankFeaturesRecord } from '../../src/db/rank-features';
import { freshDb } from './db-kit';

const record = (n: number, at: number): RankFeaturesRecord => ({ id: `arxiv:2501.${String(n).padStart(5, '0')}`, f: new Uint32Array([n, n + 7]), at });

describe('ranking features store', () => {
  it('reads every record in pages by id, or those dated since a time in one read', async () => {
    const db = freshDb();
    const dates = [50, 10, 30, 30, 70, 30, 20, 70, 10, 40, 30];
    await rememberFeatures(db, dates.map((at, n) => record(n, at)));
    let pauses = 0;
    const all = await storedFeatures(db, { perRead: 3, pause: async () => void (pauses += 1) });
    expect(pauses).toBe(3);
    expect(all).toEqual(await db.rankFeatures.orderBy(':id').toArray());
    expect((await storedFeatures(db, { since: 40 })).map((r) => r.at).sort()).toEqual([40, 50, 70, 70]);
  });

  it('keeps the newest records, with every one as new as the last kept', async () => {
    const db = freshDb();
    const dates = [50, 10, 30, 30, 70, 30, 20, 70, 10, 40, 30];
    await rememberFeatures(db, dates.map((at, n) => record(n, at)));
    expect(featuresCutoff(dates, 100)).toBeNull();
    // The 6th newest is dated 30: every record as new as that stays, the older ones go.
    const cutoff = featuresCutoff(dates, 6);
    expect(cutoff).toBe(30);
    await dropFeaturesBefore(db, cutoff!);
    expect((await db.rankFeatures.orderBy(':id').toArray()).map((r) => r.at)).toEqual(dates.filter((at) => at >= 30));
  });

  it('reads each record once when records are added between two pages', async () => {
    const db = freshDb();
    await rememberFeatures(db, [1, 3, 5, 7, 9].map((n) => record(n, n)));
    const added = [record(2, 100), record(8, 100), record(5, 100)]; // before the cursor, after it, and one rewritten
    let first = true;
    const pause = async () => {
      if (first) await rememberFeatures(db, added);
      first = false;
    };
    const ids = (await storedFeatures(db, { perRead: 2, pause })).map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    // Pages were 1,3 | 5,7 | 8,9: the one added behind the cursor is read by the next training's dated read.
    expect(ids.sort()).toEqual([1, 3, 5, 7, 8, 9].map((n) => record(n, 0).id));
    expect((await storedFeatures(db, { since: 100 })).map((r) => r.id).sort()).toEqual([2, 5, 8].map((n) => record(n, 0).id));
  });
});
