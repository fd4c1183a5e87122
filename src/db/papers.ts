// Reads and writes of saved papers, for the background (the single writer). Each write is one
// read-write transaction and answers the paper's new state plus the changes to tell every tab.
import { unsavedState, type PaperId, type PaperMetadata, type PaperState, type ReadingStatus } from '../shared/paper';
import { notSaved } from '../shared/refused';
import { findPapers, locate, pageJoin, store } from './locate';
import { absorb, newPaper, withPageMetadata } from './merge';
import type { WriteOutcome } from './outcome';
import { keysOf } from '../shared/paper-id';
import { paperState, removedChange, savedChange, tagsOf } from './paper-state';
import type { SavedPaper } from '../shared/records';
import type { ShelfmarkDB } from './schema';
import { parseStoredPaper } from '../shared/stored-paper';
import { ensureTags } from './tag-records';

export interface PaperRef {
  id: PaperId;
  aliases: PaperId[];
}

/**
 * The state of every paper in `refs`, keyed by each ref's id; unsaved papers are absent. A whole
 * page is answered by one batched lookup (see `findPapers`), whichever key each paper was saved by.
 */
export async function getStates(db: ShelfmarkDB, refs: readonly PaperRef[]): Promise<Record<PaperId, PaperState>> {
  if (refs.length === 0) return {};
  return db.transaction('r', db.papers, db.tags, async () => {
    const papers = await findPapers(db, refs);
    const tags = await tagsOf(db, papers);
    const byKey = new Map<PaperId, SavedPaper>();
    for (const paper of papers) for (const key of keysOf(paper)) if (!byKey.has(key)) byKey.set(key, paper);
    const states: Record<PaperId, PaperState> = {};
    for (const ref of refs) {
      const key = keysOf(ref).find((candidate) => byKey.has(candidate));
      if (key !== undefined) states[ref.id] = paperState(byKey.get(key)!, tags);
    }
    return states;
  });
}

/** Saves the paper, or refreshes the saved record with what the page shows now. */
export async function savePaper(db: ShelfmarkDB, metadata: PaperMetadata, now = Date.now()): Promise<WriteOutcome<PaperState>> {
  return db.transaction('rw', db.papers, db.tags, async () => {
    const located = await locate(db, keysOf(metadata), pageJoin(metadata.id));
    const paper = located.paper ? withPageMetadata(located.paper, metadata, now) : newPaper(metadata, now);
    await store(db, located, paper);
    const tags = await tagsOf(db, [paper]);
    return { value: paperState(paper, tags), changes: [savedChange(paper, tags, located.keys)] };
  });
}

/** Removes the paper; the removed record comes back so the user can undo with `restorePaper`. */
export async function unsavePaper(
  db: ShelfmarkDB,
  id: PaperId,
): Promise<WriteOutcome<{ removed: SavedPaper | null; state: PaperState }>> {
  return db.transaction('rw', db.papers, async () => {
    const located = await locate(db, [id]);
    if (!located.paper) return { value: { removed: null, state: unsavedState(id) }, changes: [] };
    await db.papers.bulkDelete(located.storedIds);
    const state = unsavedState(located.paper.id);
    return { value: { removed: located.paper, state }, changes: [removedChange([...located.keys, id], located.paper.id)] };
  });
}

/**
 * Puts back a record removed by `unsavePaper`, every field as it was except `updatedAt` (now, so
 * whoever catches up by `updatedAt` sees it). If the paper was saved again meanwhile, both merge.
 */
export async function restorePaper(db: ShelfmarkDB, raw: unknown, now = Date.now()): Promise<WriteOutcome<PaperState>> {
  const restored = parseStoredPaper(raw, 'The paper to restore', now);
  return db.transaction('rw', db.papers, db.tags, async () => {
    const located = await locate(db, keysOf(restored));
    const merged = located.paper ? absorb(restored, located.paper) : restored;
    const tags = await ensureTags(db, merged.tags, now);
    const paper = { ...tags.applyTo(merged), updatedAt: now };
    await store(db, located, paper);
    return { value: paperState(paper, tags.byKey), changes: [savedChange(paper, tags.byKey, located.keys)] };
  });
}

/** Changes one user-owned field of a saved paper; a paper that is not saved is an error. */
async function updateSaved(
  db: ShelfmarkDB,
  id: PaperId,
  now: number,
  change: (paper: SavedPaper) => SavedPaper | null,
): Promise<WriteOutcome<PaperState>> {
  return db.transaction('rw', db.papers, db.tags, async () => {
    const located = await locate(db, [id]);
    if (!located.paper) throw notSaved(id);
    const changed = change(located.paper);
    const paper = changed ? { ...changed, updatedAt: now } : located.paper;
    // Nothing to write or tell unless the paper changed (or several records were merged).
    const write = changed !== null || located.storedIds.length > 1;
    if (write) await store(db, located, paper);
    const tags = await tagsOf(db, [paper]);
    return { value: paperState(paper, tags), changes: write ? [savedChange(paper, tags, located.keys)] : [] };
  });
}

export async function setStatus(db: ShelfmarkDB, id: PaperId, status: ReadingStatus, now = Date.now()) {
  return updateSaved(db, id, now, (paper) => (paper.status === status ? null : { ...paper, status }));
}

/** The user opened version `version` from a "newer version" badge: it shows no more up to it. */
export async function setVersionSeen(db: ShelfmarkDB, id: PaperId, version: number, now = Date.now()) {
  return updateSaved(db, id, now, (paper) => ((paper.versionSeen ?? 0) >= version ? null : { ...paper, versionSeen: version }));
}

export async function setNote(db: ShelfmarkDB, id: PaperId, note: string, now = Date.now()) {
  return updateSaved(db, id, now, (paper) => (paper.note === note ? null : { ...paper, note }));
}
