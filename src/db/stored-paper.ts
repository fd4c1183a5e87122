// Checks a whole stored record arriving from outside (an undo, an imported backup) and brings it
// to the shape the database keeps: tags cleaned and keyed, the id among the aliases, timestamps set.
import * as v from 'valibot';
import { describeIssues, LIMITS, PaperMetadataSchema } from '../shared/messages';
import { READING_STATUSES } from '../shared/paper';
import { parseTagName, tagKey } from '../shared/tags';
import { WriteRejected } from './errors';
import { keysOf } from './paper-keys';
import type { SavedPaper } from './records';

/** Merges add aliases over time; a page may send 16 at once, a stored paper keeps up to this many. */
export const STORED_ALIASES_MAX = 64;

const Timestamp = v.pipe(v.number(), v.finite(), v.minValue(0));

// Unknown fields are dropped (v.object strips them): a file cannot make us store arbitrary data.
export const StoredPaperSchema = v.object({
  ...PaperMetadataSchema.entries,
  aliases: v.optional(v.pipe(v.array(PaperMetadataSchema.entries.id), v.maxLength(STORED_ALIASES_MAX)), []),
  tags: v.optional(v.pipe(v.array(v.string()), v.maxLength(LIMITS.tagsPerPaper)), []),
  status: v.optional(v.picklist(READING_STATUSES), 'unread'),
  note: v.optional(v.pipe(v.string(), v.maxLength(LIMITS.note)), ''),
  savedAt: v.optional(Timestamp),
  updatedAt: v.optional(Timestamp),
});

/** Tag display forms, cleaned, without case-insensitive repeats; throws on the first invalid one. */
export function cleanTags(raw: readonly string[], label: string): string[] {
  const byKey = new Map<string, string>();
  for (const [index, tag] of raw.entries()) {
    const parsed = parseTagName(tag);
    if (!parsed.ok) throw new WriteRejected(`${label}: tag ${index + 1} ("${tag.slice(0, 80)}"): ${parsed.error}`);
    if (!byKey.has(parsed.key)) byKey.set(parsed.key, parsed.name);
  }
  return [...byKey.values()];
}

/**
 * `label` names the record in the error ("Paper 12 (arxiv:2401.00001)"), so the user can find it.
 * Timestamps default to `now`; `updatedAt` to `savedAt`.
 */
export function parseStoredPaper(raw: unknown, label: string, now: number): SavedPaper {
  const result = v.safeParse(StoredPaperSchema, raw);
  if (!result.success) throw new WriteRejected(`${label}: ${describeIssues(result.issues)}`);
  const { tags: rawTags, savedAt, updatedAt, ...rest } = result.output;
  const tags = cleanTags(rawTags, label);
  const saved = savedAt ?? now;
  return {
    ...rest,
    aliases: keysOf(rest).slice(0, STORED_ALIASES_MAX),
    tags,
    tagKeys: tags.map(tagKey),
    savedAt: saved,
    updatedAt: updatedAt ?? saved,
  };
}
