// The seen history (triage): which papers the user has had on screen, and what each listing
// showed on the last two visits. Kept apart from the reading list, with ids and dates only.
// A page's marks come with its one getStates: reads are key-only range reads (no records), so a
// 2,000-entry listing costs a few ranges whatever the size of the history (150,000 ids a year).
import type { PaperId } from '../shared/paper';
import { keysOf } from '../shared/paper-id';
import type { ListingVisit } from '../shared/records';
import type { EntryMark, SeenStats } from '../shared/triage';
import { pageAfter, readInPages, type PagedReadOptions } from './pages';
import type { ShelfmarkDB } from './schema';

export type { EntryMark, SeenStats };

export interface TriageMarks {
  /** Keyed by the requested id; entries neither seen nor new are absent. */
  marks: Record<PaperId, EntryMark>;
  /** When the previous visit to this listing ended; null on a first visit (or no listing). */
  previousVisitAt: number | null;
}

// A visit that comes back within this time of the last request is the same visit (a reload, the
// rest of the page): it keeps comparing with the visit before, so "new" marks survive a reload.
export const VISIT_GAP_MS = 60 * 60 * 1000;
// What one visit remembers of a listing, and how many listings are kept at most.
const VISIT_IDS_MAX = 20_000;
const LISTINGS_MAX = 1_000;
const DAY_MS = 86_400_000;

/** The keys among `keys` that are in the seen history: one key-only range read per id scheme. */
async function seenAmong(db: ShelfmarkDB, keys: readonly PaperId[]): Promise<Set<PaperId>> {
  const byScheme = new Map<string, PaperId[]>();
  for (const key of keys) {
    const scheme = key.slice(0, key.indexOf(':'));
    const group = byScheme.get(scheme);
    if (group) group.push(key);
    else byScheme.set(scheme, [key]);
  }
  const found = new Set<PaperId>();
  for (const group of byScheme.values()) {
    group.sort();
    // A listing's ids are close together: the stored ids between its smallest and largest are
    // read as keys alone (one request), where point lookups would cost one request each.
    const stored =
      group.length === 1
        ? ((await db.seen.get(group[0]!)) ? [group[0]!] : [])
        : ((await db.seen.where(':id').between(group[0]!, group.at(-1)!, true, true).primaryKeys()) as PaperId[]);
    if (stored.length === 0) continue;
    const wanted = new Set(group);
    for (const id of stored) if (wanted.has(id)) found.add(id);
  }
  return found;
}

/**
 * Marks for the entries of a page, and (with `listing`) records this visit to it. Runs in one
 * read-write transaction over the history, so the two getStates of a page's first scan are
 * ordered: the second sees the visit the first began. The marks are answered once read, before
 * the visit is written and committed (a page's first screen waits for them); a later request's
 * transaction still comes after this one's write.
 */
export function triageMarks(
  db: ShelfmarkDB,
  refs: readonly { id: PaperId; aliases?: readonly PaperId[] }[],
  listing: string | undefined,
  now = Date.now(),
): Promise<TriageMarks> {
  const tables = listing ? [db.seen, db.visits] : [db.seen];
  return new Promise((resolve, reject) => {
    let answered = false;
    db.transaction('rw', tables, async () => {
      const seen = await seenAmong(db, [...new Set(refs.flatMap(keysOf))]);
      const visit = listing ? nextVisit(await db.visits.get(listing), listing, refs, now) : undefined;
      const before = visit?.previous ? new Set(visit.previous.ids) : undefined;
      const marks: Record<PaperId, EntryMark> = {};
      for (const ref of refs) {
        if (keysOf(ref).some((key) => seen.has(key))) marks[ref.id] = 'seen';
        else if (before && !before.has(ref.id)) marks[ref.id] = 'new';
      }
      resolve({ marks, previousVisitAt: visit?.previous?.at ?? null });
      answered = true;
      if (visit) await db.visits.put(visit);
    }).catch((error: unknown) => {
      // Answered already: only the visit went unrecorded (the next one compares with an older visit).
      if (answered) console.error('Shelfmark: recording a listing visit failed', error);
      else reject(error);
    });
  });
}

