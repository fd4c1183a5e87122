// Merging imported records (a JSON backup, or papers the popup parsed from BibTeX) into the store.
import * as v from 'valibot';
import { describeIssues } from '../shared/messages';
import type { PaperId } from '../shared/paper';
import { defaultTagColor, parseTagName } from '../shared/tags';
import { Refused } from '../shared/refused';
import { absorb, fillMetadata, overlayMetadata, sameRecord, unionAliases, unionTags, withTags } from './merge';
import type { WriteOutcome } from './outcome';
import { canonicalId, keysOf } from '../shared/paper-id';
import { savedChange } from './paper-state';
import { TagColorSchema, TimestampSchema, type ImportReport, type SavedPaper, type TagRecord } from '../shared/records';
import { findPapers, refuseJoin } from './locate';
import type { ShelfmarkDB } from './schema';
import { parseStoredPaper } from '../shared/stored-paper';

export interface ImportInput {
  papers: readonly unknown[];
  tags: readonly unknown[];
}

const TagInputSchema = v.object({
  name: v.string(),
  color: v.optional(TagColorSchema),
  createdAt: v.optional(TimestampSchema),
});

function labelOf(kind: string, index: number, raw: unknown, field: 'id' | 'name'): string {
  const value = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>)[field] : undefined;
  return typeof value === 'string' ? `${kind} ${index + 1} ("${value.slice(0, 80)}")` : `${kind} ${index + 1}`;
}

function parseTagRecord(raw: unknown, label: string, now: number): TagRecord {
  const result = v.safeParse(TagInputSchema, raw);
  if (!result.success) throw new Refused(`${label}: ${describeIssues(result.issues)}`);
  const name = parseTagName(result.output.name);
  if (!name.ok) throw new Refused(`${label}: ${name.error}`);
  return {
    key: name.key,
    name: name.name,
    color: result.output.color?.toLowerCase() ?? defaultTagColor(name.key),
    createdAt: result.output.createdAt ?? now,
  };
}

/**
 * An incoming record merged into the stored one, by the rules in `importPapers`. An `undated`
 * record comes from a format without times or status (BibTeX): it only fills what the stored
 * record lacks, so importing such a file again changes nothing.
 */
function mergeImported(stored: SavedPaper, incoming: SavedPaper, undated: boolean): SavedPaper {
  const newer = !undated && incoming.updatedAt > stored.updatedAt;
  const base: SavedPaper = newer
    ? {
        ...overlayMetadata(stored, incoming),
        status: incoming.status,
        note: incoming.note.trim() !== '' ? incoming.note : stored.note,
        updatedAt: incoming.updatedAt,
      }
    : undated
      ? { ...fillMetadata(stored, incoming), note: stored.note.trim() !== '' ? stored.note : incoming.note }
      : stored;
  return withTags(
    {
      ...base,
      id: canonicalId([stored.id, incoming.id]),
      aliases: unionAliases(stored, incoming),
      savedAt: undated ? stored.savedAt : Math.min(stored.savedAt, incoming.savedAt),
    },
    unionTags(stored.tags, incoming.tags),
  );
}

/** One paper being assembled: the stored records it replaces and whether it must be written. */
interface Slot {
  paper: SavedPaper;
  storedIds: PaperId[];
  keysBefore: PaperId[];
  dirty: boolean;
}

