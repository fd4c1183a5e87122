// BibTeX import with @retorquere/bibtex-parser (the parser behind Better BibTeX for Zotero).
// Entries become papers when they carry an arXiv id (eprint + archivePrefix, an arXiv URL or
// DOI, or Google Scholar's "arXiv preprint arXiv:…" journal) or a DOI; others are listed as skipped.
import { parse, type Creator, type Entry } from '@retorquere/bibtex-parser';
import { LIMITS } from '../shared/limits';
import { arxivKey, doiKey, parseArxivId, parseDoi, type ArxivId } from '../shared/paper-id';
import { parseTagName, tagKey } from '../shared/tags';
import { Refused } from '../shared/refused';
import { checkStringExpansion } from './bibtex-strings';
import type { ImportBatch, ImportedPaper, ImportedTag } from './import-batch';

const PARSE_OPTIONS = {
  // Keep titles exactly as written: no sentence-casing, no case-protection markup.
  english: false,
  sentenceCase: false,
  caseProtection: false,
  // An unknown macro keeps its argument text rather than failing the whole file.
  unsupported: 'ignore',
} as const;

/** The parser renders \textit, \textbf, … as HTML-like tags; page text here is plain text. */
function plain(value: string | undefined, max: number): string | undefined {
  if (value === undefined) return undefined;
  const text = value
    .normalize('NFC')
    .replace(/<\/?(?:i|b|sup|sub|sc|span|em|strong)(?:\s[^>]*)?>/gu, '').replace(/\s+/gu, ' ').trim();
  return text ? text.slice(0, max) : undefined;
}

function creatorName(creator: Creator): string {
  if (creator.name) return creator.name;
  return [creator.firstName, creator.prefix, creator.lastName, creator.suffix].filter(Boolean).join(' ');
}

function arxivOf(fields: Entry['fields']): ArxivId | null {
  const archive = (fields.archiveprefix ?? fields.eprinttype ?? '').toLowerCase();
  if (fields.eprint && (archive === 'arxiv' || archive === '')) {
    const id = parseArxivId(fields.eprint);
    if (id) return id;
  }
  for (const candidate of [fields.url, fields.doi]) {
    const id = candidate ? parseArxivId(candidate) : null;
    if (id) return id;
  }
  const scholar = /arXiv:\s*(\S+)/iu.exec(fields.journal ?? fields.note ?? '');
  return scholar ? parseArxivId(scholar[1]!) : null;
}

function paperDate(fields: Entry['fields']): string | undefined {
  const iso = /^\d{4}(?:-\d{2}(?:-\d{2})?)?/u.exec(fields.date ?? '');
  if (iso) return iso[0];
  const year = /^\d{4}$/u.exec((fields.year ?? '').trim())?.[0];
  if (!year) return undefined;
  const month = Number(fields.month);
  return month >= 1 && month <= 12 ? `${year}-${String(month).padStart(2, '0')}` : year;
}

function entryTags(fields: Entry['fields']): string[] {
  const tags = new Map<string, string>();
  for (const keyword of fields.keywords ?? []) {
    const parsed = parseTagName(keyword);
    if (parsed.ok && !tags.has(parsed.key)) tags.set(parsed.key, parsed.name);
  }
  return [...tags.values()].slice(0, LIMITS.tagsPerPaper);
}

function toPaper(entry: Entry): ImportedPaper | string {
  const { fields } = entry;
  const arxiv = arxivOf(fields);
  const doi = fields.doi ? parseDoi(fields.doi) : null;
  if (!arxiv && !doi) return 'no arXiv id or DOI';
  const title = plain(fields.title, LIMITS.title);
  if (!title) return 'no title';
  const id = arxiv ? arxivKey(arxiv.id) : doiKey(doi!);
  const aliases = [id];
  if (arxiv && doi && !parseArxivId(doi)) aliases.push(doiKey(doi));
  const url = fields.url && /^https?:\/\//iu.test(fields.url) ? fields.url.slice(0, LIMITS.url) : undefined;
  const absUrl = arxiv ? `https://arxiv.org/abs/${arxiv.id}` : (url ?? `https://doi.org/${doi}`);
  const paper: ImportedPaper = {
    id,
    aliases,
    title,
    authors: (fields.author ?? []).map(creatorName).filter(Boolean).slice(0, LIMITS.authors),
    absUrl,
  };
  // A DOI paper was found on no supported site, so it has no source.
  if (arxiv) paper.source = { site: 'arxiv', pageKind: 'abstract', url: absUrl };
  const optional = {
    abstract: plain(fields.abstract, LIMITS.abstract),
    pdfUrl: arxiv ? `https://arxiv.org/pdf/${arxiv.id}` : undefined,
    version: arxiv?.version,
    primarySubject: plain(fields.primaryclass, 200),
    journalRef: arxiv ? undefined : plain(fields.journal, LIMITS.textField),
    date: paperDate(fields),
    note: plain(fields.annote, LIMITS.note),
  };
  for (const [key, value] of Object.entries(optional)) {
    if (value !== undefined) Object.assign(paper, { [key]: value });
  }
  const tags = entryTags(fields);
  if (tags.length) paper.tags = tags;
  return paper;
}

/**
 * The parser's message, bounded, with two of its phrasings said as what they mean: `found ""...`
 * is the end of the file, and a reference to the @string "" is a field with no value.
 */
function parserError(message: string): string {
  return message
    .replace(/found ""\.\.\./u, 'but the file ends')
    .replace(/^Unresolved @string reference ""/u, 'a field has no value')
    .slice(0, 200);
}

export function parseBibtex(text: string): ImportBatch {
  checkStringExpansion(text);
  let library: ReturnType<typeof parse>;
  try {
    library = parse(text, PARSE_OPTIONS);
  } catch (error) {
    throw new Refused(`This BibTeX file could not be read: ${(error as Error).message}`);
  }
  if (library.errors.length > 0) {
    const first = library.errors[0]!;
    const others = library.errors.length - 1;
    const more = others > 0 ? ` (and ${others} more problem${others === 1 ? '' : 's'})` : '';
    throw new Refused(`This BibTeX file is damaged: ${parserError(first.error)}${more}.`);
  }
  if (library.entries.length === 0) throw new Refused('This file has no BibTeX entries.');
  if (library.entries.length > LIMITS.importPapers) {
    throw new Refused(`This file has ${library.entries.length} entries; Shelfmark imports at most ${LIMITS.importPapers} at once.`);
  }
  const papers = new Map<string, ImportedPaper>();
  const tags = new Map<string, ImportedTag>();
  const skipped: ImportBatch['skipped'] = [];
  for (const entry of library.entries) {
    const paper = toPaper(entry);
    if (typeof paper === 'string') {
      skipped.push({ entry: entry.key || `@${entry.type}`, reason: paper });
      continue;
    }
    // The same paper twice (an arXiv preprint and its DOI twin are keyed apart): the later wins.
    papers.set(paper.id, paper);
    for (const tag of paper.tags ?? []) tags.set(tagKey(tag), { name: tag });
  }
  return { format: 'bibtex', papers: [...papers.values()], tags: [...tags.values()], skipped };
}
