// The background's view of the seen-history setting, and its pruning by retention. The setting is
// read once and then kept current through storage.onChanged, so a page's getStates does not wait
// for storage. Pruning needs no alarm (no extra permission): it runs at most every few hours,
// when pages report what was seen, and at the next report after the user shortens the retention.
import type { ShelfmarkDB } from '../db/schema';
import { pruneSeen } from '../db/seen';
import { onSettingsChanged, readSettings, type Settings } from '../shared/settings';

type SeenHistory = Settings['seenHistory'];
const PRUNE_EVERY_MS = 6 * 60 * 60 * 1000;

let current: Promise<SeenHistory> | undefined;
let lastPrunedAt = 0;

export function seenHistorySettings(): Promise<SeenHistory> {
  if (!current) {
    current = readSettings().then((settings) => settings.seenHistory);
    onSettingsChanged((settings) => {
      const before = current;
      current = Promise.resolve(settings.seenHistory);
      void before?.then((old) => {
        // A shorter retention applies at the next prune, which should not wait hours.
        if (settings.seenHistory.retentionDays < old.retentionDays) lastPrunedAt = 0;
      });
    });
  }
  return current;
}

/** Prunes by retention unless that was done recently; never holds up the caller. */
export function keepSeenHistoryPruned(db: ShelfmarkDB, retentionDays: number, now = Date.now()): void {
  if (now - lastPrunedAt < PRUNE_EVERY_MS) return;
  lastPrunedAt = now;
  pruneSeen(db, retentionDays, now).catch((error: unknown) => console.error('Shelfmark: pruning the seen history failed', error));
}

/** For tests: forget the cached setting and when the last prune ran. */
export function resetSeenUpkeep(): void {
  current = undefined;
  lastPrunedAt = 0;
}