/**
 * Merge rules:
 * - Every record is checked before anything is written. One bad paper or tag rejects the whole
 *   import with a message naming it ("Paper 12 ("arxiv:2401.00001"): title: …") and nothing changes;
 *   the writes are ONE read-write transaction, so a failure midway changes nothing either.
 * - Papers match stored papers, and each other, by canonical id and by every alias: a paper stored
 *   under its DOI and imported under its arXiv id (listing the DOI) is one paper. The best key
 *   (arXiv, then DOI, then others, then URL) names the merged record.
 * - Every id and alias goes through the identity module (canonical and known; one arXiv id per
 *   paper), and every time is within the Date range (src/shared/stored-paper.ts).
 * - A record that matches two stored papers (its aliases name both) is refused, naming both:
 *   it would merge them, and their notes and statuses with them.
 * - A paper that matches nothing is added as given (missing timestamps become now).
 * - A record without times (BibTeX) never overrides what is stored: it only fills empty fields
 *   and adds tags and aliases, so importing the same file twice changes nothing.
 * - A paper that matches gets the union of tags and of aliases, and the earlier `savedAt`. If the
 *   incoming record is newer (greater `updatedAt`), its non-empty fields (metadata, note) and its
 *   status and `updatedAt` replace the stored ones; otherwise those stay as stored.
 * - Tags: a tag the store lacks is added with the incoming display form and colour (or the
 *   default colour); a tag the store has keeps its display form and colour. Papers' tags are
 *   spelled as the tags table spells them.
 * - Report, one count per incoming paper: added, updated (its stored paper changed) or unchanged;
 *   `tagsAdded` counts new tag records. Importing the same file twice leaves the second unchanged.
 * Bulk reads and writes only (a few batched requests per table, never one round trip per paper).
 */
export async function importPapers(db: ShelfmarkDB, input: ImportInput, now = Date.now()): Promise<WriteOutcome<ImportReport>> {
  const undated = new Set<SavedPaper>();
  const papers = input.papers.map((raw, index) => {
    const paper = parseStoredPaper(raw, labelOf('Paper', index, raw, 'id'), now);
    if (isUndated(raw)) undated.add(paper);
    return paper;
  });
  const tags = input.tags.map((raw, index) => parseTagRecord(raw, labelOf('Tag', index, raw, 'name'), now));
  return mergeImport(db, { papers, tags, undated }, now);
}

/** A record that says nothing of when it was saved or changed (BibTeX): it carries no status either. */
function isUndated(raw: unknown): boolean {
  const record = raw as { savedAt?: unknown; updatedAt?: unknown };
  return record.savedAt === undefined && record.updatedAt === undefined;
}

/** Records already checked, as `parseStoredPaper` and a tag check leave them. */
export interface CheckedImport {
  papers: readonly SavedPaper[];
  tags: readonly TagRecord[];
  /** Papers of `papers` from a format without times or status: they never override stored values. */
  undated?: ReadonlySet<SavedPaper>;
}

/**
 * The merge of `importPapers`, for records already checked (a backup read by the background is
 * checked once, by `readBackup`, not a second time here).
 */
