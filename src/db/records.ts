// Plain record shapes stored in IndexedDB. Entities are interfaces; the schema class is in schema.ts.
import type { PaperMetadata, ReadingStatus } from '../shared/paper';

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
