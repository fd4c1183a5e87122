// The "for you" model of one user: trained on their library (positives: saved papers, per tag:
// the papers with that tag) against what they saw and passed over (negatives), it scores a page's
// entries and says why. DOM-free and synchronous per slice, so the background (or a bench page)
// runs it as it is.
import {
  DocumentFrequencies,
  distinctCount,
  paperFeatures,
  type PaperFeatures,
  transientFeaturesOf,
  vectorizeInto,
  type FeatureIds,
  type FeatureLabels,
  type SparseVector,
} from './features';
import { contributions, learnSpan, newModel, sigmoid, type LogisticModel, type SgdOptions } from './logistic';
import { Slicer, type Yield } from './slices';
import { MIN_SAVED } from '../shared/for-you';
import { tagKey } from '../shared/tags';

export { MIN_SAVED };
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
const STEPS_PER_MODEL = 120_000;
/** Training stops once a pass over the examples lowers their mean loss by less than this share, */
const SETTLED = 0.05;
/** … but not before this many passes. */
const MIN_EPOCHS = 2;
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
  /**
   * Saved papers' features from the last training, by id, with the text they were read from; read
   * and refilled here. A retraining after a save then reads only the papers new or changed since.
   */
  featureCache?: SavedFeatureCache;
}

export type SavedFeatureCache = Map<string, { title: string; abstract: string | undefined; features: PaperFeatures }>;

/** Saved papers' titles, indexed by feature for "like these papers in your library". */
interface TitleIndex {
  titles: string[];
  /** CSR postings: the papers holding feature f are at offsets[f] … offsets[f + 1]. */
  offsets: Uint32Array;
  papers: Uint32Array;
  values: Float32Array;
}

/**
 * The per-tag models, packed feature by feature once trained: tag t's weight of (folded) feature
 * f is at f × names.length + t, its scale folded in. Rating an entry for every tag then reads one
 * run of floats per feature, where sixteen separate models cost sixteen cache misses.
 */
interface TagModels {
  names: string[];
  weights: Float32Array;
  bias: Float32Array;
}

/**
 * A trained model: typed arrays and plain values only, so that IndexedDB can keep it as it is
 * (src/background/for-you.ts stores it, and a restarted background scores with it at once).
 */
export interface RankModel {
  /** Each feature's inverse document frequency, from the papers it was trained on. */
  idf: Float32Array;
  user: LogisticModel;
  tags: TagModels;
  likeIndex: TitleIndex;
  savedCount: number;
  seenCount: number;
}

/**
 * The layout of RankModel and the features it reads (hashing, terms). A stored model of another
 * format is not used: change this with either.
 */
export const MODEL_FORMAT = 1;

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
  /** `featuresOf(text)`, where the caller has them already. */
  features?: FeatureIds;
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

/** Many sparse vectors in one set of arrays: row r is `index`/`value` at offsets[r] … offsets[r + 1]. */
interface Examples {
  offsets: Uint32Array;
  index: Uint32Array;
  value: Float32Array;
}

async function examplesOf(rows: readonly (readonly FeatureIds[])[], idf: Float32Array, slicer: Slicer): Promise<Examples> {
  let count = 0;
  let size = 0;
  for (const list of rows) {
    count += list.length;
    for (const ids of list) {
      size += distinctCount(ids);
      if (slicer.due()) await slicer.pause();
    }
  }
  const examples = { offsets: new Uint32Array(count + 1), index: new Uint32Array(size), value: new Float32Array(size) };
  let row = 0;
  let at = 0;
  for (const list of rows) {
    for (const ids of list) {
      at = vectorizeInto(ids, idf, examples.index, examples.value, at);
      examples.offsets[++row] = at;
      if (slicer.due()) await slicer.pause();
    }
  }
  return examples;
}

/**
 * SGD over `rows` of `examples` (labels[k] is rows[k]'s), at most `epochs` passes: it stops
 * early once a pass lowers the mean loss by less than SETTLED of it (measured before each step,
 * so on examples the model had not yet fitted), after at least MIN_EPOCHS passes.
 */
