import { describe, expect, it } from 'vitest';
import { recentFeatures, rememberFeatures, type RankFeaturesRecord } from '../../src/db/rank-features';
import { freshDb } from './db-kit';

const record = (n: number, at: number): RankFeaturesRecord => ({ id: `arxiv:2501.${String(n).padStart(5, '0')}`, f: new Uint32Array([n, n + 7]), at });

describe('ranking features store', () => {
  it('reads the newest records in pages, newest first in the date index order, and deletes the older ones', async () => {
    const db = freshDb();
    // Dates out of id order, with ties (one answer stores a page's entries under one date).
    const dates = [50, 10, 30, 30, 70, 30, 20, 70, 10, 40, 30];
    await rememberFeatures(db, dates.map((at, n) => record(n, at)));
    // What one read of the date index, backwards, gave.
    const expected = await db.rankFeatures.orderBy('at').reverse().limit(6).toArray();
    let pauses = 0;
    const kept = await recentFeatures(db, { kept: 6, perRead: 3, pause: async () => void (pauses += 1) });
    expect(pauses).toBe(3);
    expect(kept).toEqual(expected);
    // The 6th newest is dated 30: every record as new as that stays, the older ones go.
    expect((await db.rankFeatures.orderBy(':id').toArray()).map((r) => r.at)).toEqual(dates.filter((at) => at >= 30));
    // Under the limit: everything, nothing deleted.
    expect(await recentFeatures(db, { kept: 100, perRead: 4 })).toEqual(await db.rankFeatures.orderBy('at').reverse().toArray());
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
    const ids = (await recentFeatures(db, { perRead: 2, pause })).map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    // Pages were 1,3 | 5,7 | 8,9: the one added behind the cursor waits for the next training.
    expect(ids.sort()).toEqual([1, 3, 5, 7, 8, 9].map((n) => record(n, 0).id));
  });
});
