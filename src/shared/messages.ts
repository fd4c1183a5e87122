// The one message protocol between contexts. Each request is declared once here, as a schema
// (checked by the receiver) from which its TypeScript type is derived, next to its response type.
import * as v from 'valibot';
import { READING_STATUSES, SITE_NAME, SITE_NAME_MAX, type PaperId, type PaperState } from './paper';
import { TagColorSchema, type ImportReport, type SavedPaper, type TagRecord } from './records';
import { TAG_MAX_LENGTH } from './tags';
import type { BulkEditResult, TagChangeResult } from './library-changes';
import { SettingsPatchSchema, type Settings } from './settings';
import type { ForYouAnswer, PageSuggestions } from './for-you';
import { LIMITS } from './limits';
import type { BulkResult, EntryMark, PageSummaryReport, SeenStats } from './triage';

export { LIMITS } from './limits';

/**
 * An array of at most `max` items, its length checked BEFORE any item: a million ids are refused
 * at once, not after a million item checks (v.pipe(v.array(x), v.maxLength) checks items first).
 */
const boundedArray = <T extends v.GenericSchema>(item: T, max: number) => v.pipe(v.array(v.unknown()), v.maxLength(max), v.array(item));
const text = (max: number) => v.pipe(v.string(), v.maxLength(max));
const PaperIdSchema = v.pipe(v.string(), v.minLength(3), v.maxLength(LIMITS.idLength), v.regex(/^[a-z][a-z0-9]*:\S/u));
// Tag names are checked in full by parseTagName in the handler (it explains what is wrong);
// the schema only bounds the size.
const TagInputSchema = v.pipe(v.string(), v.maxLength(TAG_MAX_LENGTH * 8));
const StatusSchema = v.picklist(READING_STATUSES);
/** Papers of one bulk action (library page, seen history), by id. */
const PaperIdsSchema = v.pipe(v.array(PaperIdSchema), v.maxLength(LIMITS.idsPerRequest));
const TagListSchema = v.pipe(v.array(TagInputSchema), v.maxLength(LIMITS.tagsPerPaper));
// Site and page-kind names are declared by each adapter (src/sites/<site>.ts), not listed here.
const SiteNameSchema = v.pipe(v.string(), v.maxLength(SITE_NAME_MAX), v.regex(SITE_NAME));

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
      site: SiteNameSchema,
      pageKind: SiteNameSchema,
      url: text(LIMITS.url),
    }),
  ),
});

