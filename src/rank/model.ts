// The "for you" model of one user: trained on their library (positives: saved papers, per tag:
// the papers with that tag) against what they saw and passed over (negatives), it scores a page's
// entries and says why. DOM-free and synchronous per slice, so the background (or a bench page)
// runs it as it is.
import { DocumentFrequencies, featuresOf, rankText, vectorize, type FeatureIds, type FeatureLabels, type SparseVector } from './features';
import { contributions, learn, newModel, probability, type LogisticModel, type SgdOptions } from './logistic';
import { Slicer, type Yield } from './slices';
import { tagKey } from '../shared/tags';

/** Fewer saved papers than this: no suggestions (too little to go on). */
export const MIN_SAVED = 5;
/** A tag gets its own model once this many saved papers carry it (and this many do not). */
export const MIN_TAG_PAPERS = 5;
/** Tags with a model at most (the most used ones): each costs TAG_DIM floats. */
export const MAX_TAG_MODELS = 16;
/** The per-tag models fold the hashed space into 2^16 weights (256 KB each). */
export const TAG_DIM = 1 << 16;
/** A suggestion is an entry the model rates at least this likely to be saved. */
export const SUGGEST_THRESHOLD = 0.5;
/** A tag is suggested for a suggested entry when its model rates it at least this likely. */
export const TAG_THRESHOLD = 0.5;
const BECAUSE_TERMS = 3;
const STEPS_PER_MODEL = 150_000;
/** A tag model learns from at most this many of its papers and as many others (sampled). */
const TAG_EXAMPLES = 1_000;
const TAG_STEPS = 10_000;
const LIKE_PAPERS = 2;
const LIKE_MIN_SIMILARITY = 0.2;

export interface SavedForRanking {
  id: string;
  title: string;
  abstract?: string;
  /** Tags in display form. */
  tags: readonly string[];
}

export interface TrainingInput {
  saved: readonly SavedForRanking[];
  /** Features of papers seen and not saved. */
  seen: readonly FeatureIds[];
}

export interface TrainOptions {
  /** Time per slice before the trainer yields (ms). */
  sliceMs?: number;
  yieldFn?: Yield;
  /** Seed of the example order (tests and benches are repeatable). */
  seed?: number;
  /** Passes over the examples; by default more for small sets. */
  epochs?: number;
}

/** Saved papers' titles, indexed by feature for "like these papers in your library". */
interface TitleIndex {
  titles: string[];
  /** CSR postings: the papers holding feature f are at offsets[f] … offsets[f + 1]. */
  offsets: Uint32Array;
  papers: Uint32Array;
  values: Float32Array;
}

export interface RankModel {
  df: DocumentFrequencies;
  user: LogisticModel;
  tags: { name: string; model: LogisticModel }[];
  likeIndex: TitleIndex;
  savedCount: number;
  seenCount: number;
  /** Reused by each "like" lookup (one float per saved paper). */
  likeScratch?: Float32Array;
}

export type NotReady = { reason: 'cold-start'; saved: number } | { reason: 'no-seen' };

/** Why an entry is suggested: the words that weighed most, and the saved papers most like it. */
export interface Suggestion {
  id: string;
  /** Probability that this user would save it, by the model. */
  score: number;
  because: string[];
  like: string[];
  /** The user's tag this entry looks like, if one fits. */
  tag?: string;
}

export interface RankEntry {
  id: string;
  text: string;
}

// A small seeded generator (mulberry32): the example order must be repeatable in tests.
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Up to `count` of `items`, drawn without replacement (all of them when there are fewer). */
function sample<T>(items: T[], count: number, next: () => number): T[] {
  if (items.length <= count) return items;
  const copy = [...items];
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(next() * (copy.length - i));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy.slice(0, count);
}

function shuffle(order: Uint32Array, next: () => number): void {
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    const swap = order[i]!;
    order[i] = order[j]!;
    order[j] = swap;
  }
}

/** Whether there is enough to train on; a reason to tell the user if not. */
export function readiness(input: { savedCount: number; seenCount: number }): NotReady | null {
  if (input.savedCount < MIN_SAVED) return { reason: 'cold-start', saved: input.savedCount };
  if (input.seenCount === 0) return { reason: 'no-seen' };
  return null;
}

/** Balanced class weights: the few positives weigh as much in total as the many negatives. */
function balanced(positives: number, negatives: number, base: Omit<SgdOptions, 'positiveWeight' | 'negativeWeight'>): SgdOptions {
  const total = positives + negatives;
  return { ...base, positiveWeight: total / (2 * positives), negativeWeight: total / (2 * negatives) };
}

