// The background's view of the seen-history setting, and its pruning by retention. Pruning needs
// no alarm (no extra permission): it runs at most every few hours, when pages report what was
// seen, and at the next report after the user shortens the retention.
import type { ShelfmarkDB } from '../db/schema';
import { pruneSeen } from '../db/seen';
import type { Settings } from '../shared/settings';
import { currentSettings, resetCurrentSettings } from './current-settings';

type SeenHistory = Settings['seenHistory'];
const PRUNE_EVERY_MS = 6 * 60 * 60 * 1000;

let lastPrunedAt = 0;
let lastRetentionDays = Number.POSITIVE_INFINITY;

export async function seenHistorySettings(): Promise<SeenHistory> {
  return (await currentSettings()).seenHistory;
}

/**
 * Prunes by retention unless that was done recently (and the retention is no shorter); never holds
 * up the caller. `onPruned` hears when papers left the history (the ranking's negatives change).
 */
export function keepSeenHistoryPruned(db: ShelfmarkDB, retentionDays: number, onPruned: () => void, now = Date.now()): void {
  // A shorter retention applies at once, not hours later.
  const shortened = retentionDays < lastRetentionDays;
  lastRetentionDays = retentionDays;
  if (!shortened && now - lastPrunedAt < PRUNE_EVERY_MS) return;
  lastPrunedAt = now;
  pruneSeen(db, retentionDays, now)
    .then(({ seen }) => seen > 0 && onPruned())
    .catch((error: unknown) => console.error('Shelfmark: pruning the seen history failed', error));
}

/** For tests: forget when the last prune ran, and the settings copy it reads. */
export function resetSeenUpkeep(): void {
  lastPrunedAt = 0;
  lastRetentionDays = Number.POSITIVE_INFINITY;
  resetCurrentSettings();
}