async function fit(
  model: LogisticModel,
  examples: Examples,
  rows: Uint32Array,
  labels: Uint8Array,
  options: SgdOptions,
  epochs: number,
  next: () => number,
  slicer: Slicer,
): Promise<number> {
  const { offsets, index, value } = examples;
  const order = new Uint32Array(rows.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  let previous = Infinity;
  for (let epoch = 0; epoch < epochs; epoch++) {
    shuffle(order, next);
    let loss = 0;
    for (let k = 0; k < order.length; k++) {
      const at = order[k]!;
      const row = rows[at]!;
      loss += learnSpan(model, index, value, offsets[row]!, offsets[row + 1]!, labels[at] as 0 | 1, options);
      if (slicer.due()) await slicer.pause();
    }
    loss /= order.length;
    if (epoch + 1 >= MIN_EPOCHS && previous - loss < previous * SETTLED) return epoch + 1;
    previous = loss;
  }
  return epochs;
}

function range(n: number): Uint32Array {
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}

/** The saved papers' title vectors (rows `titleRows` of the examples) as postings per feature. */
async function buildTitleIndex(
  saved: readonly SavedForRanking[],
  examples: Examples,
  titleRows: readonly number[],
  dim: number,
  slicer: Slicer,
): Promise<TitleIndex> {
  const { offsets: rows, index, value } = examples;
  const offsets = new Uint32Array(dim + 1);
  await slicer.chunks(titleRows.length, 1_024, (from, to) => {
    for (let paper = from; paper < to; paper++) {
      const row = titleRows[paper]!;
      for (let i = rows[row]!; i < rows[row + 1]!; i++) offsets[index[i]! + 1]! += 1;
    }
  });
  await slicer.chunks(dim, 16_384, (from, to) => {
    for (let f = from; f < to; f++) offsets[f + 1]! += offsets[f]!;
  });
  const fill = offsets.slice(0, dim);
  const papers = new Uint32Array(offsets[dim]!);
  const values = new Float32Array(offsets[dim]!);
  await slicer.chunks(titleRows.length, 1_024, (from, to) => {
    for (let paper = from; paper < to; paper++) {
      const row = titleRows[paper]!;
      for (let i = rows[row]!; i < rows[row + 1]!; i++) {
        const at = fill[index[i]!]!++;
        papers[at] = paper;
        values[at] = value[i]!;
      }
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
  /** Each saved paper's title example (its row among the examples). */
  const titleRows: number[] = [];
  const cache = options.featureCache;
  const stillSaved = cache ? new Set<string>() : undefined;
  for (const paper of input.saved) {
    let known = cache?.get(paper.id);
    // Reading a paper's abstract costs as much as dozens of the cheap steps due() counts.
    let units = 2;
    if (!known || known.title !== paper.title || known.abstract !== paper.abstract) {
      known = { title: paper.title, abstract: paper.abstract, features: paperFeatures(paper.title, paper.abstract) };
      cache?.set(paper.id, known);
      units = 64;
    }
    stillSaved?.add(paper.id);
    const { title, full } = known.features;
    titleRows.push(savedIds.length);
    savedIds.push(title);
    if (full) {
      savedIds.push(full);
      df.add(full);
    } else {
      df.add(title);
    }
    if (slicer.due(units)) await slicer.pause();
  }
  if (cache && stillSaved) {
    for (const id of cache.keys()) {
      if (!stillSaved.has(id)) cache.delete(id);
      if (slicer.due()) await slicer.pause();
    }
  }
  for (const ids of input.seen) {
    df.add(ids);
    if (slicer.due()) await slicer.pause();
  }
  // Rows 0 … positives - 1: the saved papers' examples; then the seen ones.
  const idf = await df.idfTableSliced(slicer);
  const examples = await examplesOf([savedIds, input.seen], idf, slicer);
  const positives = savedIds.length;
  const total = positives + input.seen.length;
  const labels = new Uint8Array(total);
  labels.fill(1, 0, positives);

  // About STEPS_PER_MODEL steps in all: many passes over a small library, few over a large one
  // (60,000 examples settle in two or three), fewer once a pass changes little.
  const epochs = options.epochs ?? Math.min(12, Math.max(2, Math.ceil(STEPS_PER_MODEL / total)));
  const base = { lambda: 1e-4, eta0: 0.5 };
  const user = newModel(df.counts.length);
  await fit(user, examples, range(total), labels, balanced(positives, input.seen.length, base), epochs, next, slicer);

  // Per tag: which of the user's own papers carry it, among the saved ones.
  const byTag = new Map<string, { name: string; papers: number[] }>();
  // A library has few tag names and many papers: each name is folded once (locale-aware, not cheap).
  const keys = new Map<string, string>();
  for (let i = 0; i < input.saved.length; i++) {
    for (const name of input.saved[i]!.tags) {
      let key = keys.get(name);
      if (key === undefined) keys.set(name, (key = tagKey(name)));
      const entry = byTag.get(key) ?? { name, papers: [] };
      entry.papers.push(i);
      byTag.set(key, entry);
    }
    if (slicer.due()) await slicer.pause();
  }
  const candidates = [...byTag.values()]
    .filter((tag) => tag.papers.length >= MIN_TAG_PAPERS && input.saved.length - tag.papers.length >= MIN_TAG_PAPERS)
    .sort((a, b) => b.papers.length - a.papers.length || a.name.localeCompare(b.name))
    .slice(0, MAX_TAG_MODELS);
  const tagModels: LogisticModel[] = [];
  for (const tag of candidates) {
    // Its papers' examples and a sample of the others', at most TAG_EXAMPLES each: sixteen models
    // over all of a 10,000-paper library would cost more than the user's model.
    await slicer.check();
    const tagged = new Set(tag.papers);
    const yes: number[] = [];
    const no: number[] = [];
    titleRows.forEach((row, paper) => (tagged.has(paper) ? yes : no).push(row));
    await slicer.check();
    const pickYes = sample(yes, TAG_EXAMPLES, next);
    const pickNo = sample(no, TAG_EXAMPLES, next);
    const tagRows = Uint32Array.from([...pickYes, ...pickNo]);
    const tagLabels = new Uint8Array(tagRows.length);
    tagLabels.fill(1, 0, pickYes.length);
    const model = newModel(TAG_DIM);
    const tagEpochs = Math.min(12, Math.max(3, Math.ceil(TAG_STEPS / tagRows.length)));
    await fit(model, examples, tagRows, tagLabels, balanced(pickYes.length, pickNo.length, base), tagEpochs, next, slicer);
    tagModels.push(model);
  }
  const tags = await packTags(
    candidates.map((tag) => tag.name),
    tagModels,
    slicer,
  );

  const likeIndex = await buildTitleIndex(input.saved, examples, titleRows, df.counts.length, slicer);
  return { idf, user, tags, likeIndex, savedCount: input.saved.length, seenCount: input.seen.length };
}

async function packTags(names: string[], models: readonly LogisticModel[], slicer: Slicer): Promise<TagModels> {
  const count = names.length;
  const weights = new Float32Array(TAG_DIM * count);
  for (let t = 0; t < count; t++) {
    const model = models[t]!;
    await slicer.chunks(TAG_DIM, 16_384, (from, to) => {
      for (let f = from; f < to; f++) weights[f * count + t] = model.weights[f]! * model.scale;
    });
  }
  return { names, weights, bias: Float32Array.from(models, (model) => model.bias) };
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

/** Reused by each "like" lookup (one float per saved paper); apart from the model, which is stored. */
const likeScratch = new WeakMap<RankModel, Float32Array>();

/** Saved papers whose titles are most like the title `vector` is of (cosine of title TF-IDF vectors). */
function like(model: RankModel, vector: SparseVector): string[] {
  const { offsets, papers, values, titles } = model.likeIndex;
  let sums = likeScratch.get(model);
  if (!sums) likeScratch.set(model, (sums = new Float32Array(titles.length)));
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
  const { names, weights, bias } = model.tags;
  const count = names.length;
  if (count === 0) return undefined;
  const margins = Array.from(bias);
  const mask = TAG_DIM - 1;
  for (let i = 0; i < vector.index.length; i++) {
    const at = (vector.index[i]! & mask) * count;
    const x = vector.value[i]!;
    for (let t = 0; t < count; t++) margins[t]! += weights[at + t]! * x;
  }
  let best: string | undefined;
  let bestScore = TAG_THRESHOLD;
  for (let t = 0; t < count; t++) {
    const p = sigmoid(margins[t]!);
    if (p >= bestScore) {
      best = names[t];
      bestScore = p;
    }
  }
  return best;
}

/**
 * The user model's margin for a paper's features, straight from its sorted ids: the TF-IDF weights
 * and their norm are summed on the way, so scoring a listing allocates no vector per entry.
 */
function marginOfIds(user: LogisticModel, ids: FeatureIds, idf: Float32Array): number {
  const weights = user.weights;
  const mask = weights.length - 1;
  let sum = 0;
  let norm = 0;
  for (let i = 0; i < ids.length; ) {
    const id = ids[i]!;
    let j = i + 1;
    while (j < ids.length && ids[j] === id) j++;
    const x = (j - i === 1 ? 1 : 1 + Math.log(j - i)) * idf[id]!;
    sum += weights[id & mask]! * x;
    norm += x * x;
    i = j;
  }
  return norm > 0 ? (sum * user.scale) / Math.sqrt(norm) + user.bias : user.bias;
}

/** Each entry's probability of being saved, by the user's model. */
export function scoreAll(model: RankModel, entries: readonly RankEntry[]): Float64Array {
  const idf = model.idf;
  const scores = new Float64Array(entries.length);
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i]!;
    scores[i] = sigmoid(marginOfIds(model.user, entry.features ?? transientFeaturesOf(entry.text), idf));
  }
  return scores;
}

// One explained entry's vector at a time: like the features' scratch, typed arrays made per
// entry cost Chromium more than the arithmetic on them.
let vectorIndex = new Uint32Array(1024);
let vectorValue = new Float32Array(1024);

/** `vectorize(ids, idf)` in a shared scratch, valid until the next call. */
function scratchVector(ids: FeatureIds, idf: Float32Array): SparseVector {
  if (ids.length > vectorIndex.length) {
    vectorIndex = new Uint32Array(ids.length * 2);
    vectorValue = new Float32Array(ids.length * 2);
  }
  const end = vectorizeInto(ids, idf, vectorIndex, vectorValue, 0);
  return { index: vectorIndex.subarray(0, end), value: vectorValue.subarray(0, end) };
}

/**
 * The entries to suggest, best first: rated at least SUGGEST_THRESHOLD, at most `maxShare` of
 * them (at least one), each with its explanation and, where one fits, a tag.
 */
export function suggest(model: RankModel, entries: readonly RankEntry[], maxShare: number): Suggestion[] {
  if (entries.length === 0) return [];
  const scores = scoreAll(model, entries);
  const limit = Math.max(1, Math.round(entries.length * maxShare));
  const picked: number[] = [];
  for (let i = 0; i < scores.length; i++) if (scores[i]! >= SUGGEST_THRESHOLD) picked.push(i);
  picked.sort((a, b) => scores[b]! - scores[a]!);
  const out: Suggestion[] = [];
  for (const i of picked) {
    if (out.length === limit) break;
    const entry = entries[i]!;
    // The words as written, for the few entries explained (the scan above needs only indices).
    const labels: FeatureLabels = new Map();
    const vector = scratchVector(transientFeaturesOf(entry.text, labels), model.idf);
    const words = because(model, vector, labels);
    // No word of its own speaks for it (its words are all new to the model): no suggestion.
    if (words.length === 0) continue;
    const tag = bestTag(model, vector);
    // Most listings show titles alone: then the entry's vector is its title's.
    const title = entry.text.split('\n', 1)[0]!;
    const titleVector = title === entry.text ? vector : scratchVector(transientFeaturesOf(title), model.idf);
    out.push({ id: entry.id, score: scores[i]!, because: words, like: like(model, titleVector), ...(tag ? { tag } : {}) });
  }
  return out;
}
