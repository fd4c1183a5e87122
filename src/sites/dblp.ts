// dblp: search results, person pages and tables of contents, all `ul.publ-list > li.entry`
// (schema.org `itemprop` markup; the DOM is described in ../shared/pages/PROVENANCE.md and
// mirrored with made-up text in test/fixtures/dblp/). One host per entry, after its citation.
// Identity: the electronic editions' links (`nav.publ li.ee a`: a DOI, arXiv via `CoRR abs/…` or
// its 10.48550 DOI, ACL Anthology, OpenReview, …), else `dblp:<key>`; the dblp key is always an
// alias, so a paper saved here is found again here whatever its links say.
import type { PaperId, PaperMetadata } from '../shared/paper';
import { canonicalId, paperIdFromUrl } from '../shared/paper-id';
import { absoluteUrl, textOf, textsOf } from './dom-text';
import { lazyEntry } from './entry';
import type { PaperEntry, SiteAdapter } from './types';

const PAGE_KINDS = ['search', 'person', 'toc'] as const;
type PageKind = (typeof PAGE_KINDS)[number];

// dblp.org and its mirrors (same pages, same markup).
const HOSTNAMES = new Set(['dblp.org', 'dblp.uni-trier.de', 'dblp.dagstuhl.de']);
const DBLP_KEY = /^[a-z]+\/[A-Za-z0-9_/+.-]+$/u;
const MAX_ALIASES = 8;

function pageKindOf(url: URL): PageKind | null {
  if (!HOSTNAMES.has(url.hostname)) return null;
  const path = url.pathname;
  if (path === '/search' || path === '/search/' || path.startsWith('/search/publ')) return 'search';
  if (path.startsWith('/pid/') || path.startsWith('/pers/')) return 'person';
  if (path.startsWith('/db/')) return 'toc';
  return null;
}

/** Every key the entry's links prove, one per scheme, then its dblp key. */
function keysOf(entry: Element, key: string | null, url: URL): PaperId[] {
  const keys: PaperId[] = [];
  for (const link of entry.querySelectorAll('nav.publ li.ee a[href]')) {
    const href = absoluteUrl(link.getAttribute('href'), url);
    const paper = href ? paperIdFromUrl(href) : null;
    for (const found of paper?.aliases ?? []) {
      const scheme = found.slice(0, found.indexOf(':') + 1);
      // Two ids of one scheme (a journal DOI and a conference DOI) would join two papers: keep the first.
      if (!keys.some((known) => known.startsWith(scheme))) keys.push(found);
    }
  }
  if (key) keys.push(`dblp:${key}`);
  const id = keys.length ? canonicalId(keys) : undefined;
  return id ? [id, ...keys.filter((other) => other !== id)].slice(0, MAX_ALIASES) : [];
}

function entryPaper(entry: Element, cite: Element, keys: PaperId[], kind: PageKind, url: URL): PaperMetadata {
  // dblp ends every title with a period; a title that is a question keeps its mark.
  const title = textOf(cite, '.title').replace(/\.$/u, '');
  const authors = textsOf(cite, '[itemprop="author"] [itemprop="name"]');
  const paper: PaperMetadata = { id: keys[0]!, aliases: keys, title, authors };
  const ee = entry.querySelector('nav.publ li.ee a[href]');
  const absUrl = absoluteUrl(ee?.getAttribute('href'), url);
  if (absUrl) paper.absUrl = absUrl;
  const venue = textOf(cite, '[itemprop="isPartOf"] [itemprop="name"]');
  const volume = textOf(cite, '[itemprop="isPartOf"] [itemprop="volumeNumber"]');
  const pages = textOf(cite, '[itemprop="pagination"]');
  const journalRef = [venue + (volume ? ` ${volume}` : ''), pages].filter((part) => part.trim() !== '').join(': ');
  if (journalRef) paper.journalRef = journalRef;
  const year = textOf(cite, '[itemprop="datePublished"]');
  if (/^\d{4}$/u.test(year)) paper.date = year;
  paper.source = { site: 'dblp', pageKind: kind, url: url.href };
  return paper;
}

function entryOf(entry: Element, kind: PageKind, url: URL): PaperEntry | null {
  const cite = entry.querySelector('cite.data');
  if (!cite || !cite.querySelector('.title')) return null;
  const key = entry.getAttribute('id');
  const keys = keysOf(entry, key && DBLP_KEY.test(key) ? key : null, url);
  if (keys.length === 0) return null;
  return lazyEntry({ element: entry, anchor: cite, id: keys[0]!, aliases: keys }, () => entryPaper(entry, cite, keys, kind, url));
}

function findEntries(root: ParentNode, kind: PageKind, url: URL, limit: number): PaperEntry[] {
  const entries: PaperEntry[] = [];
  const items: Element[] = Array.from(root.querySelectorAll('li.entry'));
  if ((root as Element).nodeType === 1 && (root as Element).matches('li.entry')) items.unshift(root as Element);
  for (const item of items) {
    if (entries.length >= limit) break;
    try {
      const entry = entryOf(item, kind, url);
      if (entry) entries.push(entry);
    } catch {
      // A malformed entry is skipped; the rest of the page still gets hosts.
    }
  }
  return entries;
}

export const dblp: SiteAdapter = {
  id: 'dblp',
  hosts: [...HOSTNAMES].flatMap((host) => [`https://${host}/search*`, `https://${host}/pid/*`, `https://${host}/pers/*`, `https://${host}/db/*`]),
  pageKinds: PAGE_KINDS,
  // dblp's search page fills its result list from a script after load.
  dynamic: true,
  matches: (url) => pageKindOf(url) !== null,
  findEntries(root, url, options) {
    try {
      const kind = pageKindOf(url);
      return kind ? findEntries(root, kind, url, options?.limit ?? Infinity) : [];
    } catch {
      return [];
    }
  },
};
