// ACL Anthology: volume, event and person pages (one row per paper: `p.d-sm-flex` in the 2023
// markup, `div.d-sm-flex` in 2026's Bootstrap 5 markup; both `… > span.d-block > strong > a`) and
// paper pages (`h2#title` with Highwire `citation_*` meta). The DOM is described in
// ../shared/pages/PROVENANCE.md and mirrored with made-up text in test/fixtures/acl/.
// Identity: `acl:<anthology id>`; the DOI `10.18653/v1/<id>` is an alias where the page states it
// (paper pages: `citation_doi`). Listings do not show DOIs, and not every anthology paper has one.
import type { PaperId, PaperMetadata } from '../shared/paper';
import { doiKey, parseAclId, parseDoi } from '../shared/paper-id';
import { absoluteUrl, attrOf, collapseWhitespace, textOf, textsOf } from './dom-text';
import { lazyEntry, readEntry } from './entry';
import type { PaperEntry, SiteAdapter } from './types';

const PAGE_KINDS = ['volume', 'event', 'person', 'paper'] as const;
type PageKind = (typeof PAGE_KINDS)[number];
const HOST = 'aclanthology.org';
const ROW = '.d-sm-flex.align-items-stretch';
const TITLE_LINK = 'span.d-block > strong > a[href]';

function pageKindOf(url: URL): PageKind | null {
  if (url.hostname !== HOST && url.hostname !== `www.${HOST}`) return null;
  const path = url.pathname;
  if (path.startsWith('/volumes/')) return 'volume';
  if (path.startsWith('/events/')) return 'event';
  if (path.startsWith('/people/')) return 'person';
  return parseAclId(url.href) ? 'paper' : null;
}

function keyOf(id: string): PaperId {
  return `acl:${id}`;
}

/** ISO date from Highwire's `2022/5/26`, `2022-05` or `2022`. */
function metaDate(value: string): string | undefined {
  const match = /^(\d{4})(?:[/-](\d{1,2})(?:[/-](\d{1,2}))?)?$/u.exec(value.trim());
  if (!match) return undefined;
  const [, year, month, day] = match;
  return [year, month?.padStart(2, '0'), day?.padStart(2, '0')].filter(Boolean).join('-');
}

// ---------------------------------------------------------------------------------------------
// Listings: one row per paper, its abstract (when it has one) in the collapsible card after it.

function rowPaper(row: Element, link: Element, id: string, kind: PageKind, url: URL): PaperMetadata {
  const block = link.closest('span.d-block') ?? row;
  const paper: PaperMetadata = {
    id: keyOf(id),
    aliases: [keyOf(id)],
    title: textOf(link),
    authors: textsOf(block, 'a[href*="/people/"]'),
    absUrl: `https://${HOST}/${id}/`,
  };
  const pdf = absoluteUrl(attrOf(row, 'a[href$=".pdf"]', 'href'), url);
  if (pdf) paper.pdfUrl = pdf;
  const abstract = row.nextElementSibling;
  if (abstract?.matches('.abstract-collapse')) {
    const text = textOf(abstract);
    if (text) paper.abstract = text;
  }
  const venue = textOf(block, 'a[href*="/volumes/"]');
  if (venue) paper.journalRef = venue;
  const year = /^(\d{4})\./u.exec(id)?.[1];
  if (year) paper.date = year;
  paper.source = { site: 'acl', pageKind: kind, url: url.href };
  return paper;
}

function rowEntry(row: Element, kind: PageKind, url: URL): PaperEntry | null {
  const link = row.querySelector(TITLE_LINK);
  const href = absoluteUrl(link?.getAttribute('href'), url);
  const id = href ? parseAclId(href) : null;
  const title = link?.parentElement;
  if (!link || !id || !title) return null;
  const key = keyOf(id);
  return lazyEntry({ element: row, anchor: title, id: key, aliases: [key] }, () => rowPaper(row, link, id, kind, url));
}

function findRows(root: ParentNode, kind: PageKind, url: URL, limit: number): PaperEntry[] {
  const rows: Element[] = Array.from(root.querySelectorAll(ROW));
  if ((root as Element).nodeType === 1 && (root as Element).matches(ROW)) rows.unshift(root as Element);
  const entries: PaperEntry[] = [];
  for (const row of rows) {
    if (entries.length >= limit) break;
    try {
      const entry = rowEntry(row, kind, url);
      if (entry) entries.push(entry);
    } catch {
      // Skip the odd row, keep the others.
    }
  }
  return entries;
}

// ---------------------------------------------------------------------------------------------
// Paper page: the anthology id is the URL's; title and metadata from the page's citation_* meta.

function metaContent(root: ParentNode, name: string): string {
  return collapseWhitespace(attrOf(root, `meta[name="${name}"]`, 'content'));
}

function paperPageEntry(root: ParentNode, url: URL): PaperEntry[] {
  const id = parseAclId(url.href);
  const heading = root.querySelector('h2#title') ?? root.querySelector('#main h2, #main h1');
  if (!id || !heading) return [];
  const key = keyOf(id);
  const doi = parseDoi(metaContent(root, 'citation_doi'));
  const aliases = doi ? [key, doiKey(doi)] : [key];
  const authors = Array.from(root.querySelectorAll('meta[name="citation_author"]'), (meta) => collapseWhitespace(meta.getAttribute('content') ?? '')).filter(
    (name) => name !== '',
  );
  const paper: PaperMetadata = {
    id: key,
    aliases,
    title: metaContent(root, 'citation_title') || textOf(heading),
    authors: authors.length ? authors : textsOf(root, 'p.lead a[href*="/people/"]'),
    absUrl: `https://${HOST}/${id}/`,
  };
  const pdf = absoluteUrl(metaContent(root, 'citation_pdf_url'), url);
  if (pdf) paper.pdfUrl = pdf;
  const abstract = textOf(root, '.acl-abstract > span') || textOf(root, '.acl-abstract');
  if (abstract) paper.abstract = abstract.replace(/^Abstract\s*/u, '');
  const venue = metaContent(root, 'citation_conference_title') || metaContent(root, 'citation_journal_title');
  if (venue) paper.journalRef = venue;
  const date = metaDate(metaContent(root, 'citation_publication_date'));
  if (date) paper.date = date;
  paper.source = { site: 'acl', pageKind: 'paper', url: url.href };
  return [readEntry(heading.parentElement ?? heading, heading, paper)];
}

export const acl: SiteAdapter = {
  id: 'acl',
  hosts: [`https://${HOST}/*`],
  pageKinds: PAGE_KINDS,
  matches: (url) => pageKindOf(url) !== null,
  findEntries(root, url, options) {
    try {
      const kind = pageKindOf(url);
      if (kind === 'paper') return paperPageEntry(root, url);
      return kind ? findRows(root, kind, url, options?.limit ?? Infinity) : [];
    } catch {
      return [];
    }
  },
};
