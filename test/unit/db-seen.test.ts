import { describe, expect, it } from 'vitest';
import { clearSeenHistory, forgetSeen, markSeen, pruneSeen, seenIds, seenStats, triageMarks, VISIT_GAP_MS } from '../../src/db/seen';
import { arxivPaper, freshDb } from './db-kit';

const LISTING = 'https://arxiv.org/list/cs.LG/new';
const OTHER = 'https://arxiv.org/list/cs.AI/new';
const DAY = 86_400_000;
const ref = (n: number) => ({ id: arxivPaper(n).id, aliases: [arxivPaper(n).id] });
const refs = (...ns: number[]) => ns.map(ref);

describe('seen history store', () => {
  it('keeps each id once, with the date it was first seen', async () => {
    const db = freshDb();
    expect(await markSeen(db, [ref(1).id, ref(2).id, ref(1).id], 100)).toEqual([ref(1).id, ref(2).id]);
    expect(await markSeen(db, [ref(2).id, ref(3).id], 200)).toEqual([ref(3).id]);
    expect(await db.seen.orderBy('id').toArray()).toEqual([
      { id: ref(1).id, at: 100 },
      { id: ref(2).id, at: 100 },
      { id: ref(3).id, at: 200 },
    ]);
  });

  it('marks seen entries on any listing, by any key, and new ones only against the previous visit', async () => {
    const db = freshDb();
    // First visit to the listing: nothing is new (nothing to compare with), nothing seen yet.
    expect(await triageMarks(db, refs(1, 2, 3), LISTING, 1000)).toEqual({ marks: {}, previousVisitAt: null });
    await markSeen(db, [ref(1).id, ref(2).id], 1500);

    // Another listing showing the same papers (one under a DOI alias): seen, not new.
    const aliased = { id: 'doi:10.9999/other.site', aliases: ['doi:10.9999/other.site', ref(2).id] };
    expect((await triageMarks(db, [ref(1), aliased, ref(9)], OTHER, 2000)).marks).toEqual({ [ref(1).id]: 'seen', [aliased.id]: 'seen' });

    // The next day: entries 4 and 5 were added; 3 was listed before but never on screen.
    const later = 1000 + VISIT_GAP_MS + DAY;
    expect(await triageMarks(db, refs(1, 2, 3, 4, 5), LISTING, later)).toEqual({
      marks: { [ref(1).id]: 'seen', [ref(2).id]: 'seen', [ref(4).id]: 'new', [ref(5).id]: 'new' },
      previousVisitAt: 1000,
    });
    // The same visit (the rest of the page, a reload): still compared with the visit before.
    expect(await triageMarks(db, refs(4, 6), LISTING, later + 60_000)).toEqual({
      marks: { [ref(4).id]: 'new', [ref(6).id]: 'new' },
      previousVisitAt: 1000,
    });
    // Without a listing (another tab catching up), marks are only "seen" and no visit is recorded.
    expect(await triageMarks(db, refs(1, 7), undefined, later)).toEqual({ marks: { [ref(1).id]: 'seen' }, previousVisitAt: null });
    expect(await db.visits.get(LISTING)).toMatchObject({ startedAt: later, previous: { at: 1000 } });
  });

  it('forgets a page, clears everything, and prunes by retention and listing count', async () => {
    const db = freshDb();
    await markSeen(db, [ref(1).id, ref(2).id], 10 * DAY);
    await markSeen(db, [ref(3).id], 100 * DAY);
    await triageMarks(db, refs(1, 2), LISTING, 10 * DAY);
    await triageMarks(db, refs(3), OTHER, 100 * DAY);

    expect(await pruneSeen(db, 30, 101 * DAY)).toEqual({ seen: 2, visits: 1 });
    expect(await db.seen.toCollection().primaryKeys()).toEqual([ref(3).id]);
    expect(await db.visits.toCollection().primaryKeys()).toEqual([OTHER]);

    await forgetSeen(db, [ref(3).id], OTHER);
    expect(await seenStats(db)).toEqual({ seen: 0, listings: 0, oldest: null });

    await markSeen(db, [ref(4).id], 7);
    await triageMarks(db, refs(4), LISTING, 7);
    expect(await seenStats(db)).toEqual({ seen: 1, listings: 1, oldest: 7 });
    await clearSeenHistory(db);
    expect(await seenStats(db)).toEqual({ seen: 0, listings: 0, oldest: null });
  });

  it('reads the ids in pages, each once whatever joins or leaves between two pages, or those seen since a time', async () => {
    const db = freshDb();
    await markSeen(db, [1, 2, 3, 4, 5, 6, 7, 8].map((n) => ref(n).id), 100);
    let pauses = 0;
    const pause = async () => {
      pauses += 1;
      // While the history is read (after its second page): a paper leaves it, one joins it twice.
      if (pauses === 2) {
        await forgetSeen(db, [ref(6).id]);
        await markSeen(db, [ref(9).id, ref(9).id], 200);
      }
    };
    expect(await seenIds(db, { perRead: 2, pause })).toEqual([1, 2, 3, 4, 5, 7, 8, 9].map((n) => ref(n).id));
    expect(pauses).toBe(4);
    expect(await seenIds(db, { since: 150 })).toEqual([ref(9).id]);
    expect(await seenIds(db, { since: 100 })).toHaveLength(8);
  });
});
