// From stored records to what a page draws. Colours come from the tags table, so a colour the user
// picks shows on every paper carrying the tag.
import type { StateChange } from '../shared/messages';
import { unsavedState, type PaperId, type PaperState } from '../shared/paper';
import { defaultTagColor, tagKey } from '../shared/tags';
import { keysOf } from '../shared/paper-id';
import type { SavedPaper, TagRecord } from '../shared/records';
import type { ShelfmarkDB } from './schema';

export type TagsByKey = ReadonlyMap<string, TagRecord>;

export function paperState(paper: SavedPaper, tags: TagsByKey): PaperState {
  return {
    ...(paper.version === undefined ? {} : { version: paper.version }),
    ...(paper.versionSeen === undefined ? {} : { versionSeen: paper.versionSeen }),
    id: paper.id,
    saved: true,
    status: paper.status,
    tags: paper.tags.map((name) => {
      const key = tagKey(name);
      const record = tags.get(key);
      return { name: record?.name ?? name, color: record?.color ?? defaultTagColor(key) };
    }),
  };
}

/** The tag records of every tag on `papers`, in one query. */
export async function tagsOf(db: ShelfmarkDB, papers: readonly SavedPaper[]): Promise<Map<string, TagRecord>> {
  const keys = [...new Set(papers.flatMap((paper) => paper.tagKeys))];
  const records = keys.length === 0 ? [] : await db.tags.bulkGet(keys);
  const byKey = new Map<string, TagRecord>();
  for (const record of records) if (record) byKey.set(record.key, record);
  return byKey;
}

export function savedChange(paper: SavedPaper, tags: TagsByKey, extraKeys: readonly PaperId[] = []): StateChange {
  return { keys: [...new Set([...keysOf(paper), ...extraKeys])], state: paperState(paper, tags) };
}

export function removedChange(keys: readonly PaperId[], id: PaperId): StateChange {
  return { keys: [...new Set(keys)], state: unsavedState(id) };
}
