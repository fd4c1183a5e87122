// How cross-device sync is doing, for the popup and the library page: one record in
// storage.local, written only by the background's sync engine, heard through storage.onChanged.
import * as v from 'valibot';
import { browser } from './browser';

export const SYNC_STATUS_KEY = 'syncStatus';

const SyncStatusSchema = v.object({
  /** off: turned off; ok: everything fits and was written; full: some papers do not fit; error: the last write failed. */
  state: v.picklist(['off', 'ok', 'full', 'error']),
  /** When this device last wrote to or merged from sync storage (ms since epoch). */
  lastSyncAt: v.nullable(v.number()),
  /** Bytes of sync storage in use, of `quota`. */
  bytes: v.number(),
  quota: v.number(),
  /** Papers sync knows of, and how many of them do not fit (kept on this device only). */
  papers: v.number(),
  left: v.number(),
  /** Longest title written (0: titles did not fit). */
  titleMax: v.number(),
  /** Notes too long for the room left, kept on this device only (a note syncs whole or not at all). */
  notesLeft: v.optional(v.number(), 0),
  error: v.nullable(v.string()),
  /** A write to sync storage is waiting for its debounce or spacing (tests wait for it to clear). */
  pending: v.optional(v.boolean(), false),
});
export type SyncStatus = v.InferOutput<typeof SyncStatusSchema>;

export const SYNC_OFF: SyncStatus = { state: 'off', lastSyncAt: null, bytes: 0, quota: 102_400, papers: 0, left: 0, titleMax: 0, notesLeft: 0, error: null, pending: false };

export function parseSyncStatus(raw: unknown): SyncStatus {
  const result = v.safeParse(SyncStatusSchema, raw);
  return result.success ? result.output : SYNC_OFF;
}

export async function readSyncStatus(): Promise<SyncStatus> {
  const stored = await browser.storage.local.get(SYNC_STATUS_KEY);
  return parseSyncStatus(stored[SYNC_STATUS_KEY]);
}

export function onSyncStatusChanged(listener: (status: SyncStatus) => void): () => void {
  const handle = (changes: Record<string, { newValue?: unknown }>, area: string): void => {
    if (area === 'local' && SYNC_STATUS_KEY in changes) listener(parseSyncStatus(changes[SYNC_STATUS_KEY]?.newValue));
  };
  browser.storage.onChanged.addListener(handle);
  return () => browser.storage.onChanged.removeListener(handle);
}

/** The sentence the popup and the library page show when sync needs the user's attention. */
export function syncProblem(status: SyncStatus): string | null {
  if (status.state === 'full') {
    const count = status.left.toLocaleString('en');
    return `Sync storage is full: ${count} ${status.left === 1 ? 'paper' : 'papers'} changed longest ago ${status.left === 1 ? 'is' : 'are'} not synced to your other devices. Nothing is lost: ${status.left === 1 ? 'it stays' : 'they stay'} on this device.`;
  }
  if (status.state === 'error') return `Sync could not write to the browser's sync storage: ${status.error ?? 'unknown error'}. Your papers are safe on this device; Shelfmark will try again.`;
  return null;
}

/** One line: how much of the quota is used and when sync last ran. */
export function syncSummary(status: SyncStatus, now = Date.now()): string {
  if (status.state === 'off') return 'Sync is off.';
  const used = `${(status.bytes / 1024).toFixed(1)} of ${Math.round(status.quota / 1024)} KB used`;
  const when = status.lastSyncAt === null ? 'not synced yet' : `last synced ${ago(now - status.lastSyncAt)}`;
  const notes =
    status.notesLeft > 0
      ? ` ${status.notesLeft.toLocaleString('en')} ${status.notesLeft === 1 ? 'note is' : 'notes are'} too long for the room left and ${status.notesLeft === 1 ? 'stays' : 'stay'} on this device.`
      : '';
  return `Sync is on: ${status.papers.toLocaleString('en')} papers, ${used}, ${when}.${notes}`;
}

function ago(ms: number): string {
  if (ms < 60_000) return 'just now';
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)} min ago`;
  if (ms < 86_400_000) return `${Math.round(ms / 3_600_000)} h ago`;
  return `${Math.round(ms / 86_400_000)} days ago`;
}
