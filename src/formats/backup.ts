// The full JSON backup: every field of every paper and tag, and the Dexie schema version it was
// written under, so a later Shelfmark can tell how to read it.
import * as v from 'valibot';
import type { SavedPaper, TagRecord } from '../db/records';
import { LIMITS, PaperMetadataSchema, describeIssues } from '../shared/messages';
import { READING_STATUSES } from '../shared/paper';
import { parseTagName } from '../shared/tags';
import { ImportError, type ImportBatch } from './import-batch';

export const BACKUP_FORMAT = 'shelfmark-backup';

export interface Backup {
  format: typeof BACKUP_FORMAT;
  /** The Dexie version number of the database the backup was read from. */
  schemaVersion: number;
  exportedAt: string;
  papers: SavedPaper[];
  tags: TagRecord[];
}

export function toBackup(papers: readonly SavedPaper[], tags: readonly TagRecord[], schemaVersion: number, now = new Date()): Backup {
  return { format: BACKUP_FORMAT, schemaVersion, exportedAt: now.toISOString(), papers: [...papers], tags: [...tags] };
}

export function toBackupJson(papers: readonly SavedPaper[], tags: readonly TagRecord[], schemaVersion: number, now = new Date()): string {
  return `${JSON.stringify(toBackup(papers, tags, schemaVersion, now), null, 1)}\n`;
}

const Timestamp = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(8.64e15));
const TagName = v.pipe(v.string(), v.maxLength(512));

const SavedPaperSchema = v.object({
  ...PaperMetadataSchema.entries,
  tags: v.pipe(v.array(TagName), v.maxLength(LIMITS.tagsPerPaper)),
  // Recomputed from `tags` below: a file cannot make the index disagree with the names.
  tagKeys: v.optional(v.array(v.string())),
  status: v.picklist(READING_STATUSES),
  note: v.pipe(v.string(), v.maxLength(LIMITS.note)),
  savedAt: Timestamp,
  updatedAt: Timestamp,
});

const TagRecordSchema = v.object({
  key: v.optional(v.string()),
  name: TagName,
  color: v.pipe(v.string(), v.regex(/^#[0-9a-f]{6}$/iu)),
  createdAt: Timestamp,
});

const BackupHeaderSchema = v.object({
  format: v.literal(BACKUP_FORMAT),
  schemaVersion: v.pipe(v.number(), v.integer(), v.minValue(1)),
  exportedAt: v.optional(v.string()),
  papers: v.pipe(v.array(v.unknown()), v.maxLength(LIMITS.importPapers)),
  tags: v.pipe(v.array(v.unknown()), v.maxLength(LIMITS.importPapers)),
});

function cleanTags(names: readonly string[], where: string): { tags: string[]; tagKeys: string[] } {
  const tags: string[] = [];
  const tagKeys: string[] = [];
  for (const raw of names) {
    const parsed = parseTagName(raw);
    if (!parsed.ok) throw new ImportError(`${where}: tag "${raw.slice(0, 40)}": ${parsed.error}`);
    if (tagKeys.includes(parsed.key)) continue;
    tags.push(parsed.name);
    tagKeys.push(parsed.key);
  }
  return { tags, tagKeys };
}

/** Checks a backup file in full; any fault rejects the whole file (nothing is imported). */
export function parseBackup(text: string, currentSchemaVersion: number): ImportBatch {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ImportError(`This is not a valid JSON file (${(error as Error).message}). Was it cut short?`);
  }
  const header = v.safeParse(BackupHeaderSchema, data);
  if (!header.success) {
    throw new ImportError(`This JSON file is not a Shelfmark backup (${describeIssues(header.issues)}).`);
  }
  if (header.output.schemaVersion > currentSchemaVersion) {
    throw new ImportError(
      `This backup was made by a newer Shelfmark (schema ${header.output.schemaVersion}; this one reads up to ${currentSchemaVersion}). Update Shelfmark first.`,
    );
  }
  const seen = new Set<string>();
  const papers = header.output.papers.map((raw, index): SavedPaper => {
    const result = v.safeParse(SavedPaperSchema, raw);
    const where = `Paper ${index + 1}`;
    if (!result.success) throw new ImportError(`${where} is damaged: ${describeIssues(result.issues)}.`);
    if (seen.has(result.output.id)) throw new ImportError(`${where} (${result.output.id}) appears twice in the backup.`);
    seen.add(result.output.id);
    return { ...result.output, ...cleanTags(result.output.tags, `${where} (${result.output.id})`) };
  });
  const tagKeys = new Set<string>();
  const tags = header.output.tags.map((raw, index): TagRecord => {
    const result = v.safeParse(TagRecordSchema, raw);
    if (!result.success) throw new ImportError(`Tag ${index + 1} is damaged: ${describeIssues(result.issues)}.`);
    const parsed = parseTagName(result.output.name);
    if (!parsed.ok) throw new ImportError(`Tag ${index + 1} ("${result.output.name.slice(0, 40)}"): ${parsed.error}`);
    if (tagKeys.has(parsed.key)) throw new ImportError(`Tag "${parsed.name}" appears twice in the backup.`);
    tagKeys.add(parsed.key);
    return { key: parsed.key, name: parsed.name, color: result.output.color, createdAt: result.output.createdAt };
  });
  return { format: 'backup', papers, tags, skipped: [] };
}
