// Google Scholar result pages (`/scholar?q=…`, on scholar.google.com and its main country
// domains), in the 2016 (`div.gs_r`) and 2020–2026 (`div.gs_r.gs_or.gs_scl[data-cid]`) markup; the
// DOM is described in ../shared/pages/PROVENANCE.md and mirrored with made-up text in
// test/fixtures/scholar/. One host per result, after its title line; `[CITATION]` rows (a title
// without a link) included; the "create alert" box (`div.gs_r.gs_alrt_btm`) is not a result.
//
// Identity: the paper a result's links name, when Shelfmark knows the URL (arXiv, doi.org or a DOI
// in the URL, ACL Anthology, OpenReview, PubMed, …: src/shared/ids/), its title link first, then
// the full-text link beside it (a version of the same Scholar cluster); and always
// `scholar:<cluster id>`, the key of the result when no link is known. Never the title.
import type { PaperId, PaperMetadata } from '../shared/paper';
import { canonicalId, paperIdFromUrl, type PaperLink } from '../shared/paper-id';
import { absoluteUrl, collapseWhitespace, textOf, textWithout } from './dom-text';
import { readEntry } from './entry';
import type { PaperEntry, SiteAdapter } from './types';

const PAGE_KINDS = ['search'] as const;

// scholar.google.com and the country domains Scholar serves most; a match pattern cannot
// wildcard a top-level domain, so each is named.
const DOMAINS = [
  'com', 'co.uk', 'de', 'fr', 'co.jp', 'ca', 'com.au', 'es', 'it', 'nl', 'com.br', 'co.in', 'ch', 'se',
  'co.kr', 'com.hk', 'com.tw', 'ru', 'pl', 'be', 'at', 'dk', 'fi', 'no', 'pt', 'com.sg', 'co.il', 'com.mx',
  'cz', 'gr', 'ie', 'co.nz', 'com.tr', 'co.za', 'cl', 'com.ar',
];
const HOSTNAMES = new Set(DOMAINS.map((domain) => `scholar.google.${domain}`));

// A result's cluster id, as Scholar writes it in its links (`cluster=`, `cites=`: decimal).
const CLUSTER_PARAM = /[?&](?:cluster|cites)=(\d{1,20})(?:&|$)/u;
// `data-cid` is the same 64-bit number, base64url, little-endian, 12 characters (9 bytes, the
// ninth a tag).
const DATA_CID = /^[A-Za-z0-9_-]{12}$/u;
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const YEAR = /(?:^|\D)((?:1[6-9]|20)\d{2})(?:\D|$)/u;

function isResultsPage(url: URL): boolean {
  return HOSTNAMES.has(url.hostname) && (url.pathname === '/scholar' || url.pathname === '/scholar_lookup');
}

/** The decimal cluster id a `data-cid` encodes, or null. */
export function clusterFromDataCid(cid: string): string | null {
  if (!DATA_CID.test(cid)) return null;
  let bits = 0n;
  let count = 0;
  const bytes: number[] = [];
  for (const char of cid) {
    bits = (bits << 6n) | BigInt(BASE64URL.indexOf(char));
    count += 6;
    if (count >= 8) {
      count -= 8;
      bytes.push(Number((bits >> BigInt(count)) & 0xffn));
    }
  }
  let value = 0n;
  for (let i = 7; i >= 0; i -= 1) value = (value << 8n) | BigInt(bytes[i] ?? 0);
  return value > 0n ? value.toString() : null;
}

function clusterOf(result: Element): string | null {
  for (const link of result.querySelectorAll('.gs_fl a[href]')) {
    const match = CLUSTER_PARAM.exec(link.getAttribute('href') ?? '');
    if (match?.[1]) return match[1];
  }
  return clusterFromDataCid(result.getAttribute('data-cid') ?? '');
}

/** The paper a link names, if Shelfmark knows its URL. */
function linkedPaper(href: string | null | undefined, url: URL): PaperLink | null {
  const absolute = absoluteUrl(href, url);
  return absolute ? paperIdFromUrl(absolute) : null;
}

