// arXiv: listings (/list/<cat>/new|recent|pastweek|<yymm>, /catchup), search results and the
// abstract page. The DOM this reads is described in ../shared/pages/PROVENANCE.md and mirrored
// (with made-up text) in test/fixtures/arxiv/.
import type { PaperMetadata } from '../shared/paper';
import { arxivKey, pageKeys, parseArxivId } from '../shared/paper-id';
import { absoluteUrl, attrOf, collapseWhitespace, textOf, textWithout, textsOf } from './dom-text';
import { lazyEntry, readEntry, takeEntries } from './entry';
import type { PaperEntry, SiteAdapter } from './types';

const HOST = 'arxiv.org';
const PAGE_KINDS = ['listing', 'search', 'abstract'] as const;
type PageKind = (typeof PAGE_KINDS)[number];
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
const CATEGORY_CODE = /\(([a-z]+(?:-[a-z]+)?(?:\.[A-Za-z]+(?:-[a-z]+)?)?)\)/g;

function categoryCodes(text: string): string[] {
  const codes: string[] = [];
  CATEGORY_CODE.lastIndex = 0;
  for (let match = CATEGORY_CODE.exec(text); match; match = CATEGORY_CODE.exec(text)) {
    if (match[1] && !codes.includes(match[1])) codes.push(match[1]);
  }
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

const OPTIONAL_FIELDS = ['abstract', 'pdfUrl', 'version', 'primarySubject', 'categories', 'comments', 'journalRef', 'date'] as const;

type PaperFields = Omit<PaperMetadata, 'id' | 'aliases' | 'source' | 'absUrl'> & { doi?: string | undefined };

/**
 * The metadata object, with empty optional fields left out so entries serialise alike. Fields are
 * added, never deleted: `delete` turns objects into slow dictionaries.
 */
function paperFrom(id: string, fields: PaperFields, source: PaperMetadata['source']): PaperMetadata {
  const keys = fields.doi ? pageKeys({ arxiv: id, doi: fields.doi }) : null;
  const key = arxivKey(id);
  const paper = { id: keys?.id ?? key, aliases: keys?.aliases ?? [key], title: fields.title, authors: fields.authors } as PaperMetadata;
  for (const name of OPTIONAL_FIELDS) {
    const value = fields[name];
    if (value !== undefined && value !== '') (paper as unknown as Record<string, unknown>)[name] = value;
  }
  paper.absUrl = `https://arxiv.org/abs/${id}`;
  paper.source = source;
  return paper;
}

// `…/html/2401.01234v2`: the version shown, read without parsing a URL.
const HTML_VERSION = /\/html\/(.+?)v(\d+)\/?$/u;

function versionFromHtmlLink(href: string | null, id: string): number | undefined {
  const match = href ? HTML_VERSION.exec(href) : null;
  return match?.[1] === id ? Number(match[2]) : undefined;
}

// ---------------------------------------------------------------------------------------------
// Listings: dl#articles > (h3, dt, dd)*. /new has three such lists (new, cross-lists,
// replacements), pastweek/recent one per day; catchup and /<yymm> use the same markup.
//
// Speed matters here (2,000 entries within 20 ms in Chromium), and a scan needs only each entry's
// id and title line: the content script looks entries up by id and puts its host after the title.
// So the walk reads the lists' children, one query inside each dt and dd, and leaves the rest of
// the metadata (authors, subjects, comments…) to be read from the entry when it is first asked
// for, which is when the paper is saved. The walk is a reader (readEntries): it goes only as far
// as it is pulled, so a first screen costs what its entries cost, not what the page does, and the
// content script reads the rest a slice per task.
const ARTICLE_LIST = 'dl#articles';
const ID_LINK = 'a[title="Abstract"]';
const TITLE_LINE = '.list-title';

/** When the entries under a heading were announced; lazy, because the page's own date costs a query. */
type SectionDate = () => string | undefined;

/** A date stated for the whole page: /new's "Showing new listings for …", catchup's heading. */
function pageDate(root: ParentNode): string | undefined {
  for (const heading of root.querySelectorAll('#dlpage > h1, #dlpage > h3')) {
    const date = isoDate(heading.textContent ?? '');
    if (date) return date;
  }
  return undefined;
}

function sectionDateOf(heading: Element, pageDateOf: SectionDate): SectionDate {
  const text = heading.textContent ?? '';
  // Replacements are old papers: the page's date is not theirs.
  if (/^\s*replace/iu.test(text)) return () => undefined;
  const date = isoDate(text);
  return date ? () => date : pageDateOf;
}

// Node.ELEMENT_NODE, spelled out: adapters also run where no DOM globals exist (check:pages).
const ELEMENT_NODE = 1;

function isElement(node: ParentNode): node is Element {
  return (node as Node).nodeType === ELEMENT_NODE;
}

/** The whole metadata of one listing entry; `id` is the one the walk read from its dt. */
function listingPaper(dt: Element, dd: Element, id: string, date: string | undefined, url: URL): PaperMetadata {
  let pdfHref: string | null = null;
  let htmlHref: string | null = null;
  for (const link of dt.querySelectorAll('a[title]')) {
    const title = link.getAttribute('title');
    if (title === 'Download PDF') pdfHref = link.getAttribute('href');
    else if (title === 'View HTML') htmlHref = link.getAttribute('href');
  }
  const subjects = dd.querySelector('.list-subjects');
  const categories = categoryCodes(subjects?.textContent ?? '');
  const abstract = dd.querySelector('.meta > p');
  return paperFrom(
    id,
    {
      title: textWithout(titleLineOf(dd), DESCRIPTOR),
      authors: textsOf(dd, '.list-authors > a'),
      abstract: abstract ? collapseWhitespace(abstract.textContent ?? '') : '',
      pdfUrl: absoluteUrl(pdfHref, url),
      version: versionFromHtmlLink(htmlHref, id),
      // arXiv prints the primary subject first.
      primarySubject: categories[0],
      categories: categories.length ? categories : undefined,
      comments: textWithout(dd.querySelector('.list-comments'), DESCRIPTOR),
      journalRef: textWithout(dd.querySelector('.list-journal-ref'), DESCRIPTOR),
      date,
    },
    { site: 'arxiv', pageKind: 'listing', url: url.href },
  );
}

/** The dt's "Abstract" link: a child of the dt on arXiv's pages, searched deeper if not. */
function idLinkOf(dt: Element): Element | null {
  for (let child = dt.firstElementChild; child; child = child.nextElementSibling) {
    if (child.tagName === 'A' && child.getAttribute('title') === 'Abstract') return child;
  }
  return dt.querySelector(ID_LINK);
}

/** The dd's title line: `dd > div.meta > div.list-title` on arXiv's pages, searched deeper if not. */
function titleLineOf(dd: Element): Element | null {
  const first = dd.firstElementChild?.firstElementChild;
  return first?.matches(TITLE_LINE) ? first : dd.querySelector(TITLE_LINE);
}

/** A dt/dd pair as an entry, or null when the dt names no arXiv id. */
function listingEntry(dt: Element, dd: Element, date: SectionDate, url: URL): PaperEntry | null {
  const idLink = idLinkOf(dt);
  if (!idLink) return null;
  // The id attribute is the bare id: the cheap parse first, the link if it is missing or odd.
  const parsed = parseArxivId(idLink.getAttribute('id') ?? '') ?? parseArxivId(idLink.getAttribute('href') ?? '');
  if (!parsed) return null;
  const key = arxivKey(parsed.id);
  // arxiv-listing.css keeps room under every `dl#articles > dd .list-title`, which is what the
  // walk's title lines are (a test ties the two).
  const titleLine = titleLineOf(dd);
  return lazyEntry(
    { element: dd, anchor: titleLine ?? dd, id: key, aliases: [key], hostSpaceReserved: titleLine !== null },
    () => listingPaper(dt, dd, parsed.id, date(), url),
    // The title alone, for the "for you" ranking: the rest of the metadata waits for a save.
    titleLine ? () => textWithout(titleLine, DESCRIPTOR) : undefined,
  );
}

/** The next `dl#articles` after `list` in document order, not inside it, searched outward. */
function nextArticleList(list: Element, root: ParentNode): Element | null {
  for (let at: Element | null = list; at && at !== root; at = at.parentElement) {
    for (let sibling = at.nextElementSibling; sibling; sibling = sibling.nextElementSibling) {
      if (sibling.matches(ARTICLE_LIST)) return sibling;
      const inner = sibling.querySelector(ARTICLE_LIST);
      if (inner) return inner;
    }
  }
  return null;
}

function* readListing(root: ParentNode, url: URL): Generator<PaperEntry, void> {
  let pageDateRead: { date: string | undefined } | null = null;
  const pageDateOf: SectionDate = () => (pageDateRead ??= { date: pageDate(root) }).date;
  // Before any heading, the page's date applies; a heading's date holds across lists until the next.
  let date = pageDateOf;
  // The root may be a list itself (a re-scan of one list).
  const first = isElement(root) && root.matches(ARTICLE_LIST) ? root : root.querySelector(ARTICLE_LIST);
  for (let list = first; list; list = nextArticleList(list, root)) {
    let dt: Element | null = null;
    for (let child = list.firstElementChild; child; child = child.nextElementSibling) {
      const tag = child.tagName;
      if (tag === 'DT') {
        dt = child;
      } else if (tag === 'DD') {
        // A dd belongs to the dt right before it; any other dd is an orphan and is skipped.
        let entry: PaperEntry | null = null;
        if (dt && dt.nextElementSibling === child) {
          try {
            entry = listingEntry(dt, child, date, url);
          } catch {
            // A malformed entry is skipped; the rest of the page still gets annotated.
          }
        }
        dt = null;
        if (entry) yield entry;
      } else if (tag === 'H3') {
        date = sectionDateOf(child, pageDateOf);
        dt = null;
      }
    }
  }
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
  return readEntry(item, titleElement ?? listTitle ?? item, paper);
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
  return [readEntry(abs, titleElement, paper)];
}

// ---------------------------------------------------------------------------------------------

export const arxiv: SiteAdapter = {
  id: 'arxiv',
  hosts: ['https://arxiv.org/list/*', 'https://arxiv.org/abs/*', 'https://arxiv.org/search/*', 'https://arxiv.org/catchup*'],
  // Room for hosts under every listing title, before the page is laid out (see the file).
  css: { file: 'arxiv-listing.css', hosts: ['https://arxiv.org/list/*', 'https://arxiv.org/catchup*'] },
  pageKinds: PAGE_KINDS,
  matches: (url) => pageKindOf(url) !== null,
  findEntries: (root, url, options) => takeEntries(readArxiv(root, url), options?.limit),
  readEntries: readArxiv,
};

/**
 * Any arXiv page's entries, read as they are pulled: the content script reads a listing of
 * thousands (40-50 ms at once) a slice per task.
 */
function* readArxiv(root: ParentNode, url: URL): Generator<PaperEntry, void> {
  const kind = pageKindOf(url);
  if (kind === 'listing') yield* readListing(root, url);
  else if (kind === 'search') yield* findSearchEntries(root, url);
  else if (kind === 'abstract') yield* findAbstractEntry(root, url);
}
