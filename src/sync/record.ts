// What syncs, and how two devices' versions of it become one: a pure, state-based merge (a CRDT).
// Every device holds a SyncState; merging is commutative, associative and idempotent, so devices
// that have seen the same changes hold the same state whatever the order they saw them in
// (test/unit/sync-merge.test.ts checks this on random operation sequences).
//
// Per paper:
// - fields the user sets (status, note) are last-writer-wins registers stamped with a hybrid
//   logical clock (hlc.ts), whose low bits carry the device;
// - each tag has the clock of its latest add `a` and the add clock its latest removal had seen `r`:
//   it is on the paper while a > r. A removal therefore removes only the add it saw: a tag added
//   on another device meanwhile (a later add clock) survives, and tags added on two devices are
//   both kept (an observed-remove set, compacted to one pair of clocks per tag);
// - removing the paper works the same way: `removed` is the newest clock the removing device had
//   seen on the paper, and the paper is saved while any change on it (save, status, tag) is newer.
//   So a removal wins over every change it had seen, and an edit it had not seen (made on
//   another device before the removal arrived there) keeps the paper: nothing the user did last
//   is lost, and every device decides the same way because it only compares clocks;
// - a removed paper (or tag) stays as a tombstone until it is older than TOMBSTONE_TTL_MS, long
//   enough for every device to have heard of it.
import type { PaperId, ReadingStatus } from '../shared/paper';
import { hlcAt, hlcMillis, ZERO, type Hlc } from './hlc';

export const TOMBSTONE_TTL_MS = 60 * 86_400_000;
/** Aliases a synced paper carries besides its id (the rest stay local). */
export const SYNC_ALIASES_MAX = 4;

export interface TagClocks {
  /** Clock of the latest add. */
  a: Hlc;
  /** The add clock the latest removal had seen (ZERO: never removed). */
  r: Hlc;
}

export interface SyncPaper {
  id: PaperId;
  /** Other ids of the paper, sorted, at most SYNC_ALIASES_MAX. */
  aliases: PaperId[];
  /** The longest title any device knew (each device fills in the rest from pages). */
  title: string;
  /** Epoch ms of the first save anywhere. */
  savedAt: number;
  /** Clock of the latest save. */
  saved: Hlc;
  /** Newest clock the latest removal had seen (ZERO: never removed). */
  removed: Hlc;
  status: ReadingStatus;
  statusAt: Hlc;
  /**
   * The user's note and the clock of its last edit; both absent while sync carries no note for
   * the paper (never written, or too long for the quota: see plan.ts). Never cut: a note is
   * synced whole or not at all, so a shorter copy can never replace the full one elsewhere.
   */
  note?: string;
  noteAt?: Hlc;
  /** By tag key. */
  tags: Record<string, TagClocks>;
}

export interface SyncTag {
  key: string;
  name: string;
  color: string;
  /** Clock of the latest rename or recolour. */
  at: Hlc;
}

export interface SyncState {
  papers: Map<PaperId, SyncPaper>;
  tags: Map<string, SyncTag>;
}

export function emptyState(): SyncState {
  return { papers: new Map(), tags: new Map() };
}

export function tagPresent(clocks: TagClocks): boolean {
  return clocks.a > clocks.r;
}

/** Newest change on the paper other than its removal. */
export function lastChange(paper: SyncPaper): Hlc {
  let newest = Math.max(paper.saved, paper.statusAt, paper.noteAt ?? ZERO);
  for (const clocks of Object.values(paper.tags)) newest = Math.max(newest, clocks.a);
  return newest;
}

/** Newest clock anywhere in the record, its removal included: what the record is "as of". */
export function newestClock(paper: SyncPaper): Hlc {
  return Math.max(lastChange(paper), paper.removed);
}

export function isSaved(paper: SyncPaper): boolean {
  return lastChange(paper) > paper.removed;
}

/** Keys of the tags on the paper, sorted. */
export function presentTags(paper: SyncPaper): string[] {
  return Object.keys(paper.tags)
    .filter((key) => tagPresent(paper.tags[key]!))
    .sort();
}

const STATUS_ORDER: Record<ReadingStatus, number> = { unread: 0, reading: 1, done: 2 };

function longerTitle(a: string, b: string): string {
  if (a.length !== b.length) return a.length > b.length ? a : b;
  return a >= b ? a : b;
}

export function mergeAliases(a: readonly PaperId[], b: readonly PaperId[], id: PaperId): PaperId[] {
  return [...new Set([...a, ...b])]
    .filter((alias) => alias !== id)
    .sort()
    .slice(0, SYNC_ALIASES_MAX);
}

