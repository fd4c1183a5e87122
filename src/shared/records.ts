// Plain record shapes stored in IndexedDB, and the rules of their fields that every context
// shares. Entities are interfaces; the Dexie class is in src/db/schema.ts.
import * as v from 'valibot';
import type { PaperMetadata, ReadingStatus } from './paper';
import { TAG_COLOR } from './tags';

/** A tag's colour, wherever one arrives (a request, a backup, an import): `#rrggbb`. */
export const TagColorSchema = v.pipe(v.string(), v.regex(TAG_COLOR, 'Invalid colour: expected #rrggbb'));

export interface SavedPaper extends PaperMetadata {
  /** Display forms, in the order the user added them. */
  tags: string[];
  /** Lower-cased keys of `tags`, indexed (multi-entry) for case-insensitive filtering. */
  tagKeys: string[];
  status: ReadingStatus;
  note: string;
  /** Epoch milliseconds. */
  savedAt: number;
  updatedAt: number;
  /** arXiv: the newest version opened from a "newer version" badge (it shows no more up to it). */
  versionSeen?: number;
}

export interface TagRecord {
  /** Lower-cased, trimmed name: the primary key. */
  key: string;
  /** Display form, as first typed. */
  name: string;
  color: string;
  createdAt: number;
}

export interface ImportReport {
  added: number;
  updated: number;
  unchanged: number;
  tagsAdded: number;
}

/** One paper the user has had on screen (the seen history): its id and when it was first seen. */
export interface SeenRecord {
  id: string;
  /** Epoch milliseconds of the first time it was seen. */
  at: number;
}

/** A listing's visits: the current one and the one before, with the ids each showed. */
export interface ListingVisit {
  /** The listing's key: its URL without volatile query parts (src/shared/listing-key.ts). */
  listing: string;
  /** When the current visit was last active (epoch ms); indexed, for pruning. */
  at: number;
  /** When the current visit began. */
  startedAt: number;
  /** Ids the listing showed during the current visit. */
  ids: string[];
  /** The visit before: when it was last active, and what it showed. */
  previous: { at: number; ids: string[] } | null;
}
