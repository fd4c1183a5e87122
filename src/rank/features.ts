// Hashed word and word-pair features with TF-IDF weights. Hashing (32-bit FNV-1a, below) maps every
// term into a fixed space of FEATURE_BITS bits, so the model is one typed array of known size
// and no vocabulary has to be kept or grown; collisions at this size cost little accuracy. Pairs
// ("diffusion model") carry topics that single words share with other fields.
import type { Slicer } from './slices';
import { forEachWord, NOT_ASCII, termOf } from './terms';

export const FEATURE_BITS = 18;
export const FEATURE_DIM = 1 << FEATURE_BITS;
const MASK = FEATURE_DIM - 1;
const FNV_BASE = 0x811c9dc5 | 0;
const FNV_PRIME = 16_777_619;

/**
 * 32-bit FNV-1a of `s` continued from `seed` (http://isthe.com/chongo/tech/comp/fnv/). The
 * usual shifts-and-adds step is a multiplication by the FNV prime modulo 2^32; Math.imul keeps
 * it in 32-bit integers. The plain-ASCII scan in featuresOf takes the same step inline.
 */
function fnv1a(s: string, seed = FNV_BASE): number {
  let hash = seed | 0;
  for (let i = 0; i < s.length; i++) hash = Math.imul(hash ^ s.charCodeAt(i), FNV_PRIME);
  return hash >>> 0;
}

const PAIR_SEED = fnv1a('\u0001pair');

/**
 * A paper's features: hashed term indices, one per occurrence (repeats are its term counts),
 * sorted, so that counting them needs no map (scoring a listing counts 2,000 papers' features).
 */
export type FeatureIds = Uint32Array;

/** A sparse, L2-normalised TF-IDF vector. */
export interface SparseVector {
  index: Uint32Array;
  value: Float32Array;
}

/** What a feature index stands for, where the text is at hand (explanations). */
export type FeatureLabels = Map<number, string>;

export { rankText } from '../shared/for-you';

/** What a word adds: its term, the term's feature, and the hash a pair starting with it continues from. */
interface WordFeature {
  stem: string;
  id: number;
  pairSeed: number;
}

/** A cached word: the word itself (hashes can collide), and its feature (null: not a term). */
interface CachedWord {
  word: string;
  feature: WordFeature | null;
}

// The same words come back on every page and in every training run: each word is stemmed and
// hashed once (tokenising was most of the time of scoring a listing and of training). Keyed by
// the word's FNV-1a hash, which plain-ASCII text is scanned with, so that looking a word up
// needs no string cut out of the text.
const WORD_CACHE_LIMIT = 100_000;
const wordCache = new Map<number, CachedWord>();

function wordFeature(word: string, hash = fnv1a(word)): WordFeature | null {
  const cached = wordCache.get(hash);
  if (cached && cached.word === word) return cached.feature;
  const stem = termOf(word);
  const feature = stem === null ? null : { stem, id: fnv1a(stem) & MASK, pairSeed: fnv1a(stem, PAIR_SEED) };
  if (wordCache.size >= WORD_CACHE_LIMIT) wordCache.clear();
  wordCache.set(hash, { word, feature });
  return feature;
}

// Room for one text's features before they are copied out (grown for long abstracts).
let scratch = new Uint32Array(1024);
let count = 0;
let before: WordFeature | null = null;

/** Appends `term`'s feature, and the pair it ends, to the scratch; answers the pair's feature (-1: none). */
function append(term: WordFeature): number {
  if (count + 2 > scratch.length) {
    const grown = new Uint32Array(scratch.length * 2);
    grown.set(scratch);
    scratch = grown;
  }
  scratch[count++] = term.id;
  let pair = -1;
  if (before !== null) {
    // A pair is its second term hashed on from the first's seed: fnv1a(stem, fnv1a(before, PAIR_SEED)).
    pair = fnv1a(term.stem, before.pairSeed) & MASK;
    scratch[count++] = pair;
  }
  before = term;
  return pair;
}

/** Features of `text`; with `labels`, also what each index stands for (the words as written). */
export function featuresOf(text: string, labels?: FeatureLabels): FeatureIds {
  count = 0;
  before = null;
  scan(text, labels);
  sortScratch();
  return scratch.slice(0, count);
}

/**
 * `featuresOf(text)` in the shared scratch, valid only until the next call here: for scoring,
 * which keeps none. Copying each of a listing's 2,000 lists into an array of its own (an
 * ArrayBuffer each) cost Chromium more than reading the titles did.
 */
export function transientFeaturesOf(text: string, labels?: FeatureLabels): FeatureIds {
  count = 0;
  before = null;
  scan(text, labels);
  sortScratch();
  return scratch.subarray(0, count);
}

/**
 * A saved paper's two examples at once: `featuresOf(title)` and, with an abstract,
 * `featuresOf(rankText(title, abstract))`, the title read once (training reads 10,000 of them).
 */
export interface PaperFeatures {
  title: FeatureIds;
  /** Title and abstract; null without an abstract. */
  full: FeatureIds | null;
}

export function paperFeatures(title: string, abstract?: string): PaperFeatures {
  count = 0;
  before = null;
  scan(title);
  sortScratch();
  const titleIds = scratch.slice(0, count);
  if (!abstract) return { title: titleIds, full: null };
  // rankText's line break only ends a word, as does the end of the title: the pair across it
  // stays. The title's features, sorted meanwhile, are as many as before: only their order moved.
  scan(abstract);
  sortScratch();
  return { title: titleIds, full: scratch.slice(0, count) };
}

