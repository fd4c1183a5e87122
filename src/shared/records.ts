// Plain record shapes stored in IndexedDB, and the rules of their fields that every context
// shares. Entities are interfaces; the Dexie class is in src/db/schema.ts.
import * as v from 'valibot';
import type { PaperMetadata, ReadingStatus } from './paper';
import { TAG_COLOR } from './tags';

/**
 * Epoch milliseconds, as every stored time is: within the range a Date can show (±8.64e15, from
 * 0 here), so `new Date(t).toISOString()` never throws on a stored record.
 */
export const TimestampSchema = v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(8.64e15));

/**
 * A stored time as ISO 8601, or '' when it is not one: records written before times were
 * bounded may hold any number, and one such record must not stop a list or an export.
 */
export function isoTime(ms: number): string {
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? '' : date.toISOString();
}

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
