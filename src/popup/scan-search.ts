// A search that needs no index: the first keystrokes after the popup opens are answered by
// scanning the papers, while the MiniSearch index (search-index.ts) is still being built in
// slices (about half a second for 10,000 papers; a scan of their short fields takes a few
// milliseconds). It follows the index's quick-search rules: the same fields (title, authors, tags,
// notes), words split at spaces and punctuation and compared lower-cased, words of three letters
// or more matching as prefixes and shorter ones whole, every word required, title matches first,
// and a short last word still being typed that matches nothing dropped.
import type { SavedPaper } from '../shared/records';

// MiniSearch's default tokenizer: whitespace and punctuation separate words.
const SPACE_OR_PUNCTUATION = /[\n\r\p{Z}\p{P}]+/u;
const SEPARATOR = /^[\n\r\p{Z}\p{P}]$/u;

interface Haystack {
  /** Lower-cased text; fields are joined by a newline, so no word runs across two. */
  title: string;
  rest: string;
}

// Lower-casing is the only preparation, kept per paper version: liveQuery hands out new records
// for every change, and a change to one paper must not redo 10,000.
const prepared = new Map<string, { updatedAt: number; hay: Haystack }>();

function haystackOf(paper: SavedPaper): Haystack {
  const cached = prepared.get(paper.id);
  if (cached?.updatedAt === paper.updatedAt) return cached.hay;
  const hay = { title: paper.title.toLowerCase(), rest: `${paper.authors.join('\n')}\n${paper.tags.join('\n')}\n${paper.note}`.toLowerCase() };
  prepared.set(paper.id, { updatedAt: paper.updatedAt, hay });
  return hay;
}

/** Prepares up to `max` papers not prepared yet (idle work); returns whether all are. */
export function prepareScan(papers: readonly SavedPaper[], max = Infinity): boolean {
  let done = 0;
  for (const paper of papers) {
    if (prepared.get(paper.id)?.updatedAt === paper.updatedAt) continue;
    if (done >= max) return false;
    haystackOf(paper);
    done += 1;
  }
  return true;
}

function isBoundary(text: string, index: number): boolean {
  if (index < 0 || index >= text.length) return true;
  const code = text.charCodeAt(index);
  // ASCII letters and digits (lower-cased) are the common case; everything else asks the regex.
  if ((code >= 97 && code <= 122) || (code >= 48 && code <= 57)) return false;
  return code < 128 ? true : SEPARATOR.test(text[index]!);
}

function matches(text: string, term: string): boolean {
  for (let at = text.indexOf(term); at >= 0; at = text.indexOf(term, at + 1)) {
    if (isBoundary(text, at - 1) && (term.length >= 3 || isBoundary(text, at + term.length))) return true;
  }
  return false;
}

function scan(papers: readonly SavedPaper[], terms: readonly string[]): string[] {
  const inTitle: string[] = [];
  const elsewhere: string[] = [];
  for (const paper of papers) {
    const hay = haystackOf(paper);
    let all = true;
    let allTitle = true;
    for (const term of terms) {
      const title = matches(hay.title, term);
      if (!title) allTitle = false;
      if (!title && !matches(hay.rest, term)) {
        all = false;
        break;
      }
    }
    if (all) (allTitle ? inTitle : elsewhere).push(paper.id);
  }
  return [...inTitle, ...elsewhere];
}

/** Ids of the matching papers, title matches first (each group in list order), or null for no filtering. */
export function scanSearch(papers: readonly SavedPaper[], query: string): string[] | null {
  const terms = query.toLowerCase().split(SPACE_OR_PUNCTUATION).filter(Boolean);
  if (terms.length === 0) return null;
  const found = scan(papers, terms);
  if (found.length > 0 || terms[terms.length - 1]!.length > 2) return found;
  // A one- or two-letter last word is probably still being typed (as search-index.ts does).
  const rest = terms.slice(0, -1);
  return rest.length === 0 ? null : scan(papers, rest);
}
