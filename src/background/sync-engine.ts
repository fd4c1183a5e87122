// Cross-device sync through the browser's own sync storage (Chrome Sync, Firefox Sync). The
// background is the only writer, so the only one here too. Off until the user turns it on
// (settings field `sync`); turning it off stops reading and writing and keeps every local record.
//
// - This device's changes: after each committed write, the papers it touched are compared with
//   their sync records (src/db/sync-store.ts) at once; the write to sync storage is debounced
//   (DEBOUNCE_MS after the last change) and spaced (MIN_INTERVAL_MS between writes), so a burst
//   of 500 tag changes costs one or two writes, and no pattern of use comes near Chrome's 120
//   writes a minute or 1,800 an hour (each write is at most two operations, set and remove: at
//   most 24 a minute, 1,440 an hour).
// - Other devices' changes arrive as storage.onChanged in area "sync": the whole state is read,
//   merged into the database in one transaction, and every tab hears what changed (the popup and
//   library page see it through their live queries). If this device knows something the stored
//   state lacks, it writes the merged state back (same spacing).
// - Quota: plan.ts decides what fits. When not everything does, the newest changes are written,
//   the status says how many papers are left out, and nothing is removed locally.
import type { StateChange } from '../shared/messages';
import { onSettingsChanged, readSettings } from '../shared/settings';
import { SYNC_OFF, SYNC_STATUS_KEY, type SyncStatus } from '../shared/sync-status';
import { applyRemote, keysOfChanges, loadClock, loadSyncState, reconcileLocal } from '../db/sync-store';
import type { ShelfmarkDB } from '../db/schema';
import { checkState } from '../sync/check';
import { CHUNK_PREFIX, decodeState, fromItems, isChunkKey, SYNC_QUOTA } from '../sync/encoding';
import type { HybridClock } from '../sync/hlc';
import { planItems, pruneState } from '../sync/plan';

export const DEBOUNCE_MS = 1_000;
export const MIN_INTERVAL_MS = 5_000;
const RETRY_MS = 60_000;
const FIRST_CHUNK = `${CHUNK_PREFIX}0`;

type Items = Record<string, unknown>;
interface Area {
  get: (keys?: null | string | string[]) => Promise<Items>;
  set: (items: Items) => Promise<void>;
  remove: (keys: string | string[]) => Promise<void>;
}
type ChangeListener = (changes: Record<string, { oldValue?: unknown; newValue?: unknown }>, area: string) => void;

export interface SyncEngineDeps {
  db: () => ShelfmarkDB;
  /** browser.storage.sync */
  syncArea: Area;
  /** browser.storage.local, where the status goes. */
  localArea: Pick<Area, 'set'>;
  onStorageChanged: { addListener: (listener: ChangeListener) => void };
  broadcast: (changes: StateChange[]) => unknown;
  now?: () => number;
  timing?: { debounceMs: number; minIntervalMs: number };
}

export class SyncEngine {
  private enabled = false;
  private queue: Promise<unknown> = Promise.resolve();
  private clock: HybridClock | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastWriteAt = Number.NEGATIVE_INFINITY;
  private status: SyncStatus = SYNC_OFF;
  /** What this device last wrote, so the change event of its own write is not merged back in. */
  private written: Items = {};
  /** The first chunk (its hash names the whole) of the stored state this device last merged or wrote. */
  private merged: unknown;
  private readonly now: () => number;
  private readonly timing: { debounceMs: number; minIntervalMs: number };

  constructor(private readonly deps: SyncEngineDeps) {
    this.now = deps.now ?? Date.now;
    this.timing = deps.timing ?? { debounceMs: DEBOUNCE_MS, minIntervalMs: MIN_INTERVAL_MS };
    // Registered at once (not after a read), so an MV3 service worker woken by the event hears it.
    deps.onStorageChanged.addListener((changes, area) => {
      if (area !== 'sync') return;
      const chunks = Object.keys(changes).filter(isChunkKey);
      if (chunks.some((key) => changes[key]!.newValue !== this.written[key])) this.run(() => this.pull());
    });
  }

  /** Reads the setting and follows it from now on. */
  start(): void {
    onSettingsChanged((settings) => this.setEnabled(settings.sync.enabled));
    this.run(async () => this.setEnabled((await readSettings()).sync.enabled));
  }

  /** Resolves when every queued step has run (tests, and callers that want to wait). */
  idle(): Promise<void> {
    return this.queue.then(() => undefined);
  }

  /** Whether a write to sync storage is waiting for its debounce or spacing. */
  get writePending(): boolean {
    return this.timer !== undefined;
  }

