import { beforeEach, describe, expect, it, vi } from 'vitest';
import { keepSeenHistoryPruned, resetSeenUpkeep } from '../../src/background/seen-upkeep';
import { markSeen, seenIds } from '../../src/db/seen';
import { arxivPaper, freshDb } from './db-kit';
import { resetFakeBrowser } from './fake-browser';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const id = (n: number) => arxivPaper(n).id;

beforeEach(() => {
  resetFakeBrowser();
  resetSeenUpkeep();
});

describe('the seen history kept to its retention', () => {
  it('prunes at most every few hours, at once when the retention is shortened, and says when papers left', async () => {
    const db = freshDb();
    const now = 1_000 * DAY;
    await markSeen(db, [id(1)], now - 40 * DAY);
    await markSeen(db, [id(2)], now - 10 * DAY);
    const pruned = vi.fn();
    keepSeenHistoryPruned(db, 30, pruned, now);
    await vi.waitFor(() => expect(pruned).toHaveBeenCalledTimes(1));
    expect(await seenIds(db)).toEqual([id(2)]);

    // Three hours later, the same retention: no prune yet, so paper 3 (seen 40 days ago) stays.
    await markSeen(db, [id(3)], now - 40 * DAY);
    keepSeenHistoryPruned(db, 30, pruned, now + 3 * HOUR);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(await seenIds(db)).toEqual([id(2), id(3)]);

    // Shortened to 5 days: at once.
    keepSeenHistoryPruned(db, 5, pruned, now + 3 * HOUR);
    await vi.waitFor(() => expect(pruned).toHaveBeenCalledTimes(2));
    expect(await seenIds(db)).toEqual([]);

    // Nothing left to prune: the ranking is not told.
    keepSeenHistoryPruned(db, 1, pruned, now + 4 * HOUR);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(pruned).toHaveBeenCalledTimes(2);
  });
});
