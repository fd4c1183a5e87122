// Import of CSL-JSON (Zotero's, Mendeley's and Pandoc's exchange format, and our own export in
// ./csl-json.ts): a JSON list of items. Each item is keyed by its arXiv id, DOI or paper URL (the
// one identity module, src/shared/paper-id.ts); items with none are skipped and reported. Like
// BibTeX it carries no reading status and no timestamps, so the merge keeps what is stored.
import { LIMITS } from '../shared/messages';
import { paperKeys } from '../shared/paper-id';
import { Refused } from '../shared/refused';
import { parseTagName, tagKey } from '../shared/tags';
import type { ImportBatch, ImportedPaper, ImportedTag } from './import-batch';

type Json = Record<string, unknown>;

const str = (value: unknown, max: number): string | undefined => {
  if (typeof value === 'number') value = String(value);
  if (typeof value !== 'string') return undefined;
  const clean = value.replace(/\s+/gu, ' ').trim();
  return clean ? clean.slice(0, max) : undefined;
};

function personName(raw: unknown): string {
  if (typeof raw !== 'object' || raw === null) return '';
  const name = raw as Json;
  const literal = str(name.literal, LIMITS.authorLength);
  if (literal) return literal;
  const parts = [name.given, name['non-dropping-particle'], name.family, name.suffix].map((part) => str(part, LIMITS.authorLength)).filter(Boolean);
  return parts.join(' ').slice(0, LIMITS.authorLength);
}

/** CSL dates: `date-parts` ([[2024, 3, 7]]) or a `raw` string. */
function itemDate(raw: unknown): string | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const date = raw as Json;
  const parts = Array.isArray(date['date-parts']) && Array.isArray(date['date-parts'][0]) ? (date['date-parts'][0] as unknown[]) : [];
  const [year, month, day] = parts.map((part) => Number(part));
  if (year && year >= 1000 && year <= 9999) {
    const pad = (n: number) => String(n).padStart(2, '0');
    if (month && month >= 1 && month <= 12) return day && day >= 1 && day <= 31 ? `${year}-${pad(month)}-${pad(day)}` : `${year}-${pad(month)}`;
    return String(year);
  }
  return /^\d{4}(?:-\d{2}(?:-\d{2})?)?/u.exec(str(date.raw, 40) ?? '')?.[0];
}

/**
 * Tags from `keyword` ("a, b" as Zotero and our export write it) and Zotero's `tags` list; where
 * our export wrote the exact list in `custom.tags` (a tag holding a comma), that list instead of
 * `keyword`.
 */
function itemTags(item: Json): string[] {
  const custom = item.custom && typeof item.custom === 'object' ? (item.custom as Json).tags : undefined;
  const exact = Array.isArray(custom) && custom.every((tag) => typeof tag === 'string') ? (custom as string[]) : undefined;
  const names = [
    ...(exact ?? str(item.keyword, LIMITS.textField)?.split(/[,;]/u) ?? []),
    ...(Array.isArray(item.tags) ? item.tags.map((tag) => (typeof tag === 'object' && tag ? (tag as Json).tag : tag)) : []),
  ];
  const tags = new Map<string, string>();
  for (const name of names) {
    const parsed = parseTagName(name);
    if (parsed.ok && !tags.has(parsed.key)) tags.set(parsed.key, parsed.name);
  }
  return [...tags.values()].slice(0, LIMITS.tagsPerPaper);
}

/** The arXiv id an item names: Zotero writes `number: "arXiv:2401.00001"`, others put it in the URL or `archive_location`. */
function arxivOf(item: Json): string | undefined {
  for (const field of ['number', 'archive_location', 'note', 'eprint']) {
    const match = /arXiv:\s*([^\s,;\]]+)/iu.exec(str(item[field], 400) ?? '');
    if (match) return match[1];
  }
  const archive = `${str(item.archive, 40) ?? ''} ${str(item.publisher, 40) ?? ''}`.toLowerCase();
  return archive.includes('arxiv') ? str(item.number, 100) : undefined;
}

function toPaper(item: Json): ImportedPaper | string {
  const url = str(item.URL, LIMITS.url);
  const keys = paperKeys({ arxiv: arxivOf(item), doi: str(item.DOI, 400), url: url && /^https?:\/\//iu.test(url) ? url : undefined });
  if (!keys) return 'no arXiv id, DOI or paper link';
  const title = str(item.title, LIMITS.title);
  if (!title) return 'no title';
  const authors = Array.isArray(item.author) ? item.author.map(personName).filter(Boolean).slice(0, LIMITS.authors) : [];
  const arxiv = keys.id.startsWith('arxiv:');
  const paper: ImportedPaper = { id: keys.id, aliases: keys.aliases, title, authors };
  const optional: Partial<ImportedPaper> = {
    absUrl: url && /^https?:\/\//iu.test(url) ? url : undefined,
    abstract: str(item.abstract, LIMITS.abstract),
    journalRef: arxiv ? undefined : str(item['container-title'], LIMITS.textField),
    date: itemDate(item.issued),
    note: typeof item.note === 'string' && item.note.trim() && !/^arXiv:\s*\S+$/iu.test(item.note.trim()) ? item.note.slice(0, LIMITS.note) : undefined,
  };
  for (const [key, value] of Object.entries(optional)) if (value !== undefined) Object.assign(paper, { [key]: value });
  const tags = itemTags(item);
  if (tags.length) paper.tags = tags;
  return paper;
}

/** Parses a CSL-JSON list; a file that is not one is refused whole, so nothing changes. */
export function parseCslJson(text: string): ImportBatch {
  let items: unknown;
  try {
    items = JSON.parse(text);
  } catch (error) {
    throw new Refused(`This is not a valid JSON file (${(error as Error).message}). Was it cut short?`);
  }
  if (!Array.isArray(items)) throw new Refused('This JSON file is not a CSL-JSON list of items.');
  if (items.length === 0) throw new Refused('This CSL-JSON file has no items.');
  if (items.length > LIMITS.importPapers) throw new Refused(`This file has ${items.length} items; Shelfmark imports at most ${LIMITS.importPapers} at once.`);
  const papers = new Map<string, ImportedPaper>();
  const tags = new Map<string, ImportedTag>();
  const skipped: ImportBatch['skipped'] = [];
  items.forEach((raw, index) => {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      throw new Refused(`Item ${index + 1} of this CSL-JSON file is not an object.`);
    }
    const item = raw as Json;
    const paper = toPaper(item);
    if (typeof paper === 'string') {
      skipped.push({ entry: str(item.id, 80) ?? str(item.title, 80) ?? `item ${index + 1}`, reason: paper });
      return;
    }
    papers.set(paper.id, paper);
    for (const tag of paper.tags ?? []) tags.set(tagKey(tag), { name: tag });
  });
  return { format: 'csl-json', papers: [...papers.values()], tags: [...tags.values()], skipped };
}