/** This visit to `listing`: the stored one continued (within VISIT_GAP_MS), or a new one after it. */
function nextVisit(stored: ListingVisit | undefined, listing: string, refs: readonly { id: PaperId }[], now: number): ListingVisit {
  const ids = refs.map((ref) => ref.id);
  if (stored && now - stored.at < VISIT_GAP_MS) {
    const merged = new Set(stored.ids);
    for (const id of ids) merged.add(id);
    return { ...stored, at: now, ids: [...merged].slice(0, VISIT_IDS_MAX) };
  }
  return {
    listing,
    at: now,
    startedAt: now,
    ids: [...new Set(ids)].slice(0, VISIT_IDS_MAX),
    previous: stored ? { at: stored.at, ids: stored.ids } : null,
  };
}

/** Adds the ids not seen before, with `now` as their first-seen date; answers those (for undo). */
export async function markSeen(db: ShelfmarkDB, ids: readonly PaperId[], now = Date.now()): Promise<PaperId[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  return db.transaction('rw', db.seen, async () => {
    const known = await seenAmong(db, unique);
    const fresh = unique.filter((id) => !known.has(id)).map((id) => ({ id, at: now }));
    if (fresh.length > 0) await db.seen.bulkAdd(fresh);
    return fresh.map((record) => record.id);
  });
}

/** "Forget this page": its ids leave the history, and the listing its visits. */
export async function forgetSeen(db: ShelfmarkDB, ids: readonly PaperId[], listing?: string): Promise<void> {
  await db.transaction('rw', db.seen, db.visits, async () => {
    await db.seen.bulkDelete([...new Set(ids)]);
    if (listing) await db.visits.delete(listing);
  });
}

export async function clearSeenHistory(db: ShelfmarkDB): Promise<void> {
  await db.transaction('rw', db.seen, db.visits, async () => {
    await db.seen.clear();
    await db.visits.clear();
  });
}

/** Drops what is older than the retention, and the listings beyond the most recent LISTINGS_MAX. */
export async function pruneSeen(db: ShelfmarkDB, retentionDays: number, now = Date.now()): Promise<{ seen: number; visits: number }> {
  const cutoff = now - retentionDays * DAY_MS;
  return db.transaction('rw', db.seen, db.visits, async () => {
    const seen = await db.seen.where('at').below(cutoff).delete();
    let visits = await db.visits.where('at').below(cutoff).delete();
    const extra = (await db.visits.count()) - LISTINGS_MAX;
    if (extra > 0) visits += await db.visits.orderBy('at').limit(extra).delete();
    return { seen, visits };
  });
}

export async function seenStats(db: ShelfmarkDB): Promise<SeenStats> {
  return db.transaction('r', db.seen, db.visits, async () => {
    const oldest = await db.seen.orderBy('at').first();
    return { seen: await db.seen.count(), listings: await db.visits.count(), oldest: oldest?.at ?? null };
  });
}

/**
 * The seen history's ids, for the "for you" ranking's negatives (issue 15). All of them in pages
 * (db/pages.ts), each its own read-only transaction with a macrotask between: one read of 50,000
 * ids held the store while a markSeen waited behind it. With `since`: those first seen at or after
 * it, one key-only read of the date index (what a retraining adds to the ids it keeps).
 */
export async function seenIds(db: ShelfmarkDB, options: { since?: number } & PagedReadOptions = {}): Promise<PaperId[]> {
  const { since, ...paging } = options;
  if (since !== undefined) return (await db.seen.where('at').aboveOrEqual(since).primaryKeys()) as PaperId[];
  return readInPages<PaperId, PaperId>(
    async (after, limit) => (await pageAfter(db.seen, after, limit).primaryKeys()) as PaperId[],
    (id) => id,
    paging,
  );
}
