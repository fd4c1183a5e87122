// The "for you" ranking's storage (issue 15). What listings showed: for each paper, its hashed
// word features (src/rank/features.ts) and when it was last shown, numbers only, never the text;
// those the seen history has and the reading list has not are the ranking's negatives. And the
// trained model, so that a restarted background scores at once.
import type { FeatureIds } from '../rank/features';
import type { RankModel } from '../rank/model';
import { readInPages, type PagedReadOptions } from './pages';
import type { ShelfmarkDB } from './schema';

/** Newest papers kept; older ones are dropped when training reads the store. */
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

/** Feature records read per transaction by recentFeatures. */
const FEATURES_PER_READ = 2_000;

/**
 * The newest `kept` (RANK_FEATURES_KEPT) records (older ones deleted), newest first (by date, then id
 * backwards: the order of the date index read backwards). Read by id in pages of
 * FEATURES_PER_READ, each its own read-only transaction with a macrotask between (db/pages.ts):
 * one read-write transaction read all 50,000 and the worker decoded them in one task. The
 * older ones go afterwards, in a write of their own.
 */
export async function recentFeatures(
  db: ShelfmarkDB,
  { kept = RANK_FEATURES_KEPT, ...paging }: { kept?: number } & PagedReadOptions = {},
): Promise<RankFeaturesRecord[]> {
  const records = await readInPages(
    (after: string | undefined, limit) => (after === undefined ? db.rankFeatures.toCollection() : db.rankFeatures.where(':id').above(after)).limit(limit).toArray(),
    (record) => record.id,
    { perRead: FEATURES_PER_READ, ...paging },
  );
  records.sort((a, b) => b.at - a.at || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  if (records.length <= kept) return records;
  records.length = kept;
  // As before: what is as new as the last one kept stays stored (it may be kept next time).
  await db.rankFeatures.where('at').below(records.at(-1)!.at).delete();
  return records;
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
