// The full JSON backup: every field of every paper and tag, and the Dexie schema version it was
// written under, so a later Shelfmark can tell how to read it.
import * as v from 'valibot';
import { TagColorSchema, TimestampSchema, type SavedPaper, type TagRecord } from '../shared/records';
import { Refused } from '../shared/refused';
import { parseStoredPaper } from '../shared/stored-paper';
import { LIMITS, describeIssues } from '../shared/messages';
import { parseTagName } from '../shared/tags';
import type { ImportBatch } from './import-batch';

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

const TagRecordSchema = v.object({
  name: v.pipe(v.string(), v.maxLength(512)),
  color: TagColorSchema,
  createdAt: TimestampSchema,
});

const BackupHeaderSchema = v.object({
  format: v.literal(BACKUP_FORMAT),
  schemaVersion: v.pipe(v.number(), v.integer(), v.minValue(1)),
  exportedAt: v.optional(v.string()),
  papers: v.pipe(v.array(v.unknown()), v.maxLength(LIMITS.importPapers)),
  tags: v.pipe(v.array(v.unknown()), v.maxLength(LIMITS.importPapers)),
});

/** Checks a backup file in full; any fault rejects the whole file (nothing is imported). */
export function parseBackup(text: string, currentSchemaVersion: number): ImportBatch {
  return { format: 'backup', ...readBackup(text, currentSchemaVersion), skipped: [] };
}

/** `parseBackup`'s records, typed as the whole checked records they are. */
export function readBackup(text: string, currentSchemaVersion: number): { papers: SavedPaper[]; tags: TagRecord[] } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new Refused(`This is not a valid JSON file (${(error as Error).message}). Was it cut short?`);
  }
  const header = v.safeParse(BackupHeaderSchema, data);
  if (!header.success) {
    throw new Refused(`This JSON file is not a Shelfmark backup (${describeIssues(header.issues)}).`);
  }
  if (header.output.schemaVersion > currentSchemaVersion) {
    throw new Refused(
      `This backup was made by a newer Shelfmark (schema ${header.output.schemaVersion}; this one reads up to ${currentSchemaVersion}). Update Shelfmark first.`,
    );
  }
  const seen = new Set<string>();
  const now = Date.now();
  const papers = header.output.papers.map((raw, index): SavedPaper => {
    const paper = parseStoredPaper(raw, `Paper ${index + 1} is damaged`, now);
    if (seen.has(paper.id)) throw new Refused(`Paper ${index + 1} (${paper.id}) appears twice in the backup.`);
    seen.add(paper.id);
    return paper;
  });
  const tagKeys = new Set<string>();
  const tags = header.output.tags.map((raw, index): TagRecord => {
    const result = v.safeParse(TagRecordSchema, raw);
    if (!result.success) throw new Refused(`Tag ${index + 1} is damaged: ${describeIssues(result.issues)}.`);
    const parsed = parseTagName(result.output.name);
    if (!parsed.ok) throw new Refused(`Tag ${index + 1} ("${result.output.name.slice(0, 40)}"): ${parsed.error}`);
    if (tagKeys.has(parsed.key)) throw new Refused(`Tag "${parsed.name}" appears twice in the backup.`);
    tagKeys.add(parsed.key);
    return { key: parsed.key, name: parsed.name, color: result.output.color, createdAt: result.output.createdAt };
  });
  return { papers, tags };
}
