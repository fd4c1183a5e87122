// CVF open access (openaccess.thecvf.com): conference and day listings (`dl > dt.ptitle` with the
// paper's link, then a `dd` of authors and a `dd` of links: pdf, supp, arXiv, BibTeX) and paper
// pages (`#papertitle`, `#authors`, `#abstract`, the same links). The DOM is described in
// ../shared/pages/PROVENANCE.md and mirrored with made-up text in test/fixtures/cvf/.
// Identity: `cvf:<proceedings>/<stem>` from the paper's URL (src/shared/ids/cvf.ts); the arXiv link
// of an entry is an alias (and, by DESIGN.md's key order, the canonical key).
//
// Listings run to 2,700 entries, so they get arXiv's long-listing treatment: cvf-listing.css keeps
// room under every title before the page is laid out, the walk reads only each entry's links
// (its title when the entry is asked about, the rest of its metadata when the paper is saved),
// the links' hrefs are read as text (no URL built per link), and the walk is a reader
// (readEntries): the content script reads the first screen, then the rest a slice per task.
import type { PaperId, PaperMetadata } from '../shared/paper';
import { canonicalId, paperIdFromHref, paperIdFromUrl, type PaperLink } from '../shared/paper-id';
import { absoluteUrl, attrOf, collapseWhitespace, textOf, textsOf } from './dom-text';
import { lazyEntry, readEntry, takeEntries } from './entry';
import type { PaperEntry, SiteAdapter } from './types';

const PAGE_KINDS = ['listing', 'paper'] as const;
const HOST = 'openaccess.thecvf.com';
const PAPER_PATH = /\/(?:html|papers)\/.*_paper\.(?:html|pdf)$/u;
const ARXIV_LINK = 'a[href*="arxiv.org/"]';
const ELEMENT_NODE = 1;

function isPaperPage(url: URL): boolean {
  return PAPER_PATH.test(url.pathname);
}

/** The CVF key and the arXiv link's keys, canonical first. */
function keysOf(paperLink: PaperLink, arxivHref: string | null | undefined, url: URL): PaperId[] {
  const keys = [...paperLink.aliases];
  const arxiv = paperIdFromHref(arxivHref, url);
  if (arxiv?.scheme === 'arxiv') keys.push(...arxiv.aliases.filter((key) => !keys.includes(key)));
  const id = canonicalId(keys);
  return [id, ...keys.filter((key) => key !== id)];
}

/** `Li, Hongyang and Eigen, David` (BibTeX) or the author links, as `First Last` names. */
function authorsOf(dd: Element | null): string[] {
  return textsOf(dd, 'form.authsearch a, a').map((name) => name.replace(/,$/u, '').trim()).filter((name) => name !== '');
}

function yearOf(url: URL, bibtex: string): string | undefined {
  return /year\s*=\s*\{(\d{4})\}/u.exec(bibtex)?.[1] ?? /(?:19|20)\d{2}/u.exec(url.pathname)?.[0];
}

// ---------------------------------------------------------------------------------------------
// Listings

function listingPaper(dt: Element, dds: Element[], keys: PaperId[], paperLink: PaperLink, url: URL): PaperMetadata {
  const [authorsDd, linksDd] = dds;
  const paper: PaperMetadata = {
    id: keys[0]!,
    aliases: keys,
    title: textOf(dt, 'a'),
    authors: authorsOf(authorsDd ?? null),
    absUrl: paperLink.absUrl,
  };
  const pdf = absoluteUrl(attrOf(linksDd, 'a[href$=".pdf"]', 'href'), url) ?? paperLink.pdfUrl;
  if (pdf) paper.pdfUrl = pdf;
  const bibtex = textOf(linksDd, '.bibref');
  const booktitle = /booktitle\s*=\s*\{([^}]*)\}/u.exec(bibtex)?.[1];
  if (booktitle) paper.journalRef = collapseWhitespace(booktitle);
  const year = yearOf(url, bibtex);
  if (year) paper.date = year;
  paper.source = { site: 'cvf', pageKind: 'listing', url: url.href };
  return paper;
}

