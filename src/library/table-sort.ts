// The library table's columns and how each sorts. Pure functions over the rows the list shows
// (search, tag and status filters already applied), so the table sorts what the popup would show.
import type { SavedPaper } from '../shared/records';
import { READING_STATUSES } from '../shared/paper';

export type ColumnId = 'title' | 'authors' | 'venue' | 'tags' | 'status' | 'saved';
export type Direction = 'asc' | 'desc';
export interface ColumnSort {
  column: ColumnId;
  direction: Direction;
}

export const COLUMNS: readonly { id: ColumnId; label: string }[] = [
  { id: 'title', label: 'Title' },
  { id: 'authors', label: 'Authors' },
  { id: 'venue', label: 'Venue / year' },
  { id: 'tags', label: 'Tags' },
  { id: 'status', label: 'Status' },
  { id: 'saved', label: 'Saved' },
];

/** Where the paper appeared: its journal reference, else its arXiv subject, else the site it came from. */
export function venueOf(paper: SavedPaper): string {
  if (paper.journalRef) return paper.journalRef;
  if (paper.primarySubject) return `arXiv ${paper.primarySubject}`;
  if (paper.id.startsWith('arxiv:')) return 'arXiv';
  return paper.source?.site === 'huggingface' ? 'Hugging Face' : '';
}

export function yearOf(paper: SavedPaper): string {
  return /^\d{4}/u.exec(paper.date ?? '')?.[0] ?? '';
}

const text = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
const statusRank = new Map(READING_STATUSES.map((status, index) => [status, index]));

function compareBy(column: ColumnId): (a: SavedPaper, b: SavedPaper) => number {
  switch (column) {
    case 'title':
      return (a, b) => text.compare(a.title, b.title);
    case 'authors':
      return (a, b) => text.compare(a.authors[0] ?? '', b.authors[0] ?? '');
    case 'venue':
      return (a, b) => yearOf(a).localeCompare(yearOf(b)) || text.compare(venueOf(a), venueOf(b));
    case 'tags':
      return (a, b) => text.compare(a.tags.join(' '), b.tags.join(' '));
    case 'status':
      return (a, b) => statusRank.get(a.status)! - statusRank.get(b.status)!;
    case 'saved':
      return (a, b) => a.savedAt - b.savedAt;
  }
}

// Re-sorting 10,000 rows for every render would cost tens of milliseconds; the same rows in the
// same order are sorted once.
const cache = new WeakMap<readonly SavedPaper[], Map<string, readonly SavedPaper[]>>();

/** `rows` in the column's order (ties keep their order), or as they are when no column is chosen. */
export function sortRows(rows: readonly SavedPaper[], sort: ColumnSort | null): readonly SavedPaper[] {
  if (!sort) return rows;
  let byKey = cache.get(rows);
  if (!byKey) cache.set(rows, (byKey = new Map()));
  const key = `${sort.column}:${sort.direction}`;
  let sorted = byKey.get(key);
  if (!sorted) {
    const compare = compareBy(sort.column);
    const sign = sort.direction === 'asc' ? 1 : -1;
    sorted = [...rows].sort((a, b) => sign * compare(a, b));
    byKey.set(key, sorted);
  }
  return sorted;
}

/** A click on a column header: the same column flips direction; another starts ascending (saved: newest first). */
export function nextSort(current: ColumnSort | null, column: ColumnId): ColumnSort {
  if (current?.column === column) return { column, direction: current.direction === 'asc' ? 'desc' : 'asc' };
  return { column, direction: column === 'saved' ? 'desc' : 'asc' };
}