/** A listing's key (src/shared/listing-key.ts): an http(s) URL without its volatile query parts. */
const ListingKeySchema = v.pipe(v.string(), v.maxLength(1_000), v.regex(/^https?:\/\//u));

const PaperRefSchema = v.object({
  id: PaperIdSchema,
  aliases: v.pipe(v.array(PaperIdSchema), v.maxLength(LIMITS.aliases)),
  /** The entry's text as the page shows it, for the "for you" ranking (issue 15). */
  text: v.optional(text(LIMITS.rankText)),
});

/**
 * Requests a web page's content script may send. Content scripts share their page with scripts we
 * do not control, so they get only what the on-page UI needs. The content script's transport is
 * typed over this map alone; the schemas themselves are the background's (its router checks every
 * request), and no content script carries them (build.mjs fails if one holds valibot).
 */
export const PageRequestSchemas = {
  /**
   * State of every entry on a page, in one call; with the seen history on, also each entry's
   * seen/new mark. `listing`: the page is a listing, and this is a visit to it.
   */
  getStates: v.object({
    papers: boundedArray(PaperRefSchema, LIMITS.idsPerRequest),
    listing: v.optional(ListingKeySchema),
    /**
     * The asking content script's site ids (settings.disabledSites). Its first request leaves before
     * it has read whether the user turned its site off; where they did, the answer says so and
     * nothing else, and nothing is remembered of the page (no visit, no suggestions).
     */
    sites: v.optional(v.pipe(v.array(v.pipe(v.string(), v.maxLength(64))), v.maxLength(4))),
  }),
  /** Entries that were on screen long enough to count as seen (ignored with the history off). */
  markSeen: v.object({ ids: PaperIdsSchema }),
  /** "Forget this page": its ids leave the seen history, and the listing its visits. */
  forgetSeen: v.object({ ids: PaperIdsSchema, listing: v.optional(ListingKeySchema) }),
  /**
   * Saves (or, with `tag`, tags) many papers at once, in one transaction: the page's selection,
   * "save all new". The answer says what to undo.
   */
  bulkSave: v.object({
    papers: v.pipe(v.array(PaperMetadataSchema), v.minLength(1), v.maxLength(LIMITS.bulkPapers)),
    tag: v.optional(TagInputSchema),
  }),
  /** Reverts one bulkSave (its answer's `undo`), in one transaction. */
  undoBulk: v.object({
    unsave: v.pipe(v.array(PaperIdSchema), v.maxLength(LIMITS.bulkPapers)),
    untag: v.nullable(v.object({ tag: TagInputSchema, ids: v.pipe(v.array(PaperIdSchema), v.maxLength(LIMITS.bulkPapers)) })),
  }),
  /** The tab's page summary (its entries, saved, new since the last visit), for the toolbar badge and popup. */
  reportPage: v.object({
    total: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1_000_000)),
    saved: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1_000_000)),
    new: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1_000_000)),
    previousVisitAt: v.nullable(v.pipe(v.number(), v.minValue(0), v.maxValue(8.64e15))),
  }),
  /** The user opened a newer arXiv version from its badge: the badge goes, up to that version. */
  setVersionSeen: v.object({ id: PaperIdSchema, version: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1_000)) }),
  save: v.object({ paper: PaperMetadataSchema }),
  unsave: v.object({ id: PaperIdSchema }),
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
} as const;

/**
 * Requests only the extension's own pages (popup, library) may send: notes, colours, undo, import,
 * settings. Built in a call marked pure so that a bundle that never names them drops them and the
 * settings schemas they pull in (esbuild keeps top-level valibot calls otherwise).
 */
export const ExtensionRequestSchemas = /* @__PURE__ */ (() => ({
  /** Puts back a paper removed by `unsave` (the popup's undo), every field as it was. */
  restore: v.object({ paper: v.looseObject({ id: PaperIdSchema }) }),
  setNote: v.object({ id: PaperIdSchema, note: text(LIMITS.note) }),
  setTagColor: v.object({ tag: TagInputSchema, color: TagColorSchema }),
  /** Library bulk actions: one request, one transaction, one undo (`restoreFields`). */
  bulkEdit: v.object({
    ids: PaperIdsSchema,
    addTags: v.optional(TagListSchema),
    removeTags: v.optional(TagListSchema),
    status: v.optional(StatusSchema),
  }),
  bulkUnsave: v.object({ ids: PaperIdsSchema }),
  /** Undo of a bulk edit or a tag change: tags and status as they were, tag records put back or dropped. */
  restoreFields: v.object({
    papers: v.pipe(
      v.array(v.object({ id: PaperIdSchema, tags: v.optional(TagListSchema), status: v.optional(StatusSchema) })),
      v.maxLength(LIMITS.idsPerRequest),
    ),
    tags: v.optional(
      v.pipe(
        v.array(v.object({ key: TagInputSchema, name: TagInputSchema, color: TagColorSchema, createdAt: v.pipe(v.number(), v.minValue(0), v.maxValue(8.64e15)) })),
        v.maxLength(LIMITS.tagsPerPaper),
      ),
    ),
    dropTags: v.optional(TagListSchema),
  }),
  /** The tag manager: each one transaction over every paper carrying the tag. */
  renameTag: v.object({ tag: TagInputSchema, to: TagInputSchema }),
  mergeTags: v.object({ tags: v.pipe(v.array(TagInputSchema), v.minLength(1), v.maxLength(LIMITS.tagsPerPaper)), into: TagInputSchema }),
  deleteTag: v.object({ tag: TagInputSchema }),
  /** Merge of already parsed records (the popup's BibTeX importer); checked again here. */
  importPapers: v.object({
    papers: boundedArray(v.looseObject({ id: PaperIdSchema }), LIMITS.importPapers),
    tags: boundedArray(v.looseObject({ name: TagInputSchema }), LIMITS.importPapers),
  }),
  /**
   * A Shelfmark JSON backup, handed over as a `blob:` URL of the extension's own origin that the
   * background reads, checks and merges itself. Sending the records in the message cost more
   * than a second for a 10,000-paper backup (Chromium serialises every message as JSON).
   */
  importBackup: v.object({ url: v.pipe(v.string(), v.maxLength(LIMITS.url), v.startsWith('blob:')) }),
  /** The popup's "suggested on this page" for the tab it opened over (`tabs.query` gives its id). */
  pageSuggestions: v.object({ tabId: v.pipe(v.number(), v.integer(), v.minValue(0)) }),
  /** Changes some settings (src/shared/settings.ts); every context hears it through storage.onChanged. */
  updateSettings: v.object({ patch: SettingsPatchSchema }),
  /** The popup's "12 of 397 saved here" for the tab it opened over (`tabs.query` gives its id). */
  pageSummary: v.object({ tabId: v.pipe(v.number(), v.integer(), v.minValue(0)) }),
  /** Clears the whole seen history (settings). */
  clearSeenHistory: v.object({}),
  /** How much the seen history holds (settings). */
  seenHistoryStats: v.object({}),
}))();