/** Sorts the scratch's features; a title's few dozen by insertion, cheaper than TypedArray#sort at that size. */
function sortScratch(): void {
  const ids = scratch;
  if (count > 64) {
    ids.subarray(0, count).sort();
    return;
  }
  for (let i = 1; i < count; i++) {
    const id = ids[i]!;
    let j = i - 1;
    while (j >= 0 && ids[j]! > id) {
      ids[j + 1] = ids[j]!;
      j--;
    }
    ids[j + 1] = id;
  }
}

/** Appends the features of `text` to the scratch, pairs continuing from the text before. */
function scan(text: string, labels?: FeatureLabels): void {
  if (labels || NOT_ASCII.test(text)) {
    // The first way each term is written in this text, for the labels.
    const written = new Map<string, string>();
    forEachWord(text, (word) => {
      const previous = before;
      const term = wordFeature(word);
      if (term === null) return;
      const pair = append(term);
      if (!labels) return;
      if (!written.has(term.stem)) written.set(term.stem, word);
      if (!labels.has(term.id)) labels.set(term.id, written.get(term.stem)!);
      if (pair >= 0 && !labels.has(pair)) labels.set(pair, `${written.get(previous!.stem)!} ${written.get(term.stem)!}`);
    });
    return;
  }
  // Plain ASCII: the words of forEachWord (runs of a-z and 0-9 once lower-cased), each hashed
  // as it is read (fnv1a's steps, inline) and cut out of the text only when not cached.
  const lower = text.toLowerCase();
  let start = -1;
  let hash = FNV_BASE;
  for (let i = 0; i <= lower.length; i++) {
    const c = i < lower.length ? lower.charCodeAt(i) : 0;
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {
      if (start < 0) {
        start = i;
        hash = FNV_BASE;
      }
      // fnv1a's step: its shifts and adds are a multiplication by the FNV prime, modulo 2^32.
      hash = Math.imul(hash ^ c, FNV_PRIME);
    } else if (start >= 0) {
      const key = hash >>> 0;
      const cached = wordCache.get(key);
      const term =
        cached && cached.word.length === i - start && lower.startsWith(cached.word, start)
          ? cached.feature
          : wordFeature(lower.slice(start, i), key);
      if (term !== null) append(term);
      start = -1;
    }
  }
}

/**
 * Document frequencies over the hashed space: how many papers hold each feature. Kept as counts
 * (not weights) so that papers can be added one at a time.
 */
export class DocumentFrequencies {
  readonly counts: Uint32Array;
  docs = 0;
  private table: Float32Array | null = null;

  constructor(counts = new Uint32Array(FEATURE_DIM), docs = 0) {
    this.counts = counts;
    this.docs = docs;
  }

  /** Counts each distinct feature of `ids` (sorted) once. */
  add(ids: FeatureIds): void {
    for (let i = 0; i < ids.length; i++) if (i === 0 || ids[i] !== ids[i - 1]) this.counts[ids[i]!]! += 1;
    this.docs += 1;
    this.table = null;
  }

  /** Smoothed inverse document frequency (as scikit-learn's): rare features weigh more. */
  idf(id: number): number {
    return this.idfTable()[id]!;
  }

  /** Every feature's idf, computed for the whole space at once after the counts are in (a listing reads it 40,000 times). */
  idfTable(): Float32Array {
    if (!this.table) {
      const table = new Float32Array(this.counts.length);
      this.fillIdf(table, 0, table.length);
      this.table = table;
    }
    return this.table;
  }

  /** `idfTable()` in runs that yield between them (training: the whole space is 262,144 logarithms). */
  async idfTableSliced(slicer: Slicer): Promise<Float32Array> {
    if (!this.table) {
      const table = new Float32Array(this.counts.length);
      await slicer.chunks(table.length, 16_384, (from, to) => this.fillIdf(table, from, to));
      this.table = table;
    }
    return this.table;
  }

  private fillIdf(table: Float32Array, from: number, to: number): void {
    const docs = this.docs + 1;
    for (let f = from; f < to; f++) table[f] = Math.log(docs / (this.counts[f]! + 1)) + 1;
  }
}

/** How many distinct features `ids` (sorted) holds: the length of its vector. */
export function distinctCount(ids: FeatureIds): number {
  let distinct = 0;
  for (let i = 0; i < ids.length; i++) if (i === 0 || ids[i] !== ids[i - 1]) distinct++;
  return distinct;
}

/**
 * TF-IDF of `ids` (sorted) with sub-linear term counts, scaled to unit length, written into
 * `index`/`value` from `at` on; answers where it ended. Training writes all its examples into
 * one pair of arrays this way (70,000 small arrays each would be as many allocations).
 */
export function vectorizeInto(ids: FeatureIds, idf: Float32Array, index: Uint32Array, value: Float32Array, at: number): number {
  const start = at;
  let norm = 0;
  for (let i = 0; i < ids.length; ) {
    const id = ids[i]!;
    let j = i + 1;
    while (j < ids.length && ids[j] === id) j++;
    const weight = (j - i === 1 ? 1 : 1 + Math.log(j - i)) * idf[id]!;
    index[at] = id;
    value[at++] = weight;
    norm += weight * weight;
    i = j;
  }
  if (norm > 0) {
    const scale = 1 / Math.sqrt(norm);
    for (let k = start; k < at; k++) value[k]! *= scale;
  }
  return at;
}

/** TF-IDF of `ids` (sorted) with sub-linear term counts, scaled to unit length; `idf`: DocumentFrequencies#idfTable. */
export function vectorize(ids: FeatureIds, idf: Float32Array): SparseVector {
  const distinct = distinctCount(ids);
  const vector = { index: new Uint32Array(distinct), value: new Float32Array(distinct) };
  vectorizeInto(ids, idf, vector.index, vector.value, 0);
  return vector;
}
