// What goes into browser sync storage: the whole state if it fits the quota, with titles cut as
// short as they must be; when even that does not fit, the papers changed most recently, as many
// as fit (the others stay on this device: nothing is ever deleted locally for lack of room).
import { encodeState, itemBytes, SYNC_QUOTA, toItems } from './encoding';
import { newestClock, pruneCutoff, prunePaper, type SyncPaper, type SyncState } from './record';

/** Longest title kept, tried in this order; 0 drops titles. */
export const TITLE_LEVELS = [300, 120, 48, 0] as const;
/** Left free under the total quota for what Chrome and Firefox count differently. */
const MARGIN = 1_024;

export interface SyncPlan {
  items: Record<string, string>;
  bytes: number;
  titleMax: number;
  /** Papers in the state that do not fit; 0 when all do. */
  left: number;
  total: number;
}

function fits(items: Record<string, string>): boolean {
  const entries = Object.entries(items);
  return (
    entries.length <= SYNC_QUOTA.items &&
    itemBytes(items) <= SYNC_QUOTA.bytes - MARGIN &&
    entries.every(([key, value]) => itemBytes({ [key]: value }) <= SYNC_QUOTA.bytesPerItem)
  );
}

/** The state without expired tombstones (what every device encodes and accepts alike). */
export function pruneState(state: SyncState, nowMs: number): SyncState {
  const cutoff = pruneCutoff(nowMs);
  const papers = new Map<string, SyncPaper>();
  for (const [id, paper] of state.papers) {
    const kept = prunePaper(paper, cutoff);
    if (kept) papers.set(id, kept);
  }
  return { papers, tags: state.tags };
}

function titleBytes(state: SyncState, titleMax: number): number {
  let bytes = 0;
  for (const paper of state.papers.values()) bytes += Math.min(paper.title.length, titleMax);
  return bytes;
}

export function planItems(state: SyncState, nowMs: number): SyncPlan {
  const pruned = pruneState(state, nowMs);
  const total = pruned.papers.size;
  const bare = toItems(encodeState(pruned, 0));
  if (fits(bare)) {
    // Titles only where they can fit: deflate leaves short made-up or real titles at >= 40% of
    // their UTF-8 size, so a level whose titles alone exceed the room left is not even tried.
    const room = SYNC_QUOTA.bytes - MARGIN - itemBytes(bare);
    for (const titleMax of TITLE_LEVELS) {
      if (titleMax === 0) break;
      if (titleBytes(pruned, titleMax) * 0.4 > room) continue;
      const items = toItems(encodeState(pruned, titleMax));
      if (fits(items)) return { items, bytes: itemBytes(items), titleMax, left: 0, total };
    }
    return { items: bare, bytes: itemBytes(bare), titleMax: 0, left: 0, total };
  }
  // Newest changes first; ties by id so every device with this state picks the same papers.
  const ranked = [...pruned.papers.values()].sort((a, b) => newestClock(b) - newestClock(a) || (a.id < b.id ? -1 : 1));
  const encodeFirst = (count: number) =>
    toItems(encodeState({ papers: new Map(ranked.slice(0, count).map((paper) => [paper.id, paper])), tags: pruned.tags }, 0));
  let low = 0;
  let high = ranked.length - 1;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (fits(encodeFirst(middle))) low = middle;
    else high = middle - 1;
  }
  const items = encodeFirst(low);
  return { items, bytes: itemBytes(items), titleMax: 0, left: total - low, total };
}