/** Every request, by message type: what the background's router checks against. */
export const RequestSchemas = /* @__PURE__ */ Object.assign({}, PageRequestSchemas, ExtensionRequestSchemas);

export type PageRequestType = keyof typeof PageRequestSchemas;
export type ExtensionRequestType = keyof typeof ExtensionRequestSchemas;
export type RequestType = keyof typeof RequestSchemas;
export type RequestOf<K extends RequestType> = v.InferOutput<(typeof RequestSchemas)[K]>;

export interface TagSuggestion {
  name: string;
  color: string;
  count: number;
}

/** Response types, by message type. */
export interface Responses {
  /**
   * `states`: keyed by the requested id; ids with no saved paper are absent. `forYou`: when any
   * paper came with its text, which of them are suggested, and why (or why none are). `marks` (seen
   * history on): keyed likewise, entries neither seen nor new absent; `previousVisitAt`: when the
   * listing was last visited before this visit (null: first visit). `siteOff`: the request named
   * its sites and the user turned one off; nothing else is answered.
   */
  getStates: {
    states: Record<PaperId, PaperState>;
    siteOff?: true;
    forYou?: ForYouAnswer;
    marks?: Record<PaperId, EntryMark>;
    previousVisitAt?: number | null;
  };
  markSeen: { added: PaperId[] };
  reportPage: null;
  pageSummary: PageSummaryReport | null;
  bulkSave: BulkResult;
  undoBulk: { states: Record<PaperId, PaperState> };
  setVersionSeen: PaperState;
  forgetSeen: null;
  clearSeenHistory: null;
  seenHistoryStats: SeenStats;
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
  bulkEdit: BulkEditResult;
  bulkUnsave: { removed: SavedPaper[] };
  restoreFields: { changed: number };
  renameTag: TagChangeResult;
  mergeTags: TagChangeResult;
  deleteTag: TagChangeResult;
  importPapers: ImportReport;
  importBackup: ImportReport;
  updateSettings: Settings;
  pageSuggestions: PageSuggestions | null;
}
export type ResponseOf<K extends RequestType> = Responses[K];

/** What travels: a tagged envelope, so foreign messages are told apart at a glance. */
export interface RequestEnvelope<K extends RequestType = RequestType> {
  shelfmark: 1;
  type: K;
  payload: RequestOf<K>;
}
/**
 * An answer. `refused` marks a definite refusal (a bad request, a rule, a full disk): nothing
 * changed and asking again cannot succeed, so the sender shows `error` and does not retry.
 */
export type Result<T> = { ok: true; value: T } | { ok: false; error: string; refused?: true };

/** Only the background reads it (`type`'s schema is looked up there, in RequestSchemas). */
export const RequestEnvelopeSchema = v.object({
  shelfmark: v.literal(1),
  type: v.string(),
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
