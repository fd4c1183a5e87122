// What the library's bulk actions and tag manager answer (src/db/bulk.ts, src/db/tag-manager.ts):
// each answer carries the one `restoreFields` request that undoes it.
import type { PaperId, ReadingStatus } from './paper';
import type { TagRecord } from './records';

/** A paper's user-owned fields as they were, to put back. */
export interface FieldsBefore {
  id: PaperId;
  tags?: string[];
  status?: ReadingStatus;
}

/** The payload of `restoreFields`: one undo step. */
export interface RestoreFields {
  papers: FieldsBefore[];
  /** Tag records to put back as they were (a renamed, merged or deleted tag). */
  tags?: TagRecord[];
  /** Tag records to remove (made by the step being undone). */
  dropTags?: string[];
}

export interface BulkEditResult {
  /** How many papers changed. */
  changed: number;
  /** Each changed paper's tags and status before, for `restoreFields`. */
  before: FieldsBefore[];
}

export interface TagChangeResult {
  /** How many papers changed. */
  papers: number;
  undo: RestoreFields;
}