async function fit(
  model: LogisticModel,
  vectors: readonly SparseVector[],
  labels: Uint8Array,
  options: SgdOptions,
  epochs: number,
  next: () => number,
  slicer: Slicer,
): Promise<void> {
  const order = new Uint32Array(vectors.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  for (let epoch = 0; epoch < epochs; epoch++) {
    shuffle(order, next);
    for (const i of order) {
      learn(model, vectors[i]!, labels[i] as 0 | 1, options);
      if (slicer.due()) await slicer.pause();
    }
  }
}

function buildTitleIndex(saved: readonly SavedForRanking[], df: DocumentFrequencies): TitleIndex {
  const vectors = saved.map((paper) => vectorize(featuresOf(paper.title), df));
  const dim = df.counts.length;
  const offsets = new Uint32Array(dim + 1);
  for (const vector of vectors) for (const f of vector.index) offsets[f + 1]! += 1;
  for (let f = 0; f < dim; f++) offsets[f + 1]! += offsets[f]!;
  const fill = offsets.slice(0, dim);
  const papers = new Uint32Array(offsets[dim]!);
  const values = new Float32Array(offsets[dim]!);
  vectors.forEach((vector, paper) => {
    for (let i = 0; i < vector.index.length; i++) {
      const at = fill[vector.index[i]!]!++;
      papers[at] = paper;
      values[at] = vector.value[i]!;
    }
  });
  return { titles: saved.map((paper) => paper.title), offsets, papers, values };
}

/**
 * Trains the user's model and the per-tag models; null with a reason when there is too little to
 * go on. Yields every `sliceMs` so the caller's thread stays responsive.
 */
export async function train(input: TrainingInput, options: TrainOptions = {}): Promise<RankModel | NotReady> {
  const notReady = readiness({ savedCount: input.saved.length, seenCount: input.seen.length });
  if (notReady) return notReady;
  const slicer = new Slicer(options.sliceMs ?? 8, options.yieldFn);
  const next = random(options.seed ?? 1);

  const df = new DocumentFrequencies();
  // Each saved paper is a positive as a listing shows it (its title alone: most listings show no
  // abstract, and a title's few words weigh more each once scaled to unit length) and, where its
  // abstract is known, once more with it, which teaches the words of its field.
  const savedIds: FeatureIds[] = [];
  const positiveOf: number[] = [];
  for (const [i, paper] of input.saved.entries()) {
    const title = featuresOf(paper.title);
    savedIds.push(title);
    positiveOf.push(i);
    if (paper.abstract) {
      const full = featuresOf(rankText(paper.title, paper.abstract));
      savedIds.push(full);
      positiveOf.push(i);
      df.add(full);
    } else {
      df.add(title);
    }
    if (slicer.due()) await slicer.pause();
  }
  for (const ids of input.seen) {
    df.add(ids);
    if (slicer.due()) await slicer.pause();
  }
  const vectors: SparseVector[] = [];
  for (const ids of savedIds) {
    vectors.push(vectorize(ids, df));
    if (slicer.due()) await slicer.pause();
  }
  for (const ids of input.seen) {
    vectors.push(vectorize(ids, df));
    if (slicer.due()) await slicer.pause();
  }
  const positives = savedIds.length;
  const labels = new Uint8Array(vectors.length);
  labels.fill(1, 0, positives);

  const total = vectors.length;
  // About STEPS_PER_MODEL steps in all: many passes over a small library, few over a large one
  // (60,000 examples settle in three).
  const epochs = options.epochs ?? Math.min(12, Math.max(3, Math.ceil(STEPS_PER_MODEL / total)));
  const base = { lambda: 1e-4, eta0: 0.5 };
  const user = newModel(df.counts.length);
  await fit(user, vectors, labels, balanced(positives, input.seen.length, base), epochs, next, slicer);

  // Per tag: which of the user's own papers carry it, among the saved ones.
  const byTag = new Map<string, { name: string; papers: number[] }>();
  input.saved.forEach((paper, i) => {
    for (const name of paper.tags) {
      const key = tagKey(name);
      const entry = byTag.get(key) ?? { name, papers: [] };
      entry.papers.push(i);
      byTag.set(key, entry);
    }
  });
  const candidates = [...byTag.values()]
    .filter((tag) => tag.papers.length >= MIN_TAG_PAPERS && input.saved.length - tag.papers.length >= MIN_TAG_PAPERS)
    .sort((a, b) => b.papers.length - a.papers.length || a.name.localeCompare(b.name))
    .slice(0, MAX_TAG_MODELS);
  const savedVectors = vectors.slice(0, positives);
  const tags: RankModel['tags'] = [];
  for (const tag of candidates) {
    // Its papers' examples and a sample of the others', at most TAG_EXAMPLES each: sixteen models
    // over all of a 10,000-paper library would cost more than the user's model.
    const tagged = new Set(tag.papers);
    const yes: number[] = [];
    const no: number[] = [];
    positiveOf.forEach((paper, example) => (tagged.has(paper) ? yes : no).push(example));
    const pickYes = sample(yes, TAG_EXAMPLES, next);
    const pickNo = sample(no, TAG_EXAMPLES, next);
    const tagVectors = [...pickYes, ...pickNo].map((example) => savedVectors[example]!);
    const tagLabels = new Uint8Array(tagVectors.length);
    tagLabels.fill(1, 0, pickYes.length);
    const model = newModel(TAG_DIM);
    const tagEpochs = Math.min(12, Math.max(3, Math.ceil(TAG_STEPS / tagVectors.length)));
    await fit(model, tagVectors, tagLabels, balanced(pickYes.length, pickNo.length, base), tagEpochs, next, slicer);
    tags.push({ name: tag.name, model });
  }

  const likeIndex = buildTitleIndex(input.saved, df);
  return { df, user, tags, likeIndex, savedCount: input.saved.length, seenCount: input.seen.length };
}

export function isModel(result: RankModel | NotReady): result is RankModel {
  return 'user' in result;
}

/** The words that added most to the score, as written on the page; a word inside a chosen pair is not repeated. */
function because(model: RankModel, vector: SparseVector, labels: FeatureLabels): string[] {
  const shares = contributions(model.user, vector);
  const order = [...shares.keys()].filter((i) => shares[i]! > 0).sort((a, b) => shares[b]! - shares[a]!);
  const chosen: string[] = [];
  for (const i of order) {
    const label = labels.get(vector.index[i]!);
    if (!label) continue;
    const words = label.split(' ');
    if (chosen.some((c) => c === label || c.split(' ').some((w) => words.includes(w)))) continue;
    chosen.push(label);
    if (chosen.length === BECAUSE_TERMS) break;
  }
  return chosen;
}

/** Saved papers whose titles are most like `title` (cosine of title TF-IDF vectors). */
function like(model: RankModel, title: string): string[] {
  const { offsets, papers, values, titles } = model.likeIndex;
  const vector = vectorize(featuresOf(title), model.df);
  const sums = (model.likeScratch ??= new Float32Array(titles.length));
  const touched: number[] = [];
  // Features that many saved papers hold say little and cost most: skipped.
  const common = Math.max(20, titles.length / 50);
  for (let i = 0; i < vector.index.length; i++) {
    const f = vector.index[i]!;
    const start = offsets[f]!;
    const end = offsets[f + 1]!;
    if (end - start > common) continue;
    const x = vector.value[i]!;
    for (let at = start; at < end; at++) {
      const paper = papers[at]!;
      if (sums[paper] === 0) touched.push(paper);
      sums[paper]! += x * values[at]!;
    }
  }
  const best = touched
    .filter((paper) => sums[paper]! >= LIKE_MIN_SIMILARITY)
    .sort((a, b) => sums[b]! - sums[a]!)
    .slice(0, LIKE_PAPERS)
    .map((paper) => titles[paper]!);
  for (const paper of touched) sums[paper] = 0;
  return best;
}

function bestTag(model: RankModel, vector: SparseVector): string | undefined {
  let best: string | undefined;
  let bestScore = TAG_THRESHOLD;
  for (const tag of model.tags) {
    const p = probability(tag.model, vector);
    if (p >= bestScore) {
      best = tag.name;
      bestScore = p;
    }
  }
  return best;
}

/** Each entry's probability of being saved, by the user's model. */
export function scoreAll(model: RankModel, entries: readonly RankEntry[]): Float64Array {
  return scoreVectors(model, entries.map((entry) => vectorize(featuresOf(entry.text), model.df)));
}

function scoreVectors(model: RankModel, vectors: readonly SparseVector[]): Float64Array {
  const scores = new Float64Array(vectors.length);
  for (let i = 0; i < vectors.length; i++) scores[i] = probability(model.user, vectors[i]!);
  return scores;
}

/**
 * The entries to suggest, best first: rated at least SUGGEST_THRESHOLD, at most `maxShare` of
 * them (at least one), each with its explanation and, where one fits, a tag.
 */
export function suggest(model: RankModel, entries: readonly RankEntry[], maxShare: number): Suggestion[] {
  if (entries.length === 0) return [];
  const vectors = entries.map((entry) => vectorize(featuresOf(entry.text), model.df));
  const scores = scoreVectors(model, vectors);
  const limit = Math.max(1, Math.round(entries.length * maxShare));
  const picked: number[] = [];
  for (let i = 0; i < scores.length; i++) if (scores[i]! >= SUGGEST_THRESHOLD) picked.push(i);
  picked.sort((a, b) => scores[b]! - scores[a]!);
  return picked.slice(0, limit).map((i) => {
    const entry = entries[i]!;
    const vector = vectors[i]!;
    // The words as written, for the few entries explained (the scan above needs only indices).
    const labels: FeatureLabels = new Map();
    featuresOf(entry.text, labels);
    const tag = bestTag(model, vector);
    const title = entry.text.split('\n', 1)[0]!;
    return { id: entry.id, score: scores[i]!, because: because(model, vector, labels), like: like(model, title), ...(tag ? { tag } : {}) };
  });
}