export async function mergeImport(db: ShelfmarkDB, checked: CheckedImport, now = Date.now()): Promise<WriteOutcome<ImportReport>> {
  const { papers: incoming, tags: incomingTags } = checked;
  // Durability stays the browser's default (Dexie's `chromeTransactionDurability` is not set):
  // 10,000 bare puts in Chromium 156 here took 1.9–3.6 s with 'relaxed' and 2.4–3.9 s with the
  // default, the same within this machine's noise, so nothing was worth a crash losing an import
  // the user was told had succeeded. What does cost is one IndexedDB request per paper (schema v4).

  return db.transaction('rw', db.papers, db.tags, async () => {
    const report: ImportReport = { added: 0, updated: 0, unchanged: 0, tagsAdded: 0 };

    const tagKeys = [...new Set([...incomingTags.map((tag) => tag.key), ...incoming.flatMap((paper) => paper.tagKeys)])];
    const storedTags = tagKeys.length === 0 ? [] : await db.tags.bulkGet(tagKeys);
    const tags = new Map<string, TagRecord>();
    for (const record of storedTags) if (record) tags.set(record.key, record);
    const createdTags: TagRecord[] = [];
    const addTag = (record: TagRecord) => {
      if (tags.has(record.key)) return;
      tags.set(record.key, record);
      createdTags.push(record);
    };
    for (const record of incomingTags) addTag(record);
    for (const paper of incoming) {
      paper.tags.forEach((name, index) => {
        const key = paper.tagKeys[index]!;
        addTag({ key, name, color: defaultTagColor(key), createdAt: now });
      });
    }
    report.tagsAdded = createdTags.length;

    const stored = await findPapers(db, incoming);
    const slotByKey = new Map<PaperId, Slot>();
    const slots: Slot[] = [];
    const register = (slot: Slot) => {
      for (const key of keysOf(slot.paper)) slotByKey.set(key, slot);
    };
    // Folds `other` into `target` when one paper turns out to have several records.
    const join = (target: Slot, other: Slot) => {
      target.paper = absorb(target.paper, other.paper);
      target.storedIds.push(...other.storedIds);
      target.keysBefore.push(...other.keysBefore);
      target.dirty = true;
      slots.splice(slots.indexOf(other), 1);
      register(target);
    };
    const matching = (paper: SavedPaper) => [
      ...new Set(keysOf(paper).flatMap((key) => slotByKey.get(key) ?? [])),
    ];

    for (const paper of stored) {
      const [target, ...others] = matching(paper);
      const slot: Slot = { paper, storedIds: [paper.id], keysBefore: keysOf(paper), dirty: false };
      slots.push(slot);
      register(slot);
      if (target) join(target, slot);
      for (const other of others) join(target!, other);
    }

    for (const [index, raw] of incoming.entries()) {
      // Spelled as the tags table spells them; most already are (no copy then).
      const spelled = raw.tags.map((name, index) => tags.get(raw.tagKeys[index]!)?.name ?? name);
      const paper = spelled.every((name, index) => name === raw.tags[index]) ? raw : withTags(raw, spelled);
      const [target, ...others] = matching(paper);
      // One record naming two papers of the list (an alias that is another stored paper's key)
      // would merge them, notes and status included: refused, and the transaction rolls back.
      const storedMatches = [target, ...others].filter((slot) => slot && slot.storedIds.length > 0) as Slot[];
      refuseJoin(
        storedMatches.map((slot) => slot.paper),
        { what: `Paper ${index + 1} ("${raw.id}")`, hint: 'Check its aliases.' },
      );
      if (!target) {
        const slot: Slot = { paper, storedIds: [], keysBefore: [], dirty: true };
        slots.push(slot);
        register(slot);
        report.added += 1;
        continue;
      }
      for (const other of others) join(target, other);
      const merged = mergeImported(target.paper, paper, checked.undated?.has(raw) ?? false);
      if (others.length === 0 && sameRecord(merged, target.paper)) {
        report.unchanged += 1;
        continue;
      }
      target.paper = merged;
      target.dirty = true;
      register(target);
      report.updated += 1;
    }

    const dirty = slots.filter((slot) => slot.dirty);
    const stale = dirty.flatMap((slot) => slot.storedIds.filter((id) => id !== slot.paper.id));
    if (stale.length > 0) await db.papers.bulkDelete(stale);
    if (createdTags.length > 0) await db.tags.bulkAdd(createdTags);
    // bulkAdd where nothing is stored under the paper: in Chromium it is ~25% cheaper than
    // bulkPut, which has Dexie read the old values first to tell live queries what changed.
    const added = dirty.filter((slot) => slot.storedIds.length === 0).map((slot) => slot.paper);
    const replaced = dirty.filter((slot) => slot.storedIds.length > 0).map((slot) => slot.paper);
    if (added.length > 0) await db.papers.bulkAdd(added);
    if (replaced.length > 0) await db.papers.bulkPut(replaced);

    // Stored papers may carry tags the file does not mention; the tabs need their colours too.
    const missing = [...new Set(dirty.flatMap((slot) => slot.paper.tagKeys))].filter((key) => !tags.has(key));
    for (const record of missing.length === 0 ? [] : await db.tags.bulkGet(missing)) {
      if (record) tags.set(record.key, record);
    }
    return { value: report, changes: dirty.map((slot) => savedChange(slot.paper, tags, slot.keysBefore)) };
  });
}
