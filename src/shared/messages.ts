// The one message protocol between contexts. Each request is declared once here, as a schema
// (checked by the receiver) from which its TypeScript type is derived, next to its response type.
import * as v from 'valibot';
import { READING_STATUSES, type PaperId, type PaperState } from './paper';
import { TAG_MAX_LENGTH } from './tags';
import type { ImportReport, SavedPaper, TagRecord } from '../db/records';
import { SettingsPatchSchema, type Settings } from './settings';

// Size limits: generous for real pages (5,000-character titles, 2,000-entry listings), small
// enough that a hostile page cannot make the background store megabytes per message.
export const LIMITS = {
  idLength: 400,
  idsPerRequest: 20_000,
  aliases: 16,
  title: 20_000,
  abstract: 100_000,
  authors: 5_000,
  authorLength: 1_000,
  textField: 10_000,
  url: 4_000,
  tagsPerPaper: 200,
  note: 200_000,
  importPapers: 100_000,
} as const;

const text = (max: number) => v.pipe(v.string(), v.maxLength(max));
const PaperIdSchema = v.pipe(v.string(), v.minLength(3), v.maxLength(LIMITS.idLength), v.regex(/^[a-z][a-z0-9]*:\S/u));
// Tag names are checked in full by parseTagName in the handler (it explains what is wrong);
// the schema only bounds the size.
const TagInputSchema = v.pipe(v.string(), v.maxLength(TAG_MAX_LENGTH * 8));
const StatusSchema = v.picklist(READING_STATUSES);

export const PaperMetadataSchema = v.object({
  id: PaperIdSchema,
  aliases: v.pipe(v.array(PaperIdSchema), v.maxLength(LIMITS.aliases)),
  title: text(LIMITS.title),
  authors: v.pipe(v.array(text(LIMITS.authorLength)), v.maxLength(LIMITS.authors)),
  abstract: v.optional(text(LIMITS.abstract)),
  absUrl: v.optional(text(LIMITS.url)),
  pdfUrl: v.optional(text(LIMITS.url)),
  version: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
  primarySubject: v.optional(text(200)),
  categories: v.optional(v.pipe(v.array(text(200)), v.maxLength(50))),
  comments: v.optional(text(LIMITS.textField)),
  journalRef: v.optional(text(LIMITS.textField)),
  date: v.optional(text(40)),
  source: v.optional(
    v.object({
      site: v.picklist(['arxiv', 'huggingface', 'links']),
      pageKind: v.picklist(['listing', 'search', 'abstract', 'daily', 'paper', 'collection', 'links']),
      url: text(LIMITS.url),
    }),
  ),
});

const PaperRefSchema = v.object({
  id: PaperIdSchema,
  aliases: v.pipe(v.array(PaperIdSchema), v.maxLength(LIMITS.aliases)),
});

