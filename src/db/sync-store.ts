// Cross-device sync, database side: what sync knows (tables syncPapers, syncTags) next to what the
// device shows (papers, tags). Two directions, each one transaction:
// - `reconcileLocal`: this device's own changes, found by comparing each paper with its sync record
//   (a difference is a change made here, stamped with a new clock);
// - `applyRemote`: another device's state merged in, and every paper whose record changed shown
//   the way the merged record says (saved or not, its tags and status).
// Comparing rather than logging each write keeps the db layer's write paths untouched, and makes
// the comparison self-healing: whatever was missed (a service worker stopped mid-way) is found
// the next time the paper, or the whole library at start, is compared.
import type { StateChange } from '../shared/messages';
import type { PaperId } from '../shared/paper';
import { defaultTagColor, tagKey } from '../shared/tags';
import { hlcAt, HybridClock, nodeOf, type Hlc } from '../sync/hlc';
import {
  localView,
  mergeState,
  newestClock,
  reconcile,
  reconcileTag,
  seedRecord,
  type LocalPaper,
  type SyncPaper,
  type SyncState,
  type SyncTag,
} from '../sync/record';
import { locate, store } from './locate';
import { newPaper, unionAliases, withTags } from './merge';
import { removedChange, savedChange } from './paper-state';
import type { SavedPaper, TagRecord } from '../shared/records';
import type { ShelfmarkDB } from './schema';

export interface SyncMetaRecord {
  key: 'device';
  deviceId: string;
  /** The clock's last value, so clocks keep their order across service worker restarts. */
  clock: Hlc;
}

function toLocal(paper: SavedPaper): LocalPaper {
  return { id: paper.id, aliases: paper.aliases, title: paper.title, savedAt: paper.savedAt, status: paper.status, note: paper.note, tagKeys: paper.tagKeys };
}

/** This device's clock, created (with a new device id) the first time sync runs. */
export async function loadClock(db: ShelfmarkDB, wallMs: () => number = Date.now): Promise<{ clock: HybridClock; deviceId: string }> {
  let meta = await db.syncMeta.get('device');
  if (!meta) {
    meta = { key: 'device', deviceId: crypto.randomUUID(), clock: 0 };
    await db.syncMeta.put(meta);
  }
  return { clock: new HybridClock(nodeOf(meta.deviceId), meta.clock, wallMs), deviceId: meta.deviceId };
}

async function saveClock(db: ShelfmarkDB, clock: HybridClock): Promise<void> {
  await db.syncMeta.update('device', { clock: clock.last });
}

export async function loadSyncState(db: ShelfmarkDB): Promise<SyncState> {
  return db.transaction('r', db.syncPapers, db.syncTags, async () => {
    const [papers, tags] = await Promise.all([db.syncPapers.toArray(), db.syncTags.toArray()]);
    return { papers: new Map(papers.map((paper) => [paper.id, paper])), tags: new Map(tags.map((tag) => [tag.key, tag])) };
  });
}

/**
 * Inside a rw transaction over all five tables: stamps this device's changes to the papers known
 * by `keys` (every paper when null) and to every tag. Returns how many records changed.
 */