function listingEntry(dt: Element, dds: Element[], url: URL): PaperEntry | null {
  const titleLink = dt.querySelector('a[href]');
  const paperLink = paperIdFromHref(titleLink?.getAttribute('href'), url);
  if (!paperLink || paperLink.scheme !== 'cvf') return null;
  let arxivHref: string | null = null;
  for (const dd of dds) {
    arxivHref = dd.querySelector(ARXIV_LINK)?.getAttribute('href') ?? null;
    if (arxivHref) break;
  }
  const keys = keysOf(paperLink, arxivHref, url);
  // cvf-listing.css keeps room under every `dl > dt.ptitle` (a test ties the two).
  const reserved = dt.parentElement?.tagName === 'DL';
  return lazyEntry(
    { element: dt, anchor: dt, id: keys[0]!, aliases: keys, hostSpaceReserved: reserved },
    () => listingPaper(dt, dds, keys, paperLink, url),
    () => textOf(dt, 'a'),
  );
}

function safeListingEntry(dt: Element, dds: Element[], url: URL): PaperEntry | null {
  try {
    return listingEntry(dt, dds, url);
  } catch {
    // A malformed entry is skipped; the rest of the page still gets hosts.
    return null;
  }
}

/** Each `dl`'s `dt.ptitle` entries with the `dd`s that follow them, in document order. */
function* readListing(root: ParentNode, url: URL): Generator<PaperEntry, void> {
  const lists: Element[] =
    (root as Node).nodeType === ELEMENT_NODE && (root as Element).tagName === 'DL' ? [root as Element] : Array.from(root.querySelectorAll('dl'));
  for (const list of lists) {
    let dt: Element | null = null;
    let dds: Element[] = [];
    for (let child = list.firstElementChild; child; child = child.nextElementSibling) {
      if (child.tagName === 'DT') {
        const entry = dt ? safeListingEntry(dt, dds, url) : null;
        dt = child.classList.contains('ptitle') ? child : null;
        dds = [];
        if (entry) yield entry;
      } else if (child.tagName === 'DD' && dt) {
        dds.push(child);
      }
    }
    const last = dt ? safeListingEntry(dt, dds, url) : null;
    if (last) yield last;
  }
}

// ---------------------------------------------------------------------------------------------
// Paper page

function paperPageEntry(root: ParentNode, url: URL): PaperEntry[] {
  const heading = root.querySelector('#papertitle');
  const paperLink = paperIdFromUrl(url.href);
  if (!heading || !paperLink || paperLink.scheme !== 'cvf') return [];
  const container = heading.parentElement ?? heading;
  const keys = keysOf(paperLink, attrOf(container, ARXIV_LINK, 'href'), url);
  // CVF's meta tags write `Last, First`.
  const metaAuthors = Array.from(root.querySelectorAll('meta[name="citation_author"]'), (meta) =>
    collapseWhitespace((meta.getAttribute('content') ?? '').split(/\s*,\s*/u).reverse().join(' ')),
  );
  const listed = textOf(container, '#authors b, #authors i').split(',').map((name) => name.trim());
  const paper: PaperMetadata = {
    id: keys[0]!,
    aliases: keys,
    title: textOf(heading),
    authors: (metaAuthors.length ? metaAuthors : listed).filter((name) => name !== ''),
    absUrl: paperLink.absUrl,
  };
  const pdf = absoluteUrl(attrOf(container, 'a[href$=".pdf"]', 'href'), url) ?? paperLink.pdfUrl;
  if (pdf) paper.pdfUrl = pdf;
  const abstract = textOf(container, '#abstract');
  if (abstract) paper.abstract = abstract;
  const bibtex = textOf(container, '.bibref');
  const booktitle = /booktitle\s*=\s*\{([^}]*)\}/u.exec(bibtex)?.[1];
  if (booktitle) paper.journalRef = collapseWhitespace(booktitle);
  const year = yearOf(url, bibtex);
  if (year) paper.date = year;
  paper.source = { site: 'cvf', pageKind: 'paper', url: url.href };
  return [readEntry(container, heading, paper)];
}

const HOSTS = [`https://${HOST}/*`];

export const cvf: SiteAdapter = {
  id: 'cvf',
  hosts: HOSTS,
  css: { file: 'cvf-listing.css', hosts: HOSTS },
  pageKinds: PAGE_KINDS,
  matches: (url) => url.hostname === HOST,
  findEntries: (root, url, options) => takeEntries(readCvf(root, url), options?.limit),
  readEntries: readCvf,
};

function* readCvf(root: ParentNode, url: URL): Generator<PaperEntry, void> {
  if (url.hostname !== HOST) return;
  if (isPaperPage(url)) yield* paperPageEntry(root, url);
  else yield* readListing(root, url);
}
