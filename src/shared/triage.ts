// Triage shapes every context shares (the seen history's marks and figures, bulk steps): declared
// here so that the message protocol needs nothing from the database code.
import type { PaperId, PaperState } from './paper';

/** What an entry is to this user: seen before (any site), or new on this listing since the last visit. */
export type EntryMark = 'seen' | 'new';

export interface SeenStats {
  /** Seen ids kept. */
  seen: number;
  /** Listings with a remembered visit. */
  listings: number;
  /** First-seen date of the oldest id kept, or null when there is none. */
  oldest: number | null;
}

/** What a tab's content script reports about its page (toolbar badge, popup). */
export interface PageSummaryReport {
  total: number;
  saved: number;
  /** Entries new on this listing since the last visit. */
  new: number;
  /** When the listing was last visited before this visit; null on a first visit. */
  previousVisitAt: number | null;
}

/** What one bulk step changed, so that one undo reverts it and nothing else. */
export interface BulkUndo {
  /** Papers this step saved (they were not saved before). */
  unsave: PaperId[];
  /** The tag this step added, and the papers (saved before) that did not have it. */
  untag: { tag: string; ids: PaperId[] } | null;
}

export interface BulkResult {
  /** Keyed by each paper's id as sent. */
  states: Record<PaperId, PaperState>;
  undo: BulkUndo;
}