/** Keys from the links (title link first), one per scheme, then the Scholar cluster. */
function keysOf(links: readonly (PaperLink | null)[], cluster: string | null): PaperId[] {
  const keys: PaperId[] = [];
  for (const link of links) {
    for (const key of link?.aliases ?? []) {
      const scheme = key.slice(0, key.indexOf(':') + 1);
      if (!keys.some((known) => known.startsWith(scheme))) keys.push(key);
    }
  }
  if (cluster) keys.push(`scholar:${cluster}`);
  if (keys.length === 0) return keys;
  // DESIGN.md's key order (an arXiv id before a DOI before a site's id), as paperKeys has it.
  const id = canonicalId(keys);
  return [id, ...keys.filter((key) => key !== id)];
}

/** `A Author, B Author… - Venue, 2021 - host.org`: authors, venue and year. */
function bylineOf(result: Element): { authors: string[]; venue: string; year: string | undefined } {
  const parts = textOf(result, '.gs_a').split(/\s+-\s+/u);
  const authors = (parts[0] ?? '')
    .split(',')
    .map((name) => collapseWhitespace(name.replace(/…|\.\.\.$/u, '')))
    .filter((name) => name !== '');
  // With two parts, the second is either the venue and year or just the host.
  const middle = parts.length >= 3 ? parts.slice(1, -1).join(' - ') : (parts[1] ?? '');
  const year = YEAR.exec(middle)?.[1];
  const venue = collapseWhitespace(middle.replace(/,?\s*(?:1[6-9]|20)\d{2}\s*$/u, '').replace(/…/gu, ''));
  return { authors, venue: parts.length >= 3 || year ? venue : '', year };
}

function resultEntry(result: Element, url: URL): PaperEntry | null {
  const body = result.querySelector('.gs_ri');
  const heading = body?.querySelector('h3.gs_rt');
  if (!body || !heading) return null;
  const titleLink = heading.querySelector('a[href]');
  const sideLink = result.querySelector('.gs_ggs a[href]');
  const main = linkedPaper(titleLink?.getAttribute('href'), url);
  const side = linkedPaper(sideLink?.getAttribute('href'), url);
  const keys = keysOf([main, side], clusterOf(result));
  const [id] = keys;
  // The badges before the title (`[PDF]`, `[HTML]`, `[CITATION]`) are not part of it.
  const title = textWithout(heading, '.gs_ctc, .gs_ctu, .gs_ctg, .gs_ct1, .gs_ct2');
  if (!id || !title) return null;
  const { authors, venue, year } = bylineOf(body);
  const paper: PaperMetadata = { id, aliases: keys, title, authors };
  const absUrl = absoluteUrl(titleLink?.getAttribute('href'), url) ?? main?.absUrl;
  if (absUrl) paper.absUrl = absUrl;
  const sidePdf = sideLink && /\[PDF\]/u.test(sideLink.textContent ?? '') ? absoluteUrl(sideLink.getAttribute('href'), url) : undefined;
  const pdfUrl = sidePdf ?? main?.pdfUrl ?? side?.pdfUrl;
  if (pdfUrl) paper.pdfUrl = pdfUrl;
  if (venue) paper.journalRef = venue;
  if (year) paper.date = year;
  paper.source = { site: 'scholar', pageKind: 'search', url: url.href };
  return readEntry(result, heading, paper);
}

function findResults(root: ParentNode, url: URL, limit: number): PaperEntry[] {
  const entries: PaperEntry[] = [];
  const results: Element[] = Array.from(root.querySelectorAll('div.gs_r'));
  if ((root as Element).nodeType === 1 && (root as Element).matches('div.gs_r')) results.unshift(root as Element);
  for (const result of results) {
    if (entries.length >= limit) break;
    try {
      const entry = resultEntry(result, url);
      if (entry) entries.push(entry);
    } catch {
      // One odd result never costs the others their hosts.
    }
  }
  return entries;
}

export const scholar: SiteAdapter = {
  id: 'scholar',
  hosts: [...HOSTNAMES].flatMap((host) => [`https://${host}/scholar*`]),
  pageKinds: PAGE_KINDS,
  matches: isResultsPage,
  findEntries(root, url, options) {
    try {
      return isResultsPage(url) ? findResults(root, url, options?.limit ?? Infinity) : [];
    } catch {
      return [];
    }
  },
};
