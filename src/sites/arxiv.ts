// arXiv: listings (/list/<cat>/new|recent|pastweek|<yymm>, /catchup), search results and the
// abstract page. The DOM this reads is described in ../shared/pages/PROVENANCE.md and mirrored
// (with made-up text) in test/fixtures/arxiv/.
import type { PageKind, PaperMetadata } from '../shared/paper';
import { arxivKey, paperKeys, parseArxivId } from '../shared/paper-id';
import { absoluteUrl, attrOf, collapseWhitespace, textOf, textWithout, textsOf } from './dom-text';
import type { PaperEntry, SiteAdapter } from './types';

const HOST = 'arxiv.org';
const DESCRIPTOR = '.descriptor';

function pageKindOf(url: URL): PageKind | null {
  if (url.hostname !== HOST) return null;
  const path = url.pathname;
  if (path.startsWith('/list/') || path === '/catchup' || path.startsWith('/catchup/')) return 'listing';
  if (path.startsWith('/abs/')) return 'abstract';
  if (path.startsWith('/search/')) return 'search';
  return null;
}

// ---------------------------------------------------------------------------------------------
// Small text parsers

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAY_MONTH_YEAR = /\b(\d{1,2})\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+(\d{4})\b/iu;
const SLASHED_DATE = /^(\d{4})\/(\d{2})\/(\d{2})$/u;

/** ISO date from arXiv's `22 Nov 2024`, `Tuesday, 22 September 2026`, `9 September, 2026` or `2026/09/09`. */
function isoDate(text: string): string | undefined {
  const slashed = SLASHED_DATE.exec(text.trim());
  if (slashed) return `${slashed[1]}-${slashed[2]}-${slashed[3]}`;
  const match = DAY_MONTH_YEAR.exec(text);
  if (!match) return undefined;
  const [, day = '', month = '', year = ''] = match;
  const monthIndex = MONTHS.indexOf(month.slice(0, 3).toLowerCase()) + 1;
  const dayNumber = Number(day);
  if (dayNumber < 1 || dayNumber > 31) return undefined;
  return `${year}-${String(monthIndex).padStart(2, '0')}-${String(dayNumber).padStart(2, '0')}`;
}

// `Materials Science (cond-mat.mtrl-sci); Mathematical Physics (math-ph)`: the codes in brackets.
const CATEGORY_CODE = /\(([a-z]+(?:-[a-z]+)?(?:\.[A-Za-z]+(?:-[a-z]+)?)?)\)/gu;

function categoryCodes(text: string): string[] {
  const codes: string[] = [];
  for (const match of text.matchAll(CATEGORY_CODE)) if (match[1] && !codes.includes(match[1])) codes.push(match[1]);
  return codes;
}

/** Subjects line → primary subject and all categories (primary first), as arXiv codes. */
function subjectsOf(subjects: Element | null): Pick<PaperMetadata, 'primarySubject' | 'categories'> {
  if (!subjects) return {};
  const categories = categoryCodes(textWithout(subjects, DESCRIPTOR));
  const primaryElement = subjects.querySelector('.primary-subject');
  const primarySubject = (primaryElement && categoryCodes(primaryElement.textContent ?? '')[0]) || categories[0];
  if (!primarySubject) return {};
  return { primarySubject, categories: [primarySubject, ...categories.filter((code) => code !== primarySubject)] };
}

function versionOf(href: string | null | undefined): number | undefined {
  return href ? parseArxivId(href)?.version : undefined;
}

const OPTIONAL_TEXT = ['abstract', 'pdfUrl', 'version', 'primarySubject', 'categories', 'comments', 'journalRef', 'date'] as const;

/** Fills the identity fields; undefined optional fields are left out so entries serialise alike. */
function paperFrom(
  id: string,
  fields: Omit<PaperMetadata, 'id' | 'aliases' | 'source' | 'absUrl'> & { doi?: string | undefined },
  source: PaperMetadata['source'],
): PaperMetadata {
  const { doi, ...rest } = fields;
  const keys = paperKeys({ arxiv: id, doi: doi ?? null });
  const paper: PaperMetadata = {
    id: keys?.id ?? arxivKey(id),
    aliases: keys?.aliases ?? [arxivKey(id)],
    ...rest,
    absUrl: `https://arxiv.org/abs/${id}`,
    source,
  };
  for (const key of OPTIONAL_TEXT) if (paper[key] === undefined || paper[key] === '') delete paper[key];
  return paper;
}

// ---------------------------------------------------------------------------------------------
// Listings: dl#articles > (h3, dt, dd)*. /new has three such lists (new, cross-lists,
// replacements), pastweek/recent one per day; catchup and /<yymm> use the same markup.

interface Section {
  /** Date the entries of this section were announced, if the page says. */
  date?: string | undefined;
}