async function reconcileInside(db: ShelfmarkDB, clock: HybridClock, keys: readonly PaperId[] | null): Promise<number> {
  const papers = keys === null ? await db.papers.toArray() : await db.papers.where('aliases').anyOf([...keys]).toArray();
  const ids = new Set<PaperId>([...(keys ?? []), ...papers.map((paper) => paper.id)]);
  const records = keys === null ? await db.syncPapers.toArray() : (await db.syncPapers.bulkGet([...ids])).filter((r) => r !== undefined);
  const recordById = new Map(records.map((record) => [record.id, record]));
  const paperById = new Map(papers.map((paper) => [paper.id, paper]));
  const changed: SyncPaper[] = [];
  const now = () => clock.now();
  for (const paper of papers) {
    const record = recordById.get(paper.id);
    const next = record ? reconcile(record, toLocal(paper), now) : seedRecord(toLocal(paper), paper.updatedAt);
    if (next && next !== record) changed.push(next);
  }
  // Records of papers no longer saved here under that id: removed here (or re-keyed).
  for (const record of recordById.values()) {
    if (paperById.has(record.id)) continue;
    const next = reconcile(record, null, now);
    if (next && next !== record) changed.push(next);
  }
  if (changed.length > 0) await db.syncPapers.bulkPut(changed);

  const [tags, syncTags] = await Promise.all([db.tags.toArray(), db.syncTags.toArray()]);
  const syncTagByKey = new Map(syncTags.map((tag) => [tag.key, tag]));
  const changedTags: SyncTag[] = [];
  for (const tag of tags) {
    const record = syncTagByKey.get(tag.key);
    // A tag this device only has with its default look is not news to the others.
    if (!record && tag.color === defaultTagColor(tag.key) && tag.name === tag.key) continue;
    const next = record ? reconcileTag(record, tag, now) : { key: tag.key, name: tag.name, color: tag.color, at: hlcAt(tag.createdAt) };
    if (next !== record) changedTags.push(next);
  }
  if (changedTags.length > 0) await db.syncTags.bulkPut(changedTags);
  if (changed.length + changedTags.length > 0) await saveClock(db, clock);
  return changed.length + changedTags.length;
}

export async function reconcileLocal(db: ShelfmarkDB, clock: HybridClock, keys: readonly PaperId[] | null): Promise<number> {
  return db.transaction('rw', [db.papers, db.tags, db.syncPapers, db.syncTags, db.syncMeta], () => reconcileInside(db, clock, keys));
}

/** Display form of each tag key, as the tags table or the synced tag records spell it. */
async function tagRecordsFor(db: ShelfmarkDB, keys: readonly string[], synced: ReadonlyMap<string, SyncTag>, now: number): Promise<Map<string, TagRecord>> {
  const stored = keys.length === 0 ? [] : await db.tags.bulkGet([...keys]);
  const out = new Map<string, TagRecord>();
  const created: TagRecord[] = [];
  keys.forEach((key, index) => {
    const record = stored[index];
    if (record) {
      out.set(key, record);
      return;
    }
    const tag = synced.get(key);
    const fresh = { key, name: tag?.name ?? key, color: tag?.color ?? defaultTagColor(key), createdAt: now };
    created.push(fresh);
    out.set(key, fresh);
  });
  if (created.length > 0) await db.tags.bulkPut(created);
  return out;
}

/** The local paper made to show `record` (saved). */
function shown(record: SyncPaper, existing: SavedPaper | undefined, tags: ReadonlyMap<string, TagRecord>, now: number): SavedPaper {
  const view = localView(record)!;
  const names = view.tagKeys.map((key) => tags.get(key)?.name ?? key);
  if (!existing) {
    const base = newPaper({ id: record.id, aliases: [record.id, ...record.aliases], title: record.title, authors: [] }, record.savedAt);
    return { ...withTags(base, names), status: record.status, note: record.note ?? '', updatedAt: now };
  }
  if (existing.id !== record.id) {
    // One paper, two synced records (keyed by different ids on two devices): both records' tags.
    const union = [...existing.tags, ...names.filter((name) => !existing.tagKeys.includes(tagKey(name)))];
    return { ...withTags(existing, union), aliases: unionAliases(existing, { id: record.id, aliases: record.aliases }), updatedAt: now };
  }
  // Keep the order the user gave the tags here, then the new ones.
  const ordered = [...existing.tags.filter((name) => view.tagKeys.includes(tagKey(name))), ...names.filter((name) => !existing.tagKeys.includes(tagKey(name)))];
  return {
    ...withTags(existing, ordered),
    aliases: unionAliases(existing, { id: record.id, aliases: record.aliases }),
    title: existing.title.trim() === '' ? record.title : existing.title,
    status: record.status,
    // A record without a note (too long to sync, or never written) leaves this device's note alone.
    note: record.noteAt === undefined ? existing.note : (record.note ?? ''),
    savedAt: Math.min(existing.savedAt, record.savedAt),
    updatedAt: now,
  };
}

