// Finding the one record of a paper inside a write transaction, by any key it is known by.
import type { PaperId } from '../shared/paper';
import { Refused } from '../shared/refused';
import { absorb } from './merge';
import { keysOf } from '../shared/paper-id';
import type { SavedPaper } from '../shared/records';
import type { ShelfmarkDB } from './schema';

export interface Located {
  /** The paper's record, merged into one if several stored records turned out to be it. */
  paper: SavedPaper | undefined;
  /** Ids of the stored records `paper` stands for; any not equal to the final id are deleted. */
  storedIds: PaperId[];
  /** Every key of every stored record found, so tabs showing any of them hear about the change. */
  keys: PaperId[];
}

/**
 * Must run inside a transaction over `papers`. One index query, whatever the number of keys.
 * With `joining` (what the keys belong to, for the message), keys that name two different stored
 * papers are refused (see `refuseJoin`); without it such records are merged (sync, which decides
 * identity by its own records).
 */
export async function locate(db: ShelfmarkDB, keys: readonly PaperId[], joining?: JoinCheck): Promise<Located> {
  const found = await db.papers.where('aliases').anyOf([...keys]).distinct().toArray();
  if (found.length === 0) return { paper: undefined, storedIds: [], keys: [] };
  if (joining) refuseJoin(found, joining);
  // Oldest first, so the merged record keeps the first-saved record's metadata and spelling.
  found.sort((a, b) => a.savedAt - b.savedAt);
  const [first, ...rest] = found as [SavedPaper, ...SavedPaper[]];
  return {
    paper: rest.reduce(absorb, first),
    storedIds: found.map((paper) => paper.id),
    keys: [...new Set(found.flatMap(keysOf))],
  };
}

/** Who would join the papers, as the refusal names it, and what the user can do about it. */
export interface JoinCheck {
  what: string;
  hint: string;
}

/**
 * Stored records that share no key are different papers. A record whose keys name two of them
 * (an alias that is another stored paper's id, a page entry showing one paper's arXiv id and
 * another's DOI) would merge them, their notes, statuses and tags with them: refused, naming
 * both, before anything is written. Records that share a key are one paper stored twice, which
 * may be merged. The one check for imports (db/import.ts) and saves from pages (papers.ts,
 * tagging.ts).
 */
export function refuseJoin(records: readonly { id: PaperId; aliases?: readonly PaperId[] }[], { what, hint }: JoinCheck): void {
  if (records.length < 2) return;
  // Records grouped by shared keys: each group is one paper.
  const groupOfKey = new Map<PaperId, number>();
  const firstOfGroup: PaperId[] = [];
  const parent: number[] = [];
  const root = (group: number): number => (parent[group] === group ? group : (parent[group] = root(parent[group]!)));
  for (const record of records) {
    const group = firstOfGroup.push(record.id) - 1;
    parent.push(group);
    for (const key of keysOf(record)) {
      const other = groupOfKey.get(key);
      if (other === undefined) groupOfKey.set(key, group);
      else parent[root(group)] = root(other);
    }
  }
  const papers = [...new Set(parent.map((_, group) => root(group)))].map((group) => firstOfGroup[group]!);
  if (papers.length > 1) {
    throw new Refused(`${what} would join two papers of your list into one: "${papers[0]}" and "${papers[1]}". ${hint}`);
  }
}

/** A save or tag from a page, whose entry (`id`) may show ids of two saved papers. */
export function pageJoin(id: PaperId): JoinCheck {
  return { what: `This entry ("${id}")`, hint: 'Nothing was saved; if they are the same paper, remove one of them and save again.' };
}

// Measured in Chromium 156 on a 10,000-paper store: each step of an index cursor that lands on
// an entry (asked for or not) costs ~1 ms, as much as ~14 pipelined point requests (~0.07 ms each).
const CURSOR_STEP_COST = 14;

/**
 * How many entries an `anyOf(sortedWanted)` cursor lands on: one per gap between consecutive
 * wanted keys that holds a stored key. Stored ids stand in for the whole `aliases` index (the
 * other aliases are few).
 */
function cursorLandings(sortedWanted: readonly string[], sortedStored: readonly string[]): number {
  let landings = 1;
  let j = 0;
  for (let i = 0; i < sortedWanted.length; i += 1) {
    while (j < sortedStored.length && sortedStored[j]! < sortedWanted[i]!) j += 1;
    const next = sortedWanted[i + 1];
    if (j < sortedStored.length && (next === undefined || sortedStored[j]! < next)) landings += 1;
  }
  return landings;
}

/**
 * Every stored paper known by any key of `refs`, inside the caller's transaction, with a few
 * batched requests whatever the number of refs:
 * - a store holding no more papers than are asked for is read whole (one `getAll`);
 * - otherwise the stored ids in the range asked about (one `getAllKeys`) tell which keys are ids: those records come in one
 *   pipelined `bulkGet`; the keys left can only be other aliases, looked up through the `aliases`
 *   index by one `anyOf` cursor where it would step over few entries (keys outside the stored
 *   range: a fresh listing), else by pipelined point queries (keys among dense stored ids).
 */
export async function findPapers(db: ShelfmarkDB, refs: readonly { id: PaperId; aliases?: readonly PaperId[] }[]): Promise<SavedPaper[]> {
  if (refs.length === 0) return [];
  const stored = await db.papers.count();
  if (stored === 0) return [];
  const wanted = [...new Set(refs.flatMap(keysOf))];
  if (stored <= refs.length) {
    const keys = new Set(wanted);
    return (await db.papers.toArray()).filter((paper) => keysOf(paper).some((key) => keys.has(key)));
  }
  // Only ids between the smallest and largest key asked for can match or slow a cursor down; for
  // a listing of new papers that range holds few stored ids, often none.
  const sorted = [...wanted].sort();
  const storedIds = (await db.papers
    .where(':id')
    .between(sorted[0]!, sorted[sorted.length - 1]!, true, true)
    .primaryKeys()) as PaperId[];
  const isStoredId = new Set(storedIds);
  const byId = new Map<PaperId, SavedPaper>();
  const direct = wanted.filter((key) => isStoredId.has(key));
  for (const paper of direct.length === 0 ? [] : await db.papers.bulkGet(direct)) if (paper) byId.set(paper.id, paper);
  const covered = new Set([...byId.values()].flatMap(keysOf));
  const rest = wanted.filter((key) => !covered.has(key) && !isStoredId.has(key)).sort();
  if (rest.length > 0) {
    const aliases = db.papers.where('aliases');
    const found =
      cursorLandings(rest, storedIds) * CURSOR_STEP_COST <= rest.length
        ? await aliases.anyOf(rest).toArray()
        : (await Promise.all(rest.map((key) => db.papers.where('aliases').equals(key).toArray()))).flat();
    for (const paper of found) byId.set(paper.id, paper);
  }
  return [...byId.values()];
}

/** Writes `paper` in place of the records `located` found (re-keyed ones are deleted). */
export async function store(db: ShelfmarkDB, located: Located, paper: SavedPaper): Promise<void> {
  const stale = located.storedIds.filter((id) => id !== paper.id);
  if (stale.length > 0) await db.papers.bulkDelete(stale);
  await db.papers.put(paper);
}
