// How two descriptions of one paper become one record. Pure functions over plain records; the
// transactions that use them live in papers.ts, tagging.ts and import.ts.
import type { PaperMetadata } from '../shared/paper';
import { tagKey } from '../shared/tags';
import { canonicalId, keysOf } from '../shared/paper-id';
import type { SavedPaper } from '../shared/records';
import { STORED_ALIASES_MAX } from '../shared/stored-paper';

/** Fields that describe the paper itself (as opposed to what the user did with it). */
export const METADATA_FIELDS = [
  'title',
  'authors',
  'abstract',
  'absUrl',
  'pdfUrl',
  'version',
  'primarySubject',
  'categories',
  'comments',
  'journalRef',
  'date',
  'source',
] as const satisfies readonly (keyof PaperMetadata)[];

function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  return false;
}

/** `base` with each metadata field that is non-empty in `over` taken from `over`. */
export function overlayMetadata(base: SavedPaper, over: Partial<PaperMetadata>): SavedPaper {
  const next: SavedPaper = { ...base };
  for (const field of METADATA_FIELDS) {
    const value = over[field];
    if (!isEmpty(value)) Object.assign(next, { [field]: value });
  }
  return next;
}

/** `base` with each metadata field that is empty in `base` filled from `other`. */
export function fillMetadata(base: SavedPaper, other: Partial<PaperMetadata>): SavedPaper {
  const next: SavedPaper = { ...base };
  for (const field of METADATA_FIELDS) {
    if (isEmpty(base[field]) && !isEmpty(other[field])) Object.assign(next, { [field]: other[field] });
  }
  return next;
}

export function unionAliases(...papers: { id: string; aliases?: readonly string[] }[]): string[] {
  return [...new Set(papers.flatMap(keysOf))].slice(0, STORED_ALIASES_MAX);
}

/** Display forms of both lists, `first`'s order and spelling winning for tags in both. */
export function unionTags(first: readonly string[], second: readonly string[]): string[] {
  const byKey = new Map<string, string>();
  for (const tag of [...first, ...second]) {
    const key = tagKey(tag);
    if (!byKey.has(key)) byKey.set(key, tag);
  }
  return [...byKey.values()];
}

export function withTags(paper: SavedPaper, tags: readonly string[]): SavedPaper {
  return { ...paper, tags: [...tags], tagKeys: tags.map(tagKey) };
}

/** A new record for a paper first seen on a page. */
export function newPaper(metadata: PaperMetadata, now: number): SavedPaper {
  return {
    ...metadata,
    aliases: unionAliases(metadata),
    tags: [],
    tagKeys: [],
    status: 'unread',
    note: '',
    savedAt: now,
    updatedAt: now,
  };
}

/** A page showed the paper again: its current description wins wherever it has one. */
export function withPageMetadata(existing: SavedPaper, metadata: PaperMetadata, now: number): SavedPaper {
  return {
    ...overlayMetadata(existing, metadata),
    id: canonicalId([existing.id, metadata.id]),
    aliases: unionAliases(existing, metadata),
    updatedAt: now,
  };
}

/** The page sent other keys for a paper we hold: remember them (and re-key if one is better). */
export function withKeys(existing: SavedPaper, metadata: PaperMetadata | undefined): SavedPaper {
  if (!metadata) return existing;
  return { ...existing, id: canonicalId([existing.id, metadata.id]), aliases: unionAliases(existing, metadata) };
}

/**
 * Two stored records turned out to be one paper (saved under its DOI on one site, its arXiv id
 * on another, before any page showed both). Nothing the user did is lost: tags, notes and the
 * further-along status are kept; `target`'s metadata wins where both have it.
 */
export function absorb(target: SavedPaper, other: SavedPaper): SavedPaper {
  const notes = [...new Set([target.note, other.note].filter((note) => note.trim() !== ''))];
  return withTags(
    {
      ...fillMetadata(target, other),
      id: canonicalId([target.id, other.id]),
      aliases: unionAliases(target, other),
      status: target.status !== 'unread' ? target.status : other.status,
      note: notes.join('\n\n'),
      savedAt: Math.min(target.savedAt, other.savedAt),
      updatedAt: Math.max(target.updatedAt, other.updatedAt),
    },
    unionTags(target.tags, other.tags),
  );
}

/** Structural equality of two plain records (JSON-shaped: no dates, maps or cycles). */
export function sameRecord(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const aKeys = Object.keys(a).filter((key) => (a as Record<string, unknown>)[key] !== undefined);
  const bKeys = Object.keys(b).filter((key) => (b as Record<string, unknown>)[key] !== undefined);
  if (aKeys.length !== bKeys.length) return false;
  return aKeys.every((key) => sameRecord((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}
