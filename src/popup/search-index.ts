// Full-text search over the reading list with MiniSearch. The index is built once and then kept
// in step with each liveQuery result by diffing on `updatedAt`, so a change in one paper costs one
// re-index, not 10,000.
import MiniSearch from 'minisearch';
import type { SavedPaper } from '../shared/records';

interface IndexedPaper {
  id: string;
  title: string;
  authors: string;
  abstract: string;
  tags: string;
  note: string;
}

const FIELDS = ['title', 'authors', 'abstract', 'tags', 'note'] as const;
/** Everything but the abstract: the short fields, searched on each keystroke (see `search`). */
const QUICK_FIELDS = ['title', 'authors', 'tags', 'note'];

function indexed(paper: SavedPaper): IndexedPaper {
  return {
    id: paper.id,
    title: paper.title,
    authors: paper.authors.join(' '),
    abstract: paper.abstract ?? '',
    tags: paper.tags.join(' '),
    note: paper.note,
  };
}

export class PaperSearch {
  private readonly index = new MiniSearch<IndexedPaper>({
    fields: [...FIELDS],
    idField: 'id',
    searchOptions: {
      boost: { title: 4, tags: 2, authors: 1.5 },
      // Search as you type: the last word is usually unfinished. Not for one or two letters,
      // which as prefixes match most of a large list and cost several keystroke budgets; nor
      // fuzzy matching, which costs several times the 16 ms budget at 10,000 papers.
      prefix: (term) => term.length >= 3,
      combineWith: 'AND',
    },
  });
  /** What is indexed now, by id: the `updatedAt` it was indexed at. */
  private readonly versions = new Map<string, number>();
  /**
   * The list last brought fully in line. liveQuery hands out a new array for every change, so the
   * same array means nothing to check: walking 10,000 papers for that cost ~15 ms per keystroke.
   */
  private synced: readonly SavedPaper[] | null = null;
  /** Where a step that stopped early (`syncStep`) stopped, in which list. */
  private resume: { papers: readonly SavedPaper[]; at: number } | null = null;

  /** Brings the index in line with `papers`; returns how many documents changed. */
  sync(papers: readonly SavedPaper[]): number {
    return this.syncStep(papers, Infinity).changed;
  }

  /**
   * Like `sync`, but stops after `maxChanges` documents, or once `performance.now()` passes
   * `until` (after one document at least), so a large first build can be spread over several
   * short tasks; call again with the same papers until `done`.
   */
  syncStep(papers: readonly SavedPaper[], maxChanges: number, until = Infinity): { changed: number; done: boolean } {
    if (papers === this.synced) return { changed: 0, done: true };
    let changed = 0;
    // A step on the same list goes on where the last one stopped: the papers before are in.
    for (let i = this.resume?.papers === papers ? this.resume.at : 0; i < papers.length; i += 1) {
      const paper = papers[i]!;
      const version = this.versions.get(paper.id);
      if (version === paper.updatedAt) continue;
      if (changed >= maxChanges || (changed > 0 && until !== Infinity && performance.now() > until)) {
        this.resume = { papers, at: i };
        return { changed, done: false };
      }
      if (version !== undefined) this.index.discard(paper.id);
      this.index.add(indexed(paper));
      this.versions.set(paper.id, paper.updatedAt);
      changed += 1;
    }
    if (this.versions.size > papers.length || changed > 0) {
      const present = new Set(papers.map((paper) => paper.id));
      for (const id of this.versions.keys()) {
        if (present.has(id)) continue;
        this.index.discard(id);
        this.versions.delete(id);
        changed += 1;
      }
    }
    this.synced = papers;
    this.resume = null;
    return { changed, done: true };
  }

  /** Whether the index is in line with `papers` (the list last synced in full). */
  isSyncedWith(papers: readonly SavedPaper[]): boolean {
    return papers === this.synced;
  }

  get size(): number {
    return this.versions.size;
  }

  /**
   * Ids best first, or null for no filtering. Papers whose title matches every query word come before all others (a boost
   * alone lets a long abstract full of the words outrank a title), each group by score. Without
   * fuzzy matching a document term matches a query term exactly or as its prefix, so the title
   * test reads MiniSearch's match map instead of running a second search.
   */
  search(query: string, { quick = false }: { quick?: boolean } = {}): string[] | null {
    // Abstracts are nine tenths of the text and match most of a large list, which makes scoring
    // cost several keystroke budgets; a quick search leaves them out.
    const options = quick ? { fields: QUICK_FIELDS } : {};
    let results = this.index.search(query, options);
    // A one- or two-letter last word is matched whole (see `prefix`); while it is still being
    // typed it usually matches nothing, and the list should not flash empty: drop it instead
    // (null: nothing left to search for, so nothing is filtered).
    if (results.length === 0 && /^\s*\S{1,2}\s*$|\s\S{1,2}$/u.test(query)) {
      const rest = query.replace(/\s*\S{1,2}\s*$/u, '');
      if (!rest.trim()) return null;
      results = this.index.search(rest, options);
    }
    return results
      .map((result) => ({
        id: result.id as string,
        score: result.score,
        inTitle: result.queryTerms.every((q) => result.terms.some((t) => t.startsWith(q) && result.match[t]?.includes('title'))),
      }))
      .sort((a, b) => Number(b.inTitle) - Number(a.inTitle) || b.score - a.score)
      .map((result) => result.id);
  }

}
