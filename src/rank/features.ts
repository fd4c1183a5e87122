// Hashed word and word-pair features with TF-IDF weights. Hashing (FNV-1a, `fnv1a`) maps every
// term into a fixed space of FEATURE_BITS bits, so the model is one typed array of known size
// and no vocabulary has to be kept or grown; collisions at this size cost little accuracy. Pairs
// ("diffusion model") carry topics that single words share with other fields.
import fnv1a from 'fnv1a';
import { termsOf } from './terms';

export const FEATURE_BITS = 18;
export const FEATURE_DIM = 1 << FEATURE_BITS;
const MASK = FEATURE_DIM - 1;
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

/** The text a paper is ranked by: its title, and its abstract where known. */
export function rankText(title: string, abstract?: string): string {
  return abstract ? `${title}\n${abstract}` : title;
}

/** Features of `text`; with `labels`, also what each index stands for (the words as written). */
export function featuresOf(text: string, labels?: FeatureLabels): FeatureIds {
  const { stems, words } = termsOf(text);
  const ids = new Uint32Array(stems.length * 2 - (stems.length > 0 ? 1 : 0));
  let n = 0;
  for (let i = 0; i < stems.length; i++) {
    const stem = stems[i]!;
    const id = fnv1a(stem) & MASK;
    ids[n++] = id;
    if (labels && !labels.has(id)) labels.set(id, words.get(stem)!);
    if (i > 0) {
      const before = stems[i - 1]!;
      const pair = fnv1a(stem, fnv1a(before, PAIR_SEED)) & MASK;
      ids[n++] = pair;
      if (labels && !labels.has(pair)) labels.set(pair, `${words.get(before)!} ${words.get(stem)!}`);
    }
  }
  return ids.sort();
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
    // Computed for the whole space at once, after the counts are in: a listing reads it 40,000 times.
    if (!this.table) {
      this.table = new Float32Array(this.counts.length);
      const docs = this.docs + 1;
      for (let f = 0; f < this.counts.length; f++) this.table[f] = Math.log(docs / (this.counts[f]! + 1)) + 1;
    }
    return this.table[id]!;
  }
}

/** TF-IDF of `ids` (sorted) with sub-linear term counts, scaled to unit length. */
export function vectorize(ids: FeatureIds, df: DocumentFrequencies): SparseVector {
  let distinct = 0;
  for (let i = 0; i < ids.length; i++) if (i === 0 || ids[i] !== ids[i - 1]) distinct++;
  const index = new Uint32Array(distinct);
  const value = new Float32Array(distinct);
  let norm = 0;
  for (let i = 0, at = -1; i < ids.length; i++) {
    if (i > 0 && ids[i] === ids[i - 1]) {
      value[at]! += 1;
      continue;
    }
    index[++at] = ids[i]!;
    value[at] = 1;
  }
  for (let j = 0; j < distinct; j++) {
    const weight = (1 + Math.log(value[j]!)) * df.idf(index[j]!);
    value[j] = weight;
    norm += weight * weight;
  }
  if (norm > 0) {
    const scale = 1 / Math.sqrt(norm);
    for (let j = 0; j < distinct; j++) value[j]! *= scale;
  }
  return { index, value };
}