/** A date stated for the whole page: /new's "Showing new listings for …", catchup's heading. */
function pageDate(root: ParentNode): string | undefined {
  for (const heading of root.querySelectorAll('#dlpage > h1, #dlpage > h3')) {
    const date = isoDate(heading.textContent ?? '');
    if (date) return date;
  }
  return undefined;
}

function sectionOf(heading: Element, fallbackDate: string | undefined): Section {
  const text = heading.textContent ?? '';
  // Replacements are old papers: the page's date is not theirs.
  if (/^\s*replace/iu.test(text)) return {};
  return { date: isoDate(text) ?? fallbackDate };
}

function listingEntry(dt: Element, dd: Element, section: Section, url: URL): PaperEntry | null {
  let idHref: string | null = null;
  let idAttr: string | null = null;
  let pdfHref: string | null = null;
  let htmlHref: string | null = null;
  // getElementsByTagName: no selector matching, this runs 2,000 times per page.
  for (const link of dt.getElementsByTagName('a')) {
    const title = link.getAttribute('title');
    if (title === 'Abstract') {
      idHref = link.getAttribute('href');
      idAttr = link.getAttribute('id');
    } else if (title === 'Download PDF') pdfHref = link.getAttribute('href');
    else if (title === 'View HTML') htmlHref = link.getAttribute('href');
  }
  const parsed = (idHref && parseArxivId(idHref)) || (idAttr && parseArxivId(idAttr));
  if (!parsed) return null;

  let titleElement: Element | null = null;
  let authors: string[] = [];
  let comments = '';
  let journalRef = '';
  let subjects: Element | null = null;
  let abstract = '';
  let meta: Element = dd;
  for (const child of dd.children) {
    if (child.classList.contains('meta')) {
      meta = child;
      break;
    }
  }
  for (const child of meta.children) {
    const classes = child.classList;
    if (classes.contains('list-title')) titleElement = child;
    else if (classes.contains('list-authors')) authors = linkTexts(child);
    else if (classes.contains('list-comments')) comments = textWithout(child, DESCRIPTOR);
    else if (classes.contains('list-journal-ref')) journalRef = textWithout(child, DESCRIPTOR);
    else if (classes.contains('list-subjects')) subjects = child;
    else if (child.tagName === 'P') abstract = textOf(child);
  }

  const paper = paperFrom(
    parsed.id,
    {
      title: titleElement ? textWithout(titleElement, DESCRIPTOR) : '',
      authors,
      abstract,
      pdfUrl: absoluteUrl(pdfHref, url),
      version: versionOf(htmlHref),
      ...subjectsOf(subjects),
      comments,
      journalRef,
      date: section.date,
    },
    { site: 'arxiv', pageKind: 'listing', url: url.href },
  );
  return { element: dd, anchor: titleElement ?? dd, paper };
}

function linkTexts(element: Element): string[] {
  const out: string[] = [];
  for (const link of element.getElementsByTagName('a')) {
    const text = collapseWhitespace(link.textContent ?? '');
    if (text) out.push(text);
  }
  return out;
}

function findListingEntries(root: ParentNode, url: URL): PaperEntry[] {
  const entries: PaperEntry[] = [];
  const fallbackDate = pageDate(root);
  let section: Section = { date: fallbackDate };
  let pendingDt: Element | null = null;
  // One pass over the lists in document order; headings switch the section.
  for (const node of root.querySelectorAll('dl#articles > h3, dl#articles > dt, dl#articles > dd')) {
    const tag = node.tagName;
    if (tag === 'H3') {
      section = sectionOf(node, fallbackDate);
      pendingDt = null;
    } else if (tag === 'DT') {
      pendingDt = node;
    } else if (pendingDt && pendingDt.nextElementSibling === node) {
      try {
        const entry = listingEntry(pendingDt, node, section, url);
        if (entry) entries.push(entry);
      } catch {
        // A malformed entry is skipped; the rest of the page still gets annotated.
      }
      pendingDt = null;
    }
  }
  return entries;
}

// ---------------------------------------------------------------------------------------------
// Search results: ol > li.arxiv-result (arxiv-search's search-macros.html).

function labelled(paragraphs: Iterable<Element>, label: RegExp): Element | null {
  for (const p of paragraphs) if (label.test(p.firstElementChild?.textContent ?? '')) return p;
  return null;
}