/** One paper as two devices know it, merged. Pure; commutative, associative, idempotent. */
export function mergePaper(a: SyncPaper, b: SyncPaper): SyncPaper {
  const tags: Record<string, TagClocks> = {};
  for (const key of new Set([...Object.keys(a.tags), ...Object.keys(b.tags)])) {
    const x = a.tags[key];
    const y = b.tags[key];
    tags[key] = x && y ? { a: Math.max(x.a, y.a), r: Math.max(x.r, y.r) } : { ...(x ?? y)! };
  }
  // Last writer wins; equal clocks (one device, one tick) can only differ through a bug, and then
  // the status further along wins so that the result is still the same everywhere.
  const statusFrom =
    a.statusAt !== b.statusAt ? (a.statusAt > b.statusAt ? a : b) : STATUS_ORDER[a.status] >= STATUS_ORDER[b.status] ? a : b;
  const noteFrom = newerNote(a, b);
  return {
    id: a.id,
    aliases: mergeAliases(a.aliases, b.aliases, a.id),
    title: longerTitle(a.title, b.title),
    savedAt: Math.min(a.savedAt, b.savedAt),
    saved: Math.max(a.saved, b.saved),
    removed: Math.max(a.removed, b.removed),
    status: statusFrom.status,
    statusAt: statusFrom.statusAt,
    ...(noteFrom && { note: noteFrom.note, noteAt: noteFrom.noteAt }),
    tags,
  };
}

/** Whichever side carries the later note edit (ties by content, so every device picks alike). */
function newerNote(a: SyncPaper, b: SyncPaper): SyncPaper | undefined {
  if (a.noteAt === undefined) return b.noteAt === undefined ? undefined : b;
  if (b.noteAt === undefined || a.noteAt > b.noteAt) return a;
  if (b.noteAt > a.noteAt) return b;
  return (a.note ?? '') >= (b.note ?? '') ? a : b;
}

export function mergeTag(a: SyncTag, b: SyncTag): SyncTag {
  if (a.at !== b.at) return a.at > b.at ? a : b;
  // Same clock: pick by content so every device picks the same one.
  return `${a.name}\u0000${a.color}` >= `${b.name}\u0000${b.color}` ? a : b;
}

/** `remote` folded into `local`; returns the merged state and the paper ids whose record changed. */
export function mergeState(local: SyncState, remote: SyncState): { state: SyncState; changedPapers: PaperId[]; changedTags: string[] } {
  const papers = new Map(local.papers);
  const tags = new Map(local.tags);
  const changedPapers: PaperId[] = [];
  const changedTags: string[] = [];
  for (const [id, theirs] of remote.papers) {
    const ours = papers.get(id);
    const merged = ours ? mergePaper(ours, theirs) : theirs;
    if (!ours || !samePaper(ours, merged)) {
      papers.set(id, merged);
      changedPapers.push(id);
    }
  }
  for (const [key, theirs] of remote.tags) {
    const ours = tags.get(key);
    const merged = ours ? mergeTag(ours, theirs) : theirs;
    if (merged !== ours) {
      tags.set(key, merged);
      changedTags.push(key);
    }
  }
  return { state: { papers, tags }, changedPapers, changedTags };
}

export function samePaper(a: SyncPaper, b: SyncPaper): boolean {
  if (
    a.id !== b.id ||
    a.title !== b.title ||
    a.savedAt !== b.savedAt ||
    a.saved !== b.saved ||
    a.removed !== b.removed ||
    a.status !== b.status ||
    a.statusAt !== b.statusAt ||
    a.note !== b.note ||
    a.noteAt !== b.noteAt ||
    a.aliases.length !== b.aliases.length ||
    a.aliases.some((alias, index) => alias !== b.aliases[index])
  ) {
    return false;
  }
  const keys = Object.keys(a.tags);
  if (keys.length !== Object.keys(b.tags).length) return false;
  return keys.every((key) => b.tags[key] !== undefined && a.tags[key]!.a === b.tags[key]!.a && a.tags[key]!.r === b.tags[key]!.r);
}

/** What a device shows for a paper: the local side of the comparison in `reconcile`. */
export interface LocalPaper {
  id: PaperId;
  aliases: readonly PaperId[];
  title: string;
  savedAt: number;
  status: ReadingStatus;
  note: string;
  /** Tag keys on the paper. */
  tagKeys: readonly string[];
}

/**
 * The record after this device's own changes: whatever differs between `local` (the paper as
 * saved here; null when it is not saved here) and `record` (what sync knew) is stamped with a new
 * clock. Returns `record` itself when nothing differs, so callers can tell.
 */
