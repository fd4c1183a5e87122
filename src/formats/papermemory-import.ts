// Import of a PaperMemory backup (the browser extension's JSON export): an object of papers by
// PaperMemory id ("Arxiv-2401.00001"), beside its `__dataVersion`. Each paper is keyed through the
// one identity module from its arXiv id, DOI or links; its tags, note and the date it was added
// come along. PaperMemory has no reading status, so the merge keeps what is stored.
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

const webUrl = (value: unknown): string | undefined => {
  const url = str(value, LIMITS.url);
  return url && /^https?:\/\//iu.test(url) ? url : undefined;
};

/** Whether parsed JSON is a PaperMemory export (rather than a Shelfmark backup). */
export function isPaperMemory(data: unknown): boolean {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return false;
  if ('__dataVersion' in data) return true;
  return Object.values(data).some((value) => typeof value === 'object' && value !== null && 'pdfLink' in value && 'addDate' in value);
}

function toPaper(raw: Json): ImportedPaper | string {
  const memoryId = str(raw.id, 400) ?? '';
  const pdf = webUrl(raw.pdfLink);
  const keys = paperKeys({
    arxiv: /^arxiv-/iu.test(memoryId) ? memoryId.replace(/^arxiv-/iu, '') : undefined,
    doi: str(raw.doi, 400),
    url: pdf ?? webUrl(raw.url),
  });
  if (!keys) return 'no arXiv id, DOI or paper link';
  const title = str(raw.title, LIMITS.title);
  if (!title) return 'no title';
  const authors = (str(raw.author, LIMITS.authors * 20) ?? '').split(/\s+and\s+/u).map((name) => name.trim()).filter(Boolean).slice(0, LIMITS.authors);
  const arxiv = keys.id.startsWith('arxiv:');
  const paper: ImportedPaper = { id: keys.id, aliases: keys.aliases, title, authors: authors.map((name) => name.slice(0, LIMITS.authorLength)) };
  const added = Date.parse(str(raw.addDate, 40) ?? '');
  const optional: Partial<ImportedPaper> = {
    pdfUrl: pdf,
    journalRef: arxiv ? undefined : str(raw.venue, LIMITS.textField),
    date: /^\d{4}$/u.exec(str(raw.year, 10) ?? '')?.[0],
    note: typeof raw.note === 'string' && raw.note.trim() ? raw.note.slice(0, LIMITS.note) : undefined,
    // When it was added to PaperMemory: an older save date wins in the merge.
    savedAt: Number.isFinite(added) && added > 0 && added < 8.64e15 ? added : undefined,
  };
  for (const [key, value] of Object.entries(optional)) if (value !== undefined) Object.assign(paper, { [key]: value });
  const tags = new Map<string, string>();
  for (const name of Array.isArray(raw.tags) ? raw.tags : []) {
    const parsed = parseTagName(name);
    if (parsed.ok && !tags.has(parsed.key)) tags.set(parsed.key, parsed.name);
  }
  if (tags.size) paper.tags = [...tags.values()].slice(0, LIMITS.tagsPerPaper);
  return paper;
}

/** Reads a PaperMemory export; a file that is not one is refused whole, so nothing changes. */
export function parsePaperMemory(data: unknown): ImportBatch {
  if (!isPaperMemory(data)) throw new Refused('This JSON file is not a PaperMemory export.');
  const entries = Object.entries(data as Json).filter(([key]) => key !== '__dataVersion');
  if (entries.length === 0) throw new Refused('This PaperMemory export has no papers.');
  if (entries.length > LIMITS.importPapers) throw new Refused(`This file has ${entries.length} papers; Shelfmark imports at most ${LIMITS.importPapers} at once.`);
  const papers = new Map<string, ImportedPaper>();
  const tags = new Map<string, ImportedTag>();
  const skipped: ImportBatch['skipped'] = [];
  for (const [key, raw] of entries) {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new Refused(`The PaperMemory entry "${key.slice(0, 80)}" is not a paper record.`);
    const paper = toPaper(raw as Json);
    if (typeof paper === 'string') {
      skipped.push({ entry: key.slice(0, 80), reason: paper });
      continue;
    }
    papers.set(paper.id, paper);
    for (const tag of paper.tags ?? []) tags.set(tagKey(tag), { name: tag });
  }
  return { format: 'papermemory', papers: [...papers.values()], tags: [...tags.values()], skipped };
}
