// Reading a whole store without holding it: training (issue 15) reads the library, the seen
// history and the ranking's features, tens of thousands of records, while the user saves papers.
// One transaction per store held it for as long as IndexedDB took to hand everything over (a
// save, a read-write transaction on papers, waited behind it: seconds) and decoded it in one task.
import type { Collection, Table } from 'dexie';
import { macrotask, type Yield } from '../rank/slices';

export interface PagedReadOptions {
  /** Keys or records read per transaction. */
  perRead?: number;
  /** Awaited between two reads: a macrotask, so messages queued meanwhile are handled first. */
  pause?: Yield;
}

/**
 * Everything `read` gives, one page per call (each call its own short transaction), in key order.
 * A page starts strictly after the key of the last item before it, so an item added or removed
 * between two reads never makes another be read twice or missed. Not a snapshot: an item added
 * or removed meanwhile is there or not depending on where it falls.
 */
export async function readInPages<T, K extends string = string>(
  read: (after: K | undefined, limit: number) => Promise<T[]>,
  keyOf: (item: T) => K,
  { perRead = 2_000, pause = macrotask }: PagedReadOptions = {},
): Promise<T[]> {
  const items: T[] = [];
  for (;;) {
    const last = items.at(-1);
    const page = await read(last === undefined ? undefined : keyOf(last), perRead);
    for (const item of page) items.push(item);
    if (page.length < perRead) return items;
    await pause();
  }
}

/**
 * `table` in primary-key order from just after `after` (from the start when undefined), `limit`
 * at most: one page of a whole store read by readInPages, as records or as keys.
 */
export function pageAfter<T, I>(table: Table<T, string, I>, after: string | undefined, limit: number): Collection<T, string, I> {
  return (after === undefined ? table.toCollection() : table.where(':id').above(after)).limit(limit);
}
