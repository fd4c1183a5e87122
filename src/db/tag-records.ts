// The `tags` table: one record per tag key, holding the display form first typed and the colour.
// Every write that puts a tag on a paper goes through `ensureTags`, so `tagKeys` on papers and
// the keys of `tags` never drift apart.
import { defaultTagColor, tagKey } from '../shared/tags';
import { withTags } from './merge';
import type { SavedPaper, TagRecord } from '../shared/records';
import type { ShelfmarkDB } from './schema';

export interface EnsuredTags {
  /** A record for every tag asked about. */
  byKey: Map<string, TagRecord>;
  /** How many records were created. */
  added: number;
  /** `paper` with each tag spelled as the tags table spells it. */
  applyTo: (paper: SavedPaper) => SavedPaper;
}

/** Must run inside a read-write transaction over `tags`. `names` must already be clean (parseTagName). */
export async function ensureTags(db: ShelfmarkDB, names: readonly string[], now: number): Promise<EnsuredTags> {
  const wanted = new Map<string, string>();
  for (const name of names) if (!wanted.has(tagKey(name))) wanted.set(tagKey(name), name);
  const keys = [...wanted.keys()];
  const stored = keys.length === 0 ? [] : await db.tags.bulkGet(keys);
  const byKey = new Map<string, TagRecord>();
  const created: TagRecord[] = [];
  keys.forEach((key, index) => {
    const record = stored[index] ?? { key, name: wanted.get(key)!, color: defaultTagColor(key), createdAt: now };
    if (!stored[index]) created.push(record);
    byKey.set(key, record);
  });
  if (created.length > 0) await db.tags.bulkAdd(created);
  return {
    byKey,
    added: created.length,
    applyTo: (paper) => withTags(paper, paper.tags.map((tag) => byKey.get(tagKey(tag))?.name ?? tag)),
  };
}
