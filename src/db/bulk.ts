// Bulk actions of the library page: many papers, ONE transaction, ONE answer, and what it takes to
// undo them in one step (`restoreFields`). Papers are addressed by their stored (canonical) id,
// as the library lists them; ids no longer stored are skipped.
import { LIMITS } from '../shared/messages';
import type { PaperId, ReadingStatus } from '../shared/paper';
import { keysOf } from '../shared/paper-id';
import { parseTagName, tagKey } from '../shared/tags';
import { Refused } from '../shared/refused';
import { sameRecord, withTags } from './merge';
import type { WriteOutcome } from './outcome';
import { removedChange, savedChange, tagsOf } from './paper-state';
import type { BulkEditResult, FieldsBefore, RestoreFields } from '../shared/library-changes';
import type { SavedPaper, TagRecord } from '../shared/records';
import type { ShelfmarkDB } from './schema';
import { ensureTags } from './tag-records';

export interface BulkEdit {
  addTags?: readonly string[];
  removeTags?: readonly string[];
  status?: ReadingStatus;
}

function parseTags(raw: readonly string[]): { name: string; key: string }[] {
  return raw.map((raw) => {
    const parsed = parseTagName(raw);
    if (!parsed.ok) throw new Refused(parsed.error);
    return { name: parsed.name, key: parsed.key };
  });
}

async function present(db: ShelfmarkDB, ids: readonly PaperId[]): Promise<SavedPaper[]> {
  return (await db.papers.bulkGet([...new Set(ids)])).filter((paper): paper is SavedPaper => paper !== undefined);
}

/** Writes `papers` and answers the changes every tab hears (tag colours from the tags table). */
async function writeAll(db: ShelfmarkDB, papers: SavedPaper[]): Promise<WriteOutcome<number>> {
  if (papers.length === 0) return { value: 0, changes: [] };
  await db.papers.bulkPut(papers);
  const tags = await tagsOf(db, papers);
  return { value: papers.length, changes: papers.map((paper) => savedChange(paper, tags)) };
}

/** Adds and removes tags and sets the status of every paper in `ids` at once. */
export async function bulkEdit(db: ShelfmarkDB, ids: readonly PaperId[], edit: BulkEdit, now = Date.now()): Promise<WriteOutcome<BulkEditResult>> {
  const add = parseTags(edit.addTags ?? []);
  const remove = new Set(parseTags(edit.removeTags ?? []).map((tag) => tag.key));
  return db.transaction('rw', db.papers, db.tags, async () => {
    const papers = await present(db, ids);
    const ensured = await ensureTags(db, add.map((tag) => tag.name), now);
    const before: FieldsBefore[] = [];
    const changed: SavedPaper[] = [];
    for (const paper of papers) {
      const kept = paper.tags.filter((tag) => !remove.has(tagKey(tag)));
      const keys = new Set(kept.map(tagKey));
      const added = add.filter((tag) => !keys.has(tag.key) && !remove.has(tag.key)).map((tag) => ensured.byKey.get(tag.key)?.name ?? tag.name);
      const tags = [...kept, ...added];
      if (tags.length > LIMITS.tagsPerPaper) throw new Refused(`A paper can have at most ${LIMITS.tagsPerPaper} tags ("${paper.title.slice(0, 80)}").`);
      const next = { ...withTags(paper, tags), status: edit.status ?? paper.status };
      if (sameRecord(next, paper)) continue;
      before.push({ id: paper.id, tags: paper.tags, status: paper.status });
      changed.push({ ...next, updatedAt: now });
    }
    const written = await writeAll(db, changed);
    return { value: { changed: written.value, before }, changes: written.changes };
  });
}

/** Undo of a bulk edit or a tag change: puts tags, status and tag records back, in one transaction. */
export async function restoreFields(db: ShelfmarkDB, input: RestoreFields, now = Date.now()): Promise<WriteOutcome<{ changed: number }>> {
  return db.transaction('rw', db.papers, db.tags, async () => {
    if (input.dropTags?.length) await db.tags.bulkDelete([...input.dropTags]);
    // A record's key is always its name's key, whatever the request says.
    if (input.tags?.length) {
      await db.tags.bulkPut(
        input.tags.map((tag): TagRecord => {
          const { name, key } = parseTags([tag.name])[0]!;
          return { key, name, color: tag.color.toLowerCase(), createdAt: tag.createdAt };
        }),
      );
    }
    const wanted = new Map(input.papers.map((fields) => [fields.id, fields]));
    const papers = await present(db, [...wanted.keys()]);
    const names = papers.flatMap((paper) => wanted.get(paper.id)!.tags ?? []);
    const ensured = await ensureTags(db, parseTags(names).map((tag) => tag.name), now);
    const changed: SavedPaper[] = [];
    for (const paper of papers) {
      const fields = wanted.get(paper.id)!;
      const tagged = fields.tags ? ensured.applyTo(withTags(paper, fields.tags)) : paper;
      const next = { ...tagged, status: fields.status ?? paper.status };
      if (!sameRecord(next, paper)) changed.push({ ...next, updatedAt: now });
    }
    const written = await writeAll(db, changed);
    return { value: { changed: written.value }, changes: written.changes };
  });
}

/** Removes every paper in `ids`; the removed records come back for undo (they import back as they were). */
export async function bulkUnsave(db: ShelfmarkDB, ids: readonly PaperId[]): Promise<WriteOutcome<{ removed: SavedPaper[] }>> {
  return db.transaction('rw', db.papers, async () => {
    const papers = await present(db, ids);
    await db.papers.bulkDelete(papers.map((paper) => paper.id));
    return { value: { removed: papers }, changes: papers.map((paper) => removedChange(keysOf(paper), paper.id)) };
  });
}
