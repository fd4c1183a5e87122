// The library's tag manager: rename, merge and delete a tag across every paper, each in ONE
// transaction that also answers what `restoreFields` needs to undo it. Tags compare by key
// (trimmed, case-folded), so renaming "RL" to "rl" changes the spelling of one tag, and renaming
// a tag to the name of another merges the two.
import { defaultTagColor, parseTagName, tagKey } from '../shared/tags';
import type { RestoreFields, TagChangeResult } from '../shared/library-changes';
import { Refused } from '../shared/refused';
import { withTags } from './merge';
import type { WriteOutcome } from './outcome';
import { savedChange, tagsOf } from './paper-state';
import type { SavedPaper, TagRecord } from '../shared/records';
import type { ShelfmarkDB } from './schema';

function parse(raw: string): { name: string; key: string } {
  const parsed = parseTagName(raw);
  if (!parsed.ok) throw new Refused(parsed.error);
  return parsed;
}

/**
 * Every paper carrying one of `from` gets `into` in their place (once, where the first of them
 * stood), or loses them when `into` is null; the tag records of `from` go, `into`'s is kept
 * (its colour, else the first source's) with the spelling given.
 */
async function replaceTags(db: ShelfmarkDB, rawFrom: readonly string[], rawInto: string | null, now: number): Promise<WriteOutcome<TagChangeResult>> {
  const from = [...new Map(rawFrom.map(parse).map((tag) => [tag.key, tag])).values()];
  if (from.length === 0) throw new Refused('Name at least one tag.');
  const into = rawInto === null ? null : parse(rawInto);
  const fromKeys = new Set(from.map((tag) => tag.key));
  return db.transaction('rw', db.papers, db.tags, async () => {
    const records = await db.tags.bulkGet([...fromKeys]);
    const papers = await db.papers.where('tagKeys').anyOf([...fromKeys]).distinct().toArray();
    if (papers.length === 0 && records.every((record) => !record)) {
      throw new Refused(`There is no tag "${from[0]!.name}".`);
    }
    const target = into ? await db.tags.get(into.key) : undefined;
    const undoTags = new Map<string, TagRecord>();
    for (const record of [...records, target]) if (record) undoTags.set(record.key, record);
    const undo: RestoreFields = {
      papers: papers.map((paper) => ({ id: paper.id, tags: paper.tags })),
      tags: [...undoTags.values()],
      dropTags: into && !target && !fromKeys.has(into.key) ? [into.key] : [],
    };

    await db.tags.bulkDelete([...fromKeys].filter((key) => key !== into?.key));
    if (into) {
      const first = records.find((record): record is TagRecord => record !== undefined);
      await db.tags.put({
        key: into.key,
        name: into.name,
        color: target?.color ?? first?.color ?? defaultTagColor(into.key),
        createdAt: target?.createdAt ?? first?.createdAt ?? now,
      });
    }
    const changed: SavedPaper[] = papers.map((paper) => {
      const tags: string[] = [];
      let placed = false;
      for (const tag of paper.tags) {
        const key = tagKey(tag);
        if (fromKeys.has(key) || key === into?.key) {
          if (into && !placed) tags.push(into.name);
          placed = true;
        } else tags.push(tag);
      }
      return { ...withTags(paper, tags), updatedAt: now };
    });
    if (changed.length > 0) await db.papers.bulkPut(changed);
    const tagRecords = await tagsOf(db, changed);
    return { value: { papers: changed.length, undo }, changes: changed.map((paper) => savedChange(paper, tagRecords)) };
  });
}

/** Renames a tag everywhere; a name that is another tag's merges the two. */
export function renameTag(db: ShelfmarkDB, tag: string, to: string, now = Date.now()) {
  return replaceTags(db, [tag], to, now);
}

/** Merges `tags` into `into` (an existing tag or a new name). */
export function mergeTags(db: ShelfmarkDB, tags: readonly string[], into: string, now = Date.now()) {
  return replaceTags(db, tags, into, now);
}

/** Removes a tag from every paper and from the tags table. */
export function deleteTag(db: ShelfmarkDB, tag: string, now = Date.now()) {
  return replaceTags(db, [tag], null, now);
}
