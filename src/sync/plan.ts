// What goes into browser sync storage: the whole state if it fits the quota, then the notes that
// fit (shortest first: a note is whole or absent), then titles cut as short as they must be; when
// even the bare state does not fit, the papers changed most recently, as many as fit (the others
// stay on this device: nothing is ever deleted locally for lack of room).
// Notes come before titles: a note exists only where the user wrote it, a title comes back from
// any page that shows the paper.
import { encodeState, itemBytes, noteFits, SYNC_QUOTA, toItems } from './encoding';
import { newestClock, pruneCutoff, prunePaper, type SyncPaper, type SyncState } from './record';

/** Longest title kept, tried in this order; 0 drops titles. */
export const TITLE_LEVELS = [300, 120, 48, 0] as const;
/** Longest note kept (whole), tried in this order; 0 drops notes. */
export const NOTE_LEVELS = [Number.POSITIVE_INFINITY, 4_000, 1_000, 280, 0] as const;
/** Left free under the total quota for what Chrome and Firefox count differently. */
const MARGIN = 1_024;

export interface SyncPlan {
  items: Record<string, string>;
  bytes: number;
  titleMax: number;
  /** Notes in the state too long for the room left (kept on this device). */
  notesLeft: number;
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

function noteBytes(state: SyncState, noteMax: number): { bytes: number; left: number } {
  let bytes = 0;
  let left = 0;
  for (const paper of state.papers.values()) {
    if (paper.noteAt === undefined) continue;
    if (noteFits(paper, noteMax)) bytes += (paper.note ?? '').length;
    else left += 1;
  }
  return { bytes, left };
}

/** Short texts deflate to no less than about 40% of their size: a level above that is not tried. */
const DEFLATE_FLOOR = 0.4;

export function planItems(state: SyncState, nowMs: number): SyncPlan {
  const pruned = pruneState(state, nowMs);
  const total = pruned.papers.size;
  const bare = toItems(encodeState(pruned, 0, 0));
  if (fits(bare)) {
    const room = SYNC_QUOTA.bytes - MARGIN - itemBytes(bare);
    let noteMax = 0;
    let best = bare;
    for (const level of NOTE_LEVELS) {
      if (level === 0) break;
      if (noteBytes(pruned, level).bytes * DEFLATE_FLOOR > room) continue;
      const items = toItems(encodeState(pruned, 0, level));
      if (fits(items)) {
        noteMax = level;
        best = items;
        break;
      }
    }
    const notesLeft = noteBytes(pruned, noteMax).left;
    const roomForTitles = SYNC_QUOTA.bytes - MARGIN - itemBytes(best);
    for (const titleMax of TITLE_LEVELS) {
      if (titleMax === 0) break;
      if (titleBytes(pruned, titleMax) * DEFLATE_FLOOR > roomForTitles) continue;
      const items = toItems(encodeState(pruned, titleMax, noteMax));
      if (fits(items)) return { items, bytes: itemBytes(items), titleMax, notesLeft, left: 0, total };
    }
    return { items: best, bytes: itemBytes(best), titleMax: 0, notesLeft, left: 0, total };
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
  return { items, bytes: itemBytes(items), titleMax: 0, notesLeft: noteBytes(pruned, 0).left, left: total - low, total };
}