/** Request schemas, by message type. */
export const RequestSchemas = {
  /** State of every entry on a page, in one call. */
  getStates: v.object({ papers: v.pipe(v.array(PaperRefSchema), v.maxLength(LIMITS.idsPerRequest)) }),
  save: v.object({ paper: PaperMetadataSchema }),
  unsave: v.object({ id: PaperIdSchema }),
  /** Puts back a paper removed by `unsave` (the popup's undo), every field as it was. */
  restore: v.object({ paper: v.looseObject({ id: PaperIdSchema }) }),
  /** `paper` lets tagging an unsaved paper save it. */
  addTag: v.object({ id: PaperIdSchema, tag: TagInputSchema, paper: v.optional(PaperMetadataSchema) }),
  removeTag: v.object({ id: PaperIdSchema, tag: TagInputSchema }),
  setTags: v.object({
    id: PaperIdSchema,
    tags: v.pipe(v.array(TagInputSchema), v.maxLength(LIMITS.tagsPerPaper)),
    paper: v.optional(PaperMetadataSchema),
  }),
  suggestTags: v.object({
    prefix: v.pipe(v.string(), v.maxLength(TAG_MAX_LENGTH * 8)),
    limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(50))),
    exclude: v.optional(v.pipe(v.array(TagInputSchema), v.maxLength(LIMITS.tagsPerPaper))),
  }),
  setStatus: v.object({ id: PaperIdSchema, status: StatusSchema }),
  setNote: v.object({ id: PaperIdSchema, note: text(LIMITS.note) }),
  setTagColor: v.object({ tag: TagInputSchema, color: v.pipe(v.string(), v.regex(/^#[0-9a-f]{6}$/iu)) }),
  /** Merge of already parsed records (the popup's BibTeX importer); checked again here. */
  importPapers: v.object({
    papers: v.pipe(v.array(v.looseObject({ id: PaperIdSchema })), v.maxLength(LIMITS.importPapers)),
    tags: v.pipe(v.array(v.looseObject({ name: TagInputSchema })), v.maxLength(LIMITS.importPapers)),
  }),
  /**
   * A Shelfmark JSON backup, handed over as a `blob:` URL of the extension's own origin that the
   * background reads, checks and merges itself. Sending the records in the message cost more
   * than a second for a 10,000-paper backup (Chromium serialises every message as JSON).
   */
  importBackup: v.object({ url: v.pipe(v.string(), v.maxLength(LIMITS.url), v.startsWith('blob:')) }),
  /** Changes some settings (src/shared/settings.ts); every context hears it through storage.onChanged. */
  updateSettings: v.object({ patch: SettingsPatchSchema }),
} as const;

export type RequestType = keyof typeof RequestSchemas;
export type RequestOf<K extends RequestType> = v.InferOutput<(typeof RequestSchemas)[K]>;

export interface TagSuggestion {
  name: string;
  color: string;
  count: number;
}

/** Response types, by message type. */
export interface Responses {
  /** Keyed by the requested id; ids with no saved paper are absent. */
  getStates: { states: Record<PaperId, PaperState> };
  save: PaperState;
  /** The removed record, for undo; null when it was not saved. */
  unsave: { removed: SavedPaper | null; state: PaperState };
  restore: PaperState;
  addTag: PaperState;
  removeTag: PaperState;
  setTags: PaperState;
  suggestTags: { tags: TagSuggestion[] };
  setStatus: PaperState;
  setNote: PaperState;
  setTagColor: TagRecord;
  importPapers: ImportReport;
  importBackup: ImportReport;
  updateSettings: Settings;
}
export type ResponseOf<K extends RequestType> = Responses[K];

/** What travels: a tagged envelope, so foreign messages are told apart at a glance. */
export interface RequestEnvelope<K extends RequestType = RequestType> {
  shelfmark: 1;
  type: K;
  payload: RequestOf<K>;
}
export type Result<T> = { ok: true; value: T } | { ok: false; error: string };

export const RequestEnvelopeSchema = v.object({
  shelfmark: v.literal(1),
  type: v.picklist(Object.keys(RequestSchemas) as RequestType[]),
  payload: v.unknown(),
});

// Background → tabs. After each committed write, every tab hears which keys changed and how.
export interface StateChange {
  /** Every key the paper is known by, so a tab showing it under any alias can match. */
  keys: PaperId[];
  state: PaperState;
}
export interface StateBroadcast {
  shelfmark: 1;
  type: 'stateChanged';
  changes: StateChange[];
}

const TagInfoSchema = v.object({ name: v.string(), color: v.string() });
export const StateBroadcastSchema = v.object({
  shelfmark: v.literal(1),
  type: v.literal('stateChanged'),
  changes: v.array(
    v.object({
      keys: v.array(v.string()),
      state: v.object({ id: v.string(), saved: v.boolean(), tags: v.array(TagInfoSchema), status: StatusSchema }),
    }),
  ),
});

/** Short, readable text for a failed check: which field, what was wrong. */
export function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string {
  return issues
    .slice(0, 3)
    .map((issue) => {
      const path = v.getDotPath(issue);
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join('; ');
}
