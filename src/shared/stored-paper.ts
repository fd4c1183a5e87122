// Checks a whole stored record arriving from outside (an undo, an imported backup) and brings it
// to the shape the database keeps: tags cleaned and keyed, the id among the aliases, timestamps set.
import * as v from 'valibot';
import { describeIssues, LIMITS, PaperMetadataSchema } from '../shared/messages';
import { READING_STATUSES } from '../shared/paper';
import { parseTagName } from '../shared/tags';
import { Refused } from './refused';
import { canonicalId, canonicalKey } from './paper-id';
import type { PaperId } from './paper';
import { TimestampSchema, type SavedPaper } from './records';

/** Merges add aliases over time; a page may send 16 at once, a stored paper keeps up to this many. */
export const STORED_ALIASES_MAX = 64;

// Unknown fields are dropped (v.object strips them): a file cannot make us store arbitrary data.
export const StoredPaperSchema = v.object({
  ...PaperMetadataSchema.entries,
  aliases: v.optional(v.pipe(v.array(PaperMetadataSchema.entries.id), v.maxLength(STORED_ALIASES_MAX)), []),
  tags: v.optional(v.pipe(v.array(v.string()), v.maxLength(LIMITS.tagsPerPaper)), []),
  status: v.optional(v.picklist(READING_STATUSES), 'unread'),
  note: v.optional(v.pipe(v.string(), v.maxLength(LIMITS.note)), ''),
  savedAt: v.optional(TimestampSchema),
  updatedAt: v.optional(TimestampSchema),
});

/**
 * Each distinct spelling parsed once: an import repeats a few tags over thousands of papers, and
 * parsing one (NFC, whitespace, ICU lower-casing) cost more than the rest of a record's check.
 * Bounded, so a stream of distinct tags cannot grow it without end.
 */
const parsedTags = new Map<string, ReturnType<typeof parseTagName>>();
const PARSED_TAGS_MAX = 4096;

function parseTagCached(raw: string): ReturnType<typeof parseTagName> {
  let parsed = parsedTags.get(raw);
  if (!parsed) {
    if (parsedTags.size >= PARSED_TAGS_MAX) parsedTags.clear();
    parsed = parseTagName(raw);
    parsedTags.set(raw, parsed);
  }
  return parsed;
}

/** Cleaned tags without case-insensitive repeats, with their keys; throws on the first invalid one. */
function cleanTagsKeyed(raw: readonly string[], label: string): Map<string, string> {
  const byKey = new Map<string, string>();
  for (const [index, tag] of raw.entries()) {
    const parsed = parseTagCached(tag);
    if (!parsed.ok) throw new Refused(`${label}: tag ${index + 1} ("${tag.slice(0, 80)}"): ${parsed.error}`);
    if (!byKey.has(parsed.key)) byKey.set(parsed.key, parsed.name);
  }
  return byKey;
}

/** Tag display forms, cleaned, without case-insensitive repeats; throws on the first invalid one. */
export function cleanTags(raw: readonly string[], label: string): string[] {
  return [...cleanTagsKeyed(raw, label).values()];
}

/**
 * A whole record's keys, each through the identity module (src/shared/paper-id.ts): canonical
 * (`arxiv:2401.00007v2` is `arxiv:2401.00007`), known, and of one paper. Two arXiv ids would join
 * two papers, so such a record is refused; `id` becomes the best of its keys.
 */
export function checkPaperKeys(paper: { id: PaperId; aliases?: readonly PaperId[] }, label: string): { id: PaperId; aliases: PaperId[] } {
  const keys = new Set<PaperId>();
  for (const raw of [paper.id, ...(paper.aliases ?? [])]) {
    const key = canonicalKey(raw);
    if (!key) throw new Refused(`${label}: "${raw.slice(0, 80)}" is not a paper id Shelfmark knows.`);
    keys.add(key);
  }
  const arxiv = [...keys].filter((key) => key.startsWith('arxiv:'));
  if (arxiv.length > 1) {
    throw new Refused(`${label}: it has two arXiv ids ("${arxiv[0]}" and "${arxiv[1]}"); a paper has one.`);
  }
  const aliases = [...keys].slice(0, STORED_ALIASES_MAX);
  return { id: canonicalId(aliases), aliases };
}

/**
 * `label` names the record in the error ("Paper 12 (arxiv:2401.00001)"), so the user can find it.
 * Timestamps default to `now`; `updatedAt` to `savedAt`.
 */
export function parseStoredPaper(raw: unknown, label: string, now: number): SavedPaper {
  const result = v.safeParse(StoredPaperSchema, raw);
  if (!result.success) throw new Refused(`${label}: ${describeIssues(result.issues)}`);
  const { tags: rawTags, savedAt, updatedAt, ...rest } = result.output;
  const tags = cleanTagsKeyed(rawTags, label);
  const saved = savedAt ?? now;
  return {
    ...rest,
    ...checkPaperKeys(rest, label),
    tags: [...tags.values()],
    tagKeys: [...tags.keys()],
    savedAt: saved,
    updatedAt: updatedAt ?? saved,
  };
}
