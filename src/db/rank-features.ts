// The "for you" ranking's memory of what listings showed (issue 15): for each paper a listing
// showed, its hashed word features (src/rank/features.ts) and when it was last shown. Numbers
// only, never the text. The papers among them the user did not save are the ranking's negatives.
import type { FeatureIds } from '../rank/features';
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

/** The newest RANK_FEATURES_KEPT records (older ones deleted), newest first. */
export async function recentFeatures(db: ShelfmarkDB): Promise<RankFeaturesRecord[]> {
  return db.transaction('rw', db.rankFeatures, async () => {
    const records = await db.rankFeatures.orderBy('at').reverse().limit(RANK_FEATURES_KEPT).toArray();
    if (records.length === RANK_FEATURES_KEPT) await db.rankFeatures.where('at').below(records.at(-1)!.at).delete();
    return records;
  });
}

export async function clearFeatures(db: ShelfmarkDB): Promise<void> {
  await db.rankFeatures.clear();
}
