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
// No `u` flag: the pattern is ASCII-only, and Chromium runs it faster without (2,000 calls a page).
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
 * added, never deleted: `delete` turns objects into slow dictionaries, 2,000 times per page.
 */
function paperFrom(id: string, fields: PaperFields, source: PaperMetadata['source']): PaperMetadata {
  const keys = fields.doi ? paperKeys({ arxiv: id, doi: fields.doi }) : null;
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

/** The page URL's parts every entry uses, read once: URL getters build a new string per call. */
interface PageUrl {
  url: URL;
  href: string;
  origin: string;
}

/** An href from an arXiv page made absolute; the common shapes without constructing a URL. */
function arxivHref(href: string | null, base: PageUrl): string | undefined {
  if (!href) return undefined;
  if (href.startsWith('https://')) return href;
  if (href.startsWith('/') && !href.startsWith('//')) return base.origin + href;
  return absoluteUrl(href, base.url);
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
// Speed matters here (2,000 entries within 20 ms in Chromium). One querySelectorAll returns every
// node of interest in document order, and a small state machine assigns them to entries, so no
// per-entry selector matching or child walking: profiles showed DOM traversal calls, not text,
// to be the cost. A first screen (`limit`) instead walks the lists' children and queries inside
// each dt and dd it reaches, so its cost follows the limit, not the page.
const ARTICLE_LIST = 'dl#articles';
// Inside a dt, and inside a dd: `:scope` keeps them to descendants, as in the whole-page form.
// Not "Other formats": its link is never read.
const DT_SELECTORS = ['a[title="Abstract"]', 'a[title="Download PDF"]', 'a[title="View HTML"]'];
const DD_SELECTORS = ['.list-title', '.list-authors > a', '.list-comments', '.list-journal-ref', '.list-subjects', '.meta > p'];
const DT_NODES = DT_SELECTORS.map((selector) => `:scope ${selector}`).join(', ');
const DD_NODES = DD_SELECTORS.map((selector) => `:scope ${selector}`).join(', ');
const LISTING_NODES = [
  `${ARTICLE_LIST} > h3`,
  `${ARTICLE_LIST} > dt`,
  ...DT_SELECTORS.map((selector) => `${ARTICLE_LIST} > dt ${selector}`),
  `${ARTICLE_LIST} > dd`,
  ...DD_SELECTORS.map((selector) => `${ARTICLE_LIST} > dd ${selector}`),
].join(', ');

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

function sectionOf(heading: Element, fallbackDate: () => string | undefined): Section {
  const text = heading.textContent ?? '';
  // Replacements are old papers: the page's date is not theirs.
  if (/^\s*replace/iu.test(text)) return {};
  return { date: isoDate(text) ?? fallbackDate() };
}

// What a listing node in a dd is, by its class attribute. Pages repeat a handful of class strings
// ("list-title mathjax", …), so each is split once, and a node costs one className read instead
// of up to five classList.contains calls.
type ListingClass = 'title' | 'comments' | 'journal-ref' | 'subjects' | 'other';
const LISTING_CLASSES: [string, ListingClass][] = [
  ['list-title', 'title'],
  ['list-comments', 'comments'],
  ['list-journal-ref', 'journal-ref'],
  ['list-subjects', 'subjects'],
];
interface ClassInfo {
  listing: ListingClass;
  descriptor: boolean;
}
const classInfos = new Map<string, ClassInfo>();

function classInfoOf(element: Element): ClassInfo {
  // The attribute, not `className`, which is an object on SVG elements.
  const className = element.getAttribute('class') ?? '';
  let info = classInfos.get(className);
  if (info === undefined) {
    // classList's tokens: the attribute split on ASCII whitespace.
    const tokens = className.split(/[\t\n\f\r ]+/u);
    info = {
      listing: LISTING_CLASSES.find(([token]) => tokens.includes(token))?.[1] ?? 'other',
      descriptor: tokens.includes('descriptor'),
    };
    // A hostile page could make up endless class strings; the cache stays small.
    if (classInfos.size < 256) classInfos.set(className, info);
  }
  return info;
}

const NODE_ELEMENT = 1;
const NODE_TEXT = 3;

/** An element's text without its leading `<span class="descriptor">Title:</span>`. */
function textAfterDescriptor(element: Element): string {
  // The usual shape, [descriptor span, one text node], read without building textContent twice.
  const firstNode = element.firstChild;
  if (firstNode && firstNode.nodeType === NODE_ELEMENT && classInfoOf(firstNode as Element).descriptor) {
    const rest = firstNode.nextSibling;
    if (rest && rest.nodeType === NODE_TEXT && rest === element.lastChild) return collapseWhitespace((rest as Text).data);
  }
  const text = element.textContent ?? '';
  const first = element.firstElementChild;
  if (first && classInfoOf(first).descriptor) {
    const label = first.textContent ?? '';
    const at = text.indexOf(label);
    if (at >= 0) return collapseWhitespace(text.slice(at + label.length));
  }
  return collapseWhitespace(text);
}

/** What the node stream has said so far about one dt/dd pair. */
interface ListingParts {
  dt: Element;
  dd: Element | null;
  section: Section;
  /** The "Abstract" link: its id attribute is read, its href only when that id fails to parse. */
  idLink: Element | null;
  idAttr: string | null;
  pdfHref: string | null;
  htmlHref: string | null;
  title: Element | null;
  authors: string[];
  comments: string;
  journalRef: string;
  subjects: string;
  abstract: string;
}

function listingEntry(parts: ListingParts, page: PageUrl): PaperEntry | null {
  const { dd } = parts;
  if (!dd) return null;
  // The id attribute is the bare id: the cheap parse first, the link if it is missing or odd.
  const parsed = (parts.idAttr && parseArxivId(parts.idAttr)) || parseArxivId(parts.idLink?.getAttribute('href') ?? '');
  if (!parsed) return null;
  const categories = categoryCodes(parts.subjects);
  const paper = paperFrom(
    parsed.id,
    {
      title: parts.title ? textAfterDescriptor(parts.title) : '',
      authors: parts.authors,
      abstract: parts.abstract,
      pdfUrl: arxivHref(parts.pdfHref, page),
      version: versionFromHtmlLink(parts.htmlHref, parsed.id),
      // arXiv prints the primary subject first.
      primarySubject: categories[0],
      categories: categories.length ? categories : undefined,
      comments: parts.comments,
      journalRef: parts.journalRef,
      date: parts.section.date,
    },
    { site: 'arxiv', pageKind: 'listing', url: page.href },
  );
  return { element: dd, anchor: parts.title ?? dd, paper };
}

/** Where the listing reader stands between batches of nodes. */
interface ListingRead {
  readonly entries: PaperEntry[];
  readonly page: PageUrl;
  readonly limit: number;
  readonly fallbackDate: () => string | undefined;
  /** Before any heading, the page's date applies. */
  section: Section | null;
  parts: ListingParts | null;
  /** Which container the following nodes belong to. */
  inside: 'dt' | 'dd' | 'none';
}

function listingRead(root: ParentNode, url: URL, limit: number): ListingRead {
  // The page's own date costs a query over the whole document, and listings that date each
  // section (pastweek, recent) never need it: read on first use.
  let pageDateRead: { date: string | undefined } | null = null;
  return {
    entries: [],
    page: { url, href: url.href, origin: url.origin },
    limit,
    fallbackDate: () => (pageDateRead ??= { date: pageDate(root) }).date,
    section: null,
    parts: null,
    inside: 'none',
  };
}

function closeEntry(parts: ListingParts | null, entries: PaperEntry[], page: PageUrl): void {
  if (!parts) return;
  try {
    const entry = listingEntry(parts, page);
    if (entry) entries.push(entry);
  } catch {
    // A malformed entry is skipped; the rest of the page still gets annotated.
  }
}

/**
 * The state machine that turns listing nodes, in document order, into entries: one code path for
 * the whole-page query (one batch) and the first-screen walk (a batch per dt or dd). The loop is
 * inline over the batch, with the state in locals, because the whole-page batch is ~20,000 nodes.
 * Returns false once `limit` entries are read and another dt arrives.
 */
function readListingNodes(read: ListingRead, nodes: ArrayLike<Element>): boolean {
  const { entries, page, limit, fallbackDate } = read;
  let { section, parts, inside } = read;

  const finish = () => {
    closeEntry(parts, entries, page);
    parts = null;
  };

  // `length` is a DOM call too: read once, not per node.
  const count = nodes.length;
  let more = true;
  for (let i = 0; i < count; i += 1) {
    const node = nodes[i]!;
    const tag = node.tagName;
    if (tag === 'DT') {
      finish();
      if (entries.length >= limit) {
        more = false;
        break;
      }
      parts = {
        dt: node,
        dd: null,
        section: (section ??= { date: fallbackDate() }),
        idLink: null,
        idAttr: null,
        pdfHref: null,
        htmlHref: null,
        title: null,
        authors: [],
        comments: '',
        journalRef: '',
        subjects: '',
        abstract: '',
      };
      inside = 'dt';
    } else if (tag === 'DD') {
      // A dd belongs to the dt right before it; any other dd is an orphan and is skipped.
      const current = parts as ListingParts | null;
      if (current && !current.dd && current.dt.nextElementSibling === node) {
        current.dd = node;
        inside = 'dd';
      } else {
        finish();
        inside = 'none';
      }
    } else if (tag === 'H3') {
      finish();
      section = sectionOf(node, fallbackDate);
      inside = 'none';
    } else if (!parts) {
      continue;
    } else if (tag === 'A') {
      const current = parts as ListingParts;
      if (inside === 'dt') {
        const title = node.getAttribute('title');
        if (title === 'Abstract') {
          current.idLink = node;
          current.idAttr = node.getAttribute('id');
        } else if (title === 'Download PDF') current.pdfHref = node.getAttribute('href');
        else if (title === 'View HTML') current.htmlHref = node.getAttribute('href');
      } else if (inside === 'dd') {
        // The only links the selectors take from a dd: `.list-authors > a`.
        const name = collapseWhitespace(node.textContent ?? '');
        if (name) current.authors.push(name);
      }
    } else if (inside === 'dd') {
      const current = parts as ListingParts;
      if (tag === 'P') {
        current.abstract = collapseWhitespace(node.textContent ?? '');
        continue;
      }
      const kind = classInfoOf(node).listing;
      if (kind === 'title') current.title = node;
      else if (kind === 'comments') current.comments = textAfterDescriptor(node);
      else if (kind === 'journal-ref') current.journalRef = textAfterDescriptor(node);
      else if (kind === 'subjects') current.subjects = node.textContent ?? '';
    }
  }
  read.section = section;
  read.parts = parts;
  read.inside = inside;
  return more;
}

/** The entries read, with the last one closed. */
function endListing(read: ListingRead): PaperEntry[] {
  closeEntry(read.parts, read.entries, read.page);
  read.parts = null;
  return read.entries;
}

function findListingEntries(root: ParentNode, url: URL): PaperEntry[] {
  const read = listingRead(root, url, Infinity);
  readListingNodes(read, root.querySelectorAll(LISTING_NODES));
  return endListing(read);
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

/**
 * The first `limit` entries without touching the rest of the page: the whole-page query visits
 * ~20,000 nodes on a 2,000-entry listing, and the first screen must not pay for them. Walks each
 * list's children and queries only inside each dt and dd, feeding the same nodes, in the same
 * order, as the whole-page query.
 */
function findFirstListingEntries(root: ParentNode, url: URL, limit: number): PaperEntry[] {
  const read = listingRead(root, url, limit);
  for (let list = root.querySelector(ARTICLE_LIST); list; list = nextArticleList(list, root)) {
    for (let child = list.firstElementChild; child; child = child.nextElementSibling) {
      const tag = child.tagName;
      const inner = tag === 'DT' ? DT_NODES : tag === 'DD' ? DD_NODES : null;
      if (!inner && tag !== 'H3') continue;
      if (!readListingNodes(read, [child])) return read.entries;
      if (inner) readListingNodes(read, child.querySelectorAll(inner));
    }
  }
  return endListing(read);
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
  findEntries(root, url, options) {
    try {
      switch (pageKindOf(url)) {
        case 'listing':
          return options?.limit === undefined ? findListingEntries(root, url) : findFirstListingEntries(root, url, options.limit);
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