  setEnabled(enabled: boolean): void {
    if (enabled === this.enabled) return;
    this.enabled = enabled;
    if (!enabled) {
      clearTimeout(this.timer);
      this.timer = undefined;
      this.run(() => this.writeStatus(SYNC_OFF));
      return;
    }
    // Joining: stamp whatever changed here while sync was off, merge what the others wrote, and
    // write back what they lack.
    this.run(async () => {
      await reconcileLocal(this.deps.db(), await this.ensureClock(), null);
      await this.pull();
      this.schedule(0);
    });
  }

  /** Called with each committed local write's changes. */
  noteLocalChanges(changes: readonly StateChange[]): void {
    if (!this.enabled || changes.length === 0) return;
    // Said at once (before the write's answer goes out), so whoever waits for sync sees it coming.
    if (!this.status.pending) void this.writeStatus({ ...this.status, pending: true }).catch(() => undefined);
    const keys = keysOfChanges(changes);
    this.run(async () => {
      if (!this.enabled) return;
      await reconcileLocal(this.deps.db(), await this.ensureClock(), keys);
      this.schedule(this.timing.debounceMs);
    });
  }

  private run(step: () => Promise<unknown>): void {
    this.queue = this.queue.then(step).catch((error: unknown) => this.fail(error));
  }

  private async ensureClock(): Promise<HybridClock> {
    this.clock ??= (await loadClock(this.deps.db(), this.now)).clock;
    return this.clock;
  }

  /** Merges what sync storage holds; an incomplete set of chunks waits for the rest to arrive. */
  private async pull(): Promise<void> {
    if (!this.enabled) return;
    await this.mergeStored(await this.deps.syncArea.get(null));
    // Write back if what is stored differs from what this device now holds (the push compares).
    this.schedule(this.timing.debounceMs);
  }

  private async mergeStored(items: Items): Promise<void> {
    const bytes = fromItems(items);
    if (!bytes) return;
    const remote = pruneState(checkState(decodeState(bytes)), this.now());
    const outcome = await applyRemote(this.deps.db(), await this.ensureClock(), remote, this.now());
    this.merged = items[FIRST_CHUNK];
    if (outcome.changes.length > 0) this.deps.broadcast(outcome.changes);
    await this.writeStatus({ ...this.status, lastSyncAt: this.now() });
  }

  private schedule(delay: number): void {
    if (!this.enabled) return;
    if (this.timer === undefined && !this.status.pending) void this.writeStatus({ ...this.status, pending: true }).catch(() => undefined);
    clearTimeout(this.timer);
    const wait = Math.max(delay, this.lastWriteAt + this.timing.minIntervalMs - this.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.run(() => this.push());
    }, wait);
  }

  /** Writes the items that differ from what sync storage holds, and removes chunks no longer used. */
  private async push(): Promise<void> {
    if (!this.enabled) return;
    let stored = await this.deps.syncArea.get(null);
    // What another device wrote and this one has not merged yet is merged first, never overwritten.
    if (stored[FIRST_CHUNK] !== undefined && stored[FIRST_CHUNK] !== this.merged) {
      await this.mergeStored(stored);
      stored = await this.deps.syncArea.get(null);
    }
    const plan = planItems(await loadSyncState(this.deps.db()), this.now());
    const changed: Items = {};
    for (const [key, value] of Object.entries(plan.items)) if (stored[key] !== value) changed[key] = value;
    const stale = Object.keys(stored).filter((key) => isChunkKey(key) && !(key in plan.items));
    const wrote = Object.keys(changed).length > 0 || stale.length > 0;
    if (Object.keys(changed).length > 0) {
      this.lastWriteAt = this.now();
      this.written = { ...plan.items };
      this.merged = plan.items[FIRST_CHUNK];
      await this.deps.syncArea.set(changed);
    }
    if (stale.length > 0) {
      this.lastWriteAt = this.now();
      await this.deps.syncArea.remove(stale);
    }
    await this.writeStatus({
      state: plan.left > 0 ? 'full' : 'ok',
      lastSyncAt: wrote || this.status.lastSyncAt === null ? this.now() : this.status.lastSyncAt,
      bytes: plan.bytes,
      quota: SYNC_QUOTA.bytes,
      papers: plan.total,
      left: plan.left,
      titleMax: plan.titleMax,
      notesLeft: plan.notesLeft,
      error: null,
      pending: this.timer !== undefined,
    });
  }

  private async fail(error: unknown): Promise<void> {
    console.error('Shelfmark sync:', error);
    const message = error instanceof Error ? error.message : String(error);
    await this.writeStatus({ ...this.status, state: this.enabled ? 'error' : 'off', error: message, pending: false }).catch(() => undefined);
    // Quota errors (writes per minute or hour) and passing failures: try again later.
    if (this.enabled) this.schedule(RETRY_MS);
  }

  private async writeStatus(status: SyncStatus): Promise<void> {
    this.status = status;
    await this.deps.localArea.set({ [SYNC_STATUS_KEY]: status });
  }
}
