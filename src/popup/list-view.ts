// Which papers the list shows, in what order, and how many papers carry each tag: pure functions
// of the data and the user's choices, so the controller can memoise them.
import type { SavedPaper, TagRecord } from '../shared/records';
import type { ReadingStatus } from '../shared/paper';
import { defaultTagColor } from '../shared/tags';

export type SortOrder = 'saved' | 'title' | 'date';
export type StatusFilter = ReadingStatus | 'all';

export interface ListChoices {
  /** Ids in rank order from the search index, or null when there is no query. */
  ranked: readonly string[] | null;
  /** Tag keys; a paper must carry all of them. */
  tags: readonly string[];
  status: StatusFilter;
  sort: SortOrder;
}

const byTitle = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

function compare(sort: SortOrder): (a: SavedPaper, b: SavedPaper) => number {
  switch (sort) {
    case 'title':
      return (a, b) => byTitle.compare(a.title, b.title);
    case 'date':
      // Undated papers last; ties newest-saved first.
      return (a, b) => (b.date ?? '').localeCompare(a.date ?? '') || b.savedAt - a.savedAt;
    case 'saved':
      return (a, b) => b.savedAt - a.savedAt;
  }
}

// Search results come as ids; the lookup table is built once per liveQuery result, not per keystroke.
const byIdCache = new WeakMap<readonly SavedPaper[], Map<string, SavedPaper>>();
function byIdOf(papers: readonly SavedPaper[]): Map<string, SavedPaper> {
  let byId = byIdCache.get(papers);
  if (!byId) {
    byId = new Map(papers.map((paper) => [paper.id, paper]));
    byIdCache.set(papers, byId);
  }
  return byId;
}

// Sorting 10,000 papers takes tens of milliseconds; a keystroke that leaves no query (or one still
// too short to search) must not pay it again, so each list is sorted once per order.
const sortedCache = new WeakMap<readonly SavedPaper[], Map<SortOrder, readonly SavedPaper[]>>();
function sortedOf(papers: readonly SavedPaper[], sort: SortOrder): readonly SavedPaper[] {
  let byOrder = sortedCache.get(papers);
  if (!byOrder) {
    byOrder = new Map();
    sortedCache.set(papers, byOrder);
  }
  let sorted = byOrder.get(sort);
  if (!sorted) {
    sorted = [...papers].sort(compare(sort));
    byOrder.set(sort, sorted);
  }
  return sorted;
}

export function selectPapers(papers: readonly SavedPaper[], choices: ListChoices): SavedPaper[] {
  const keep = (paper: SavedPaper): boolean =>
    (choices.status === 'all' || paper.status === choices.status) && choices.tags.every((tag) => paper.tagKeys.includes(tag));
  if (choices.ranked) {
    // A search shows results by relevance; the sort applies when the query is empty.
    const byId = byIdOf(papers);
    return choices.ranked.map((id) => byId.get(id)).filter((paper): paper is SavedPaper => paper !== undefined && keep(paper));
  }
  return sortedOf(papers, choices.sort).filter(keep);
}

export interface TagCount {
  key: string;
  name: string;
  color: string;
  count: number;
}

/** Every tag in use, most used first; the display form and colour from the tag table. */
export function countTags(papers: readonly SavedPaper[], tags: readonly TagRecord[]): TagCount[] {
  const records = new Map(tags.map((tag) => [tag.key, tag]));
  const counts = new Map<string, TagCount>();
  for (const paper of papers) {
    paper.tagKeys.forEach((key, index) => {
      const entry = counts.get(key);
      if (entry) entry.count += 1;
      else {
        const record = records.get(key);
        counts.set(key, { key, name: record?.name ?? paper.tags[index] ?? key, color: record?.color ?? defaultTagColor(key), count: 1 });
      }
    });
  }
  return [...counts.values()].sort((a, b) => b.count - a.count || byTitle.compare(a.name, b.name));
}
