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