function searchEntry(item: Element, url: URL): PaperEntry | null {
  const listTitle = item.querySelector('p.list-title');
  const idLink = listTitle?.querySelector('a[href*="/abs/"]');
  const parsed = parseArxivId(idLink?.getAttribute('href') ?? '') ?? parseArxivId(textOf(idLink));
  if (!parsed) return null;
  const pdfLink = listTitle?.querySelector('a[href*="/pdf/"]');
  const titleElement = item.querySelector('p.title');
  const tags = item.querySelector('div.tags:not(.has-addons)');
  const categories = textsOf(tags, 'span.tag');
  const commentLines = item.querySelectorAll('p.comments');
  const comments = labelled(commentLines, /^\s*Comments:/u);
  const journalRef = labelled(commentLines, /^\s*Journal ref:/u);
  const doiLink = item.querySelector('a[href^="https://doi.org/"], a[href^="http://dx.doi.org/"]');
  const paper = paperFrom(
    parsed.id,
    {
      title: textOf(titleElement),
      authors: textsOf(item, 'p.authors a'),
      abstract: textWithout(item.querySelector('span.abstract-full'), 'a'),
      pdfUrl: absoluteUrl(pdfLink?.getAttribute('href'), url),
      version: parsed.version,
      primarySubject: categories[0],
      categories: categories.length ? categories : undefined,
      comments: comments ? textWithout(comments, 'span:first-child') : '',
      journalRef: journalRef ? textWithout(journalRef, 'span:first-child') : '',
      date: isoDate(textOf(item, 'p.is-size-7')),
      doi: doiLink?.getAttribute('href') ?? undefined,
    },
    { site: 'arxiv', pageKind: 'search', url: url.href },
  );
  return { element: item, anchor: titleElement ?? listTitle ?? item, paper };
}

function findSearchEntries(root: ParentNode, url: URL): PaperEntry[] {
  const entries: PaperEntry[] = [];
  for (const item of root.querySelectorAll('li.arxiv-result')) {
    try {
      const entry = searchEntry(item, url);
      if (entry) entries.push(entry);
    } catch {
      // Skip the broken result, keep the others.
    }
  }
  return entries;
}

// ---------------------------------------------------------------------------------------------
// Abstract page: div#abs, with citation_* meta tags in the head.

function metaContent(root: ParentNode, name: string): string {
  return attrOf(root, `meta[name="${name}"]`, 'content');
}

function findAbstractEntry(root: ParentNode, url: URL): PaperEntry[] {
  const abs = root.querySelector('#abs');
  const titleElement = abs?.querySelector('h1.title');
  if (!abs || !titleElement) return [];
  const fromUrl = parseArxivId(url.pathname);
  const parsed =
    parseArxivId(metaContent(root, 'citation_arxiv_id')) ??
    fromUrl ??
    parseArxivId(attrOf(abs, 'td.arxivid a', 'href')) ??
    parseArxivId(attrOf(root, 'link[rel="canonical"]', 'href'));
  if (!parsed) return [];
  // The version this page shows: the one in its URL, else the "(or arXiv:…vN for this version)" line.
  const version =
    (fromUrl?.id === parsed.id ? fromUrl.version : undefined) ??
    versionOf(attrOf(abs, 'td.arxividv a', 'href')) ??
    versionOf(attrOf(root, 'meta[property="og:url"]', 'content'));
  const authors = textsOf(abs, 'div.authors a');
  const abstractElement = abs.querySelector('blockquote.abstract');
  const doiText = textOf(abs, 'td.tablecell.doi a') || metaContent(root, 'citation_doi');
  const paper = paperFrom(
    parsed.id,
    {
      title: textWithout(titleElement, DESCRIPTOR) || collapseWhitespace(metaContent(root, 'citation_title')),
      authors,
      abstract: abstractElement ? textWithout(abstractElement, DESCRIPTOR) : collapseWhitespace(metaContent(root, 'citation_abstract')),
      pdfUrl: absoluteUrl(metaContent(root, 'citation_pdf_url') || attrOf(root, 'a.download-pdf', 'href'), url),
      version,
      ...subjectsOf(abs.querySelector('td.tablecell.subjects')),
      comments: textOf(abs, 'td.tablecell.comments'),
      journalRef: textOf(abs, 'td.tablecell.jref'),
      date: isoDate(metaContent(root, 'citation_date')) ?? isoDate(textOf(abs, 'div.dateline')),
      doi: doiText || undefined,
    },
    { site: 'arxiv', pageKind: 'abstract', url: url.href },
  );
  return [{ element: abs, anchor: titleElement, paper }];
}

// ---------------------------------------------------------------------------------------------

export const arxiv: SiteAdapter = {
  id: 'arxiv',
  matchPatterns: ['https://arxiv.org/list/*', 'https://arxiv.org/abs/*', 'https://arxiv.org/search/*', 'https://arxiv.org/catchup*'],
  matches: (url) => pageKindOf(url) !== null,
  findEntries(root, url) {
    try {
      switch (pageKindOf(url)) {
        case 'listing':
          return findListingEntries(root, url);
        case 'search':
          return findSearchEntries(root, url);
        case 'abstract':
          return findAbstractEntry(root, url);
        default:
          return [];
      }
    } catch {
      return [];
    }
  },
};