export interface RemoteOutcome {
  changes: StateChange[];
  /** Papers shown differently here because of the remote state. */
  papersChanged: number;
}

/**
 * Merges `remote` into this device's sync records and shows the result, in one transaction. The
 * papers the remote state touches are first compared with their records, so a change made here
 * a moment ago (not yet compared) is stamped before the merge rather than overwritten by it.
 */
export async function applyRemote(db: ShelfmarkDB, clock: HybridClock, remote: SyncState, now = Date.now()): Promise<RemoteOutcome> {
  return db.transaction('rw', [db.papers, db.tags, db.syncPapers, db.syncTags, db.syncMeta], async () => {
    const touched = [...remote.papers.values()].flatMap((record) => [record.id, ...record.aliases]);
    if (touched.length > 0) await reconcileInside(db, clock, touched);
    const ids = [...remote.papers.keys()];
    const localRecords = (await db.syncPapers.bulkGet(ids)).filter((record) => record !== undefined);
    const local: SyncState = {
      papers: new Map(localRecords.map((record) => [record.id, record])),
      tags: new Map((await db.syncTags.toArray()).map((tag) => [tag.key, tag])),
    };
    const merged = mergeState(local, remote);
    for (const record of remote.papers.values()) clock.observe(newestClock(record));
    for (const tag of remote.tags.values()) clock.observe(tag.at);

    const changes: StateChange[] = [];
    // Tag names and colours first, so papers shown below are drawn with them.
    for (const key of merged.changedTags) {
      const tag = merged.state.tags.get(key)!;
      const existing = await db.tags.get(key);
      await db.tags.put({ key, name: tag.name, color: tag.color, createdAt: existing?.createdAt ?? now });
    }
    if (merged.changedTags.length > 0) await db.syncTags.bulkPut(merged.changedTags.map((key) => merged.state.tags.get(key)!));

    const records = merged.changedPapers.map((id) => merged.state.papers.get(id)!);
    const tagKeys = [...new Set(records.flatMap((record) => localView(record)?.tagKeys ?? []))];
    const tagRecords = await tagRecordsFor(db, tagKeys, merged.state.tags, now);
    let papersChanged = 0;
    for (const record of records) {
      const located = await locate(db, [record.id, ...record.aliases]);
      if (!localView(record)) {
        // Removed: only the local paper kept under this very id (another record may name it too).
        if (located.paper?.id !== record.id) continue;
        await db.papers.bulkDelete(located.storedIds);
        changes.push(removedChange(located.keys, record.id));
        papersChanged += 1;
        continue;
      }
      const paper = shown(record, located.paper, tagRecords, now);
      await store(db, located, paper);
      changes.push(savedChange(paper, tagRecords, located.keys));
      papersChanged += 1;
    }
    if (records.length > 0) await db.syncPapers.bulkPut(records);
    // Papers whose colours changed repaint too.
    if (merged.changedTags.length > 0) {
      const recoloured = await db.papers.where('tagKeys').anyOf(merged.changedTags).toArray();
      const allTags = new Map((await db.tags.toArray()).map((tag) => [tag.key, tag]));
      for (const paper of recoloured) if (!merged.changedPapers.includes(paper.id)) changes.push(savedChange(paper, allTags));
    }
    await saveClock(db, clock);
    return { changes, papersChanged };
  });
}

/** Every key a set of changes names (for reconciling what a local write touched). */
export function keysOfChanges(changes: readonly StateChange[]): PaperId[] {
  return [...new Set(changes.flatMap((change) => [...change.keys, change.state.id]))];
}
