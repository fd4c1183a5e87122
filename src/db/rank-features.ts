// The "for you" ranking's storage (issue 15). What listings showed: for each paper, its hashed
// word features (src/rank/features.ts) and when it was last shown, numbers only, never the text;
// those the seen history has and the reading list has not are the ranking's negatives. And the
// trained model, so that a restarted background scores at once.
import type { FeatureIds } from '../rank/features';
import type { RankModel } from '../rank/model';
import { pageAfter, readInPages, type PagedReadOptions } from './pages';
import type { ShelfmarkDB } from './schema';

/** Newest papers kept; older ones are dropped by training once there are a tenth more (training-inputs.ts). */
export const RANK_FEATURES_KEPT = 50_000;

export interface RankFeaturesRecord {
  id: string;
  /** Sorted hashed feature indices of the paper's title (and abstract where the page showed it). */
  f: FeatureIds;
  /** Epoch ms it was last shown on a page. */
  at: number;
}

export async function rememberFeatures(db: ShelfmarkDB, records: readonly RankFeaturesRecord[]): Promise<void> {
  if (records.length > 0) await db.rankFeatures.bulkPut([...records]);
}

/** Feature records read per transaction by storedFeatures. */
const FEATURES_PER_READ = 2_000;

/**
 * The stored records, for training. All of them by id in pages of FEATURES_PER_READ, each its own
 * read-only transaction with a macrotask between (db/pages.ts): one transaction read all 50,000
 * and the worker decoded them in one task. With `since`: those dated at or after it, one read of
 * the date index (what a retraining adds to the records it keeps).
 */
export async function storedFeatures(db: ShelfmarkDB, options: { since?: number } & PagedReadOptions = {}): Promise<RankFeaturesRecord[]> {
  const { since, ...paging } = options;
  if (since !== undefined) return db.rankFeatures.where('at').aboveOrEqual(since).toArray();
  return readInPages(
    (after, limit) => pageAfter(db.rankFeatures, after, limit).toArray(),
    (record) => record.id,
    { perRead: FEATURES_PER_READ, ...paging },
  );
}

/**
 * The date below which records go so that the newest `kept` stay (what is as new as the last one
 * kept stays too); null when there are no more than `kept`.
 */
export function featuresCutoff(dates: Iterable<number>, kept = RANK_FEATURES_KEPT): number | null {
  const sorted = Float64Array.from(dates).sort();
  return sorted.length <= kept ? null : sorted[sorted.length - kept]!;
}

/** Deletes the records dated before `at` (see featuresCutoff). */
export async function dropFeaturesBefore(db: ShelfmarkDB, at: number): Promise<void> {
  await db.rankFeatures.where('at').below(at).delete();
}

/** Forgets what the ranking learned from: the stored features and the model. */
export async function clearFeatures(db: ShelfmarkDB): Promise<void> {
  await db.transaction('rw', db.rankFeatures, db.rankModel, async () => {
    await db.rankFeatures.clear();
    await db.rankModel.clear();
  });
}

/** The stored model (schema v10): one record, under MODEL_KEY. */
export interface RankModelRecord {
  key: string;
  /** MODEL_FORMAT of the code that trained it: a model of another format is not used. */
  format: number;
  model: RankModel;
  trainedAt: number;
}

const MODEL_KEY = 'user';

export async function storeModel(db: ShelfmarkDB, model: RankModel, format: number, trainedAt = Date.now()): Promise<void> {
  await db.rankModel.put({ key: MODEL_KEY, format, model, trainedAt });
}

/** The stored model if it is of `format`; null when there is none (or an older one, which goes). */
export async function storedModel(db: ShelfmarkDB, format: number): Promise<RankModel | null> {
  const record = await db.rankModel.get(MODEL_KEY);
  if (!record) return null;
  if (record.format === format) return record.model;
  await db.rankModel.delete(MODEL_KEY);
  return null;
}
