// Tag writes and suggestions. Tags compare by key (trimmed, case-folded); a paper and the tags
// table keep the display form the user first typed. Tagging an unsaved paper saves it.
import { LIMITS, type TagSuggestion } from '../shared/messages';
import { unsavedState, type PaperId, type PaperMetadata, type PaperState } from '../shared/paper';
import { parseTagName, tagKey } from '../shared/tags';
import { notSaved, Refused } from '../shared/refused';
import { locate, pageJoin, store } from './locate';
import { newPaper, sameRecord, withKeys, withTags } from './merge';
import type { WriteOutcome } from './outcome';
import { paperState, savedChange } from './paper-state';
import type { TagRecord } from '../shared/records';
import type { ShelfmarkDB } from './schema';
import { cleanTags } from '../shared/stored-paper';
import { ensureTags } from './tag-records';

function parseTag(raw: string): { name: string; key: string } {
  const parsed = parseTagName(raw);
  if (!parsed.ok) throw new Refused(parsed.error);
  return parsed;
}

function checkCount(tags: readonly string[]): void {
  if (tags.length > LIMITS.tagsPerPaper) {
    throw new Refused(`A paper can have at most ${LIMITS.tagsPerPaper} tags.`);
  }
}

/**
 * The shared path of addTag/removeTag/setTags: find (or, given metadata, create) the paper, let
 * `retag` compute its new tag list, and write only when something changed.
 */
async function retagPaper(
  db: ShelfmarkDB,
  id: PaperId,
  metadata: PaperMetadata | undefined,
  now: number,
  retag: (current: readonly string[]) => string[],
): Promise<WriteOutcome<PaperState>> {
  return db.transaction('rw', db.papers, db.tags, async () => {
    const keys = metadata ? [id, metadata.id, ...metadata.aliases] : [id];
    // A page's entry (metadata) may name two saved papers; an id alone names one.
    const located = await locate(db, keys, metadata ? pageJoin(metadata.id) : undefined);
    const current = located.paper ? withKeys(located.paper, metadata) : undefined;
    const tags = retag(current?.tags ?? []);
    if (!current) {
      if (tags.length === 0) return { value: unsavedState(id), changes: [] };
      if (!metadata) throw notSaved(id);
    }
    checkCount(tags);
    const ensured = await ensureTags(db, tags, now);
    const paper = ensured.applyTo(withTags(current ?? newPaper(metadata!, now), tags));
    // Re-adding a tag the paper has, or removing one it lacks, writes and tells nothing.
    if (located.paper && located.storedIds.length === 1 && sameRecord(paper, located.paper)) {
      return { value: paperState(located.paper, ensured.byKey), changes: [] };
    }
    const written = { ...paper, updatedAt: now };
    await store(db, located, written);
    return { value: paperState(written, ensured.byKey), changes: [savedChange(written, ensured.byKey, located.keys)] };
  });
}

export async function addTag(db: ShelfmarkDB, id: PaperId, rawTag: string, metadata?: PaperMetadata, now = Date.now()) {
  const tag = parseTag(rawTag);
  return retagPaper(db, id, metadata, now, (current) =>
    current.some((name) => tagKey(name) === tag.key) ? [...current] : [...current, tag.name],
  );
}

export async function removeTag(db: ShelfmarkDB, id: PaperId, rawTag: string, now = Date.now()) {
  const tag = parseTag(rawTag);
  return retagPaper(db, id, undefined, now, (current) => current.filter((name) => tagKey(name) !== tag.key));
}

/** Replaces the paper's tags; an empty list on an unsaved paper leaves it unsaved. */
export async function setTags(db: ShelfmarkDB, id: PaperId, rawTags: readonly string[], metadata?: PaperMetadata, now = Date.now()) {
  const tags = cleanTags(rawTags, 'Tags');
  return retagPaper(db, id, metadata, now, () => tags);
}

/**
 * The user's tags starting with `prefix` (case-insensitive), most used first, then by name.
 * Tags no paper carries any more are left out: they are not part of the user's vocabulary now.
 */
export async function suggestTags(
  db: ShelfmarkDB,
  prefix: string,
  limit = 8,
  exclude: readonly string[] = [],
): Promise<TagSuggestion[]> {
  const key = tagKey(prefix);
  const excluded = new Set(exclude.map(tagKey));
  return db.transaction('r', db.papers, db.tags, async () => {
    // Index keys only: each paper contributes one key per matching tag, no records are read.
    const used = key
      ? await db.papers.where('tagKeys').startsWith(key).keys()
      : await db.papers.orderBy('tagKeys').keys();
    const counts = new Map<string, number>();
    for (const usedKey of used.map(String)) counts.set(usedKey, (counts.get(usedKey) ?? 0) + 1);
    const records = await db.tags.bulkGet([...counts.keys()].filter((candidate) => !excluded.has(candidate)));
    return records
      .filter((record): record is TagRecord => record !== undefined)
      .map((record) => ({ name: record.name, color: record.color, count: counts.get(record.key) ?? 0 }))
      .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name))
      .slice(0, limit);
  });
}

/** Sets a tag's colour (creating the tag if new); every tab showing a paper with it repaints. */
export async function setTagColor(db: ShelfmarkDB, rawTag: string, color: string, now = Date.now()): Promise<WriteOutcome<TagRecord>> {
  const tag = parseTag(rawTag);
  const normalized = color.toLowerCase();
  return db.transaction('rw', db.papers, db.tags, async () => {
    const existing = await db.tags.get(tag.key);
    const record: TagRecord = existing
      ? { ...existing, color: normalized }
      : { key: tag.key, name: tag.name, color: normalized, createdAt: now };
    await db.tags.put(record);
    const papers = await db.papers.where('tagKeys').equals(tag.key).toArray();
    const tags = new Map([[tag.key, record]]);
    const others = await db.tags.bulkGet([...new Set(papers.flatMap((paper) => paper.tagKeys))]);
    for (const other of others) if (other && other.key !== tag.key) tags.set(other.key, other);
    return { value: record, changes: papers.map((paper) => savedChange(paper, tags)) };
  });
}