export function reconcile(record: SyncPaper | undefined, local: LocalPaper | null, clock: () => Hlc): SyncPaper | undefined {
  if (!local) {
    if (!record || !isSaved(record)) return record;
    // Removed here: the removal covers everything this device had seen of the paper.
    return { ...record, removed: lastChange(record) };
  }
  let next: SyncPaper = record ?? {
    id: local.id,
    aliases: [],
    title: '',
    savedAt: Number.POSITIVE_INFINITY,
    saved: ZERO,
    removed: ZERO,
    status: 'unread',
    statusAt: ZERO,
    tags: {},
  };
  const edit = (patch: Partial<SyncPaper>) => {
    next = { ...next, ...patch };
  };
  if (!isSaved(next)) edit({ saved: clock() });
  const aliases = mergeAliases(next.aliases, local.aliases, next.id);
  if (aliases.join('\n') !== next.aliases.join('\n')) edit({ aliases });
  const title = longerTitle(next.title, local.title);
  if (title !== next.title) edit({ title });
  // Whole seconds: what the encoding keeps (encoding.ts), so a record survives the round trip as is.
  const savedAt = Math.floor(local.savedAt / 1000) * 1000;
  if (savedAt < next.savedAt) edit({ savedAt });
  if (local.status !== next.status) edit({ status: local.status, statusAt: clock() });
  // No note in sync and none here is no change; a note sync never carried is news once written.
  if (local.note !== (next.note ?? '')) edit({ note: local.note, noteAt: clock() });
  const wanted = new Set(local.tagKeys);
  let tags = next.tags;
  for (const key of wanted) {
    const clocks = tags[key];
    if (!clocks || !tagPresent(clocks)) tags = { ...tags, [key]: { a: clock(), r: clocks?.r ?? ZERO } };
  }
  for (const [key, clocks] of Object.entries(tags)) {
    if (!wanted.has(key) && tagPresent(clocks)) tags = { ...tags, [key]: { a: clocks.a, r: clocks.a } };
  }
  if (tags !== next.tags) edit({ tags });
  return next;
}

/**
 * The first record of a paper sync has not seen from this device (kept before sync was turned
 * on, or on a device joining late): its clocks are the paper's own timestamps, on node 0 rather
 * than this device's, so two devices holding the same old copy make the same record, and a
 * removal made elsewhere after seeing that copy still wins over it.
 */
export function seedRecord(local: LocalPaper, updatedAt: number): SyncPaper {
  const saved = hlcAt(local.savedAt);
  const changed = Math.max(saved, hlcAt(updatedAt));
  const tags: Record<string, TagClocks> = {};
  for (const key of local.tagKeys) tags[key] = { a: changed, r: ZERO };
  const note = local.note === '' ? {} : { note: local.note, noteAt: changed };
  return {
    id: local.id,
    aliases: mergeAliases([], local.aliases, local.id),
    title: local.title,
    savedAt: Math.floor(local.savedAt / 1000) * 1000,
    saved,
    removed: ZERO,
    status: local.status,
    statusAt: local.status === 'unread' ? saved : changed,
    ...note,
    tags,
  };
}

/** The tag's record after this device's change of name or colour (same object when unchanged). */
export function reconcileTag(record: SyncTag | undefined, local: { key: string; name: string; color: string }, clock: () => Hlc): SyncTag {
  if (record && record.name === local.name && record.color === local.color) return record;
  return { key: local.key, name: local.name, color: local.color, at: clock() };
}

/** The start of the day (UTC) before which tombstones are dropped: coarse, so devices agree. */
export function pruneCutoff(nowMs: number): number {
  return Math.floor((nowMs - TOMBSTONE_TTL_MS) / 86_400_000) * 86_400_000;
}

/**
 * The record without tombstones older than the cutoff; undefined when it is all tombstone.
 * Applied to what is encoded and to what is merged in, so a pruned record cannot come back.
 */
export function prunePaper(paper: SyncPaper, cutoffMs: number): SyncPaper | undefined {
  if (!isSaved(paper) && hlcMillis(newestClock(paper)) < cutoffMs) return undefined;
  let tags = paper.tags;
  for (const [key, clocks] of Object.entries(paper.tags)) {
    if (!tagPresent(clocks) && hlcMillis(clocks.a) < cutoffMs) {
      if (tags === paper.tags) tags = { ...paper.tags };
      delete tags[key];
    }
  }
  return tags === paper.tags ? paper : { ...paper, tags };
}

/** The paper as a device should show it after a merge: null when it is not saved. */
export function localView(record: SyncPaper): LocalPaper | null {
  if (!isSaved(record)) return null;
  return {
    id: record.id,
    aliases: [record.id, ...record.aliases],
    title: record.title,
    savedAt: record.savedAt,
    status: record.status,
    note: record.note ?? '',
    tagKeys: presentTags(record),
  };
}
