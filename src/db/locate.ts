// Finding the one record of a paper inside a write transaction, by any key it is known by.
import type { PaperId } from '../shared/paper';
import { absorb } from './merge';
import { keysOf } from './paper-keys';
import type { SavedPaper } from './records';
import type { ShelfmarkDB } from './schema';

export interface Located {
  /** The paper's record, merged into one if several stored records turned out to be it. */
  paper: SavedPaper | undefined;
  /** Ids of the stored records `paper` stands for; any not equal to the final id are deleted. */
  storedIds: PaperId[];
  /** Every key of every stored record found, so tabs showing any of them hear about the change. */
  keys: PaperId[];
}

/** Must run inside a transaction over `papers`. One index query, whatever the number of keys. */
export async function locate(db: ShelfmarkDB, keys: readonly PaperId[]): Promise<Located> {
  const found = await db.papers.where('aliases').anyOf([...keys]).distinct().toArray();
  if (found.length === 0) return { paper: undefined, storedIds: [], keys: [] };
  // Oldest first, so the merged record keeps the first-saved record's metadata and spelling.
  found.sort((a, b) => a.savedAt - b.savedAt);
  const [first, ...rest] = found as [SavedPaper, ...SavedPaper[]];
  return {
    paper: rest.reduce(absorb, first),
    storedIds: found.map((paper) => paper.id),
    keys: [...new Set(found.flatMap(keysOf))],
  };
}

/**
 * Every stored paper known by any key of `refs`, in at most two batched requests inside the
 * caller's transaction. Where the store holds no more papers than are asked for (an import into
 * a young library), one `getAll` of the table is cheapest. Otherwise: the ids by primary key, then
 * only the keys those records do not already cover through the `aliases` index. The index cursor
 * costs a round trip per match while primary-key gets are pipelined: on a 10,000-paper store in
 * Chromium, 2,000 matches took ~4× longer via `anyOf` alone, while keys that match nothing cost
 * `anyOf` almost nothing.
 */
export async function findPapers(db: ShelfmarkDB, refs: readonly { id: PaperId; aliases?: readonly PaperId[] }[]): Promise<SavedPaper[]> {
  const ids = [...new Set(refs.map((ref) => ref.id))];
  if (ids.length === 0) return [];
  const stored = await db.papers.count();
  if (stored === 0) return [];
  const wanted = [...new Set(refs.flatMap(keysOf))];
  if (stored <= ids.length) {
    const keys = new Set(wanted);
    return (await db.papers.toArray()).filter((paper) => keysOf(paper).some((key) => keys.has(key)));
  }
  const byId = new Map<PaperId, SavedPaper>();
  for (const paper of await db.papers.bulkGet(ids)) if (paper) byId.set(paper.id, paper);
  const covered = new Set([...byId.values()].flatMap(keysOf));
  const rest = wanted.filter((key) => !covered.has(key));
  if (rest.length > 0) {
    for (const paper of await db.papers.where('aliases').anyOf(rest).toArray()) byId.set(paper.id, paper);
  }
  return [...byId.values()];
}

/** Writes `paper` in place of the records `located` found (re-keyed ones are deleted). */
export async function store(db: ShelfmarkDB, located: Located, paper: SavedPaper): Promise<void> {
  const stale = located.storedIds.filter((id) => id !== paper.id);
  if (stale.length > 0) await db.papers.bulkDelete(stale);
  await db.papers.put(paper);
}
