// A search that needs no index: the first keystrokes after the popup opens are answered by
// scanning the papers, while the MiniSearch index (search-index.ts) is still being built in
// slices (seconds of main-thread time for 10,000 papers on a loaded machine). It follows the
// index's quick-search rules: the same fields (title, authors, tags, notes), words split at
// spaces and punctuation and compared lower-cased, words of three letters or more matching as
// prefixes and shorter ones whole, every word required, title matches first, and a short last
// word still being typed that matches nothing dropped.
import type { SavedPaper } from '../shared/records';

// MiniSearch's default tokenizer: whitespace and punctuation separate words.
const SPACE_OR_PUNCTUATION = /[\n\r\p{Z}\p{P}]+/u;
// A character that continues a word (the text is lower-cased): ASCII letters and digits, and
// any non-ASCII character but spaces and punctuation. Other ASCII characters (`$`, `+`, …)
// separate words here, as they did for the scan before.
const WORD_CHAR = String.raw`[a-z0-9]|[^\0-\x7f\p{Z}\p{P}]`;

/**
 * One list's searchable text, lower-cased: every paper's title in one string and its other short
 * fields in another, papers (and fields) joined by a newline, which is a separator, so no word
 * runs across two. `starts[i]` is where paper i begins (one extra entry: the end). One native
 * search over a long string costs a fraction of 10,000 short ones, and no term can match across
 * papers, since terms never hold a newline.
 */
interface Corpus {
  ids: readonly string[];
  title: Field;
  rest: Field;
}

interface Field {
  text: string;
  starts: Int32Array;
}

// liveQuery hands out a new array for every change: one corpus per array, built when first
// needed (or in idle time, `prepareScan`) and dropped with its array.
const corpora = new WeakMap<readonly SavedPaper[], Corpus>();

function fieldOf(pieces: readonly string[]): Field {
  const starts = new Int32Array(pieces.length + 1);
  const raw = pieces.join('\n');
  let text = raw.toLowerCase();
  // Lower-casing may change a string's length ('İ' becomes two code units): then the offsets are
  // counted on each lower-cased piece instead.
  if (text.length !== raw.length) pieces = pieces.map((piece) => piece.toLowerCase());
  if (text.length !== raw.length) text = pieces.join('\n');
  let at = 0;
  for (let i = 0; i < pieces.length; i += 1) {
    starts[i] = at;
    at += pieces[i]!.length + 1;
  }
  starts[pieces.length] = at;
  return { text, starts };
}

function corpusOf(papers: readonly SavedPaper[]): Corpus {
  let corpus = corpora.get(papers);
  if (!corpus) {
    corpus = {
      ids: papers.map((paper) => paper.id),
      title: fieldOf(papers.map((paper) => paper.title)),
      rest: fieldOf(papers.map((paper) => `${paper.authors.join('\n')}\n${paper.tags.join('\n')}\n${paper.note}`)),
    };
    corpora.set(papers, corpus);
  }
  return corpus;
}

/**
 * Prepares the list's text for the scan (idle work: a few milliseconds for 10,000 papers, done
 * otherwise by the first search). Returns false if it was prepared already.
 */
export function prepareScan(papers: readonly SavedPaper[]): boolean {
  if (corpora.has(papers)) return false;
  corpusOf(papers);
  return true;
}

function escape(term: string): string {
  return term.replace(/[\\^$.*+?()[\]{}|/-]/gu, '\\$&');
}

/** Where `term` starts a word (a prefix of three letters or more; shorter ones whole words). */
function termPattern(term: string): RegExp {
  const whole = term.length >= 3 ? '' : `(?!${WORD_CHAR})`;
  return new RegExp(`(?<!${WORD_CHAR})${escape(term)}${whole}`, 'gu');
}

/**
 * Counts, per paper, the terms that `pattern` (term number `mark`) matches in `field`: once per
 * term, in `hits`; a match in the title also counts in `titleHits` when given. After a match the
 * search goes on at the next paper.
 */
function countMatches(field: Field, pattern: RegExp, mark: number, seen: Int32Array, hits: Int32Array, titleHits?: Int32Array): void {
  const { text, starts } = field;
  let paper = 0;
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    while (starts[paper + 1]! <= match.index) paper += 1;
    if (seen[paper] !== mark) {
      seen[paper] = mark;
      hits[paper] = hits[paper]! + 1;
    }
    if (titleHits) titleHits[paper] = titleHits[paper]! + 1;
    pattern.lastIndex = starts[paper + 1]!;
  }
}

function scan(corpus: Corpus, terms: readonly string[]): string[] {
  const n = corpus.ids.length;
  // Per paper: how many of the terms it matches anywhere, and in its title; `seen` holds the
  // last term (its number plus one) counted for the paper, so a term counts once.
  const anywhere = new Int32Array(n);
  const inTitle = new Int32Array(n);
  const seen = new Int32Array(n);
  terms.forEach((term, index) => {
    const pattern = termPattern(term);
    countMatches(corpus.title, pattern, index + 1, seen, anywhere, inTitle);
    countMatches(corpus.rest, pattern, index + 1, seen, anywhere);
  });
  const first: string[] = [];
  const then: string[] = [];
  for (let i = 0; i < n; i += 1) {
    if (anywhere[i] === terms.length) (inTitle[i] === terms.length ? first : then).push(corpus.ids[i]!);
  }
  return first.concat(then);
}

/** Ids of the matching papers, title matches first (each group in list order), or null for no filtering. */
export function scanSearch(papers: readonly SavedPaper[], query: string): string[] | null {
  const terms = query.toLowerCase().split(SPACE_OR_PUNCTUATION).filter(Boolean);
  if (terms.length === 0) return null;
  const corpus = corpusOf(papers);
  const found = scan(corpus, terms);
  if (found.length > 0 || terms[terms.length - 1]!.length > 2) return found;
  // A one- or two-letter last word is probably still being typed (as search-index.ts does).
  const rest = terms.slice(0, -1);
  return rest.length === 0 ? null : scan(corpus, rest);
}
