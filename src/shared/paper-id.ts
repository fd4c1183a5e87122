// Paper identity: one paper, one key, on every site (DESIGN.md "Paper identity"). DOM-free.
// Every parser takes whatever a page or a user hands it and answers null rather than throwing:
// ids come from hostile pages and from imported files. Each id scheme's own rules live in
// src/shared/ids/<scheme>.ts; this module combines them into a paper's keys.
import type { PaperId } from './paper';
import { aclIdFromDoi, parseAclId } from './ids/acl';
import { arxivIdFromDoi, arxivKey } from './ids/arxiv';
import { doiKey, parseDoi } from './ids/doi';
import { paperIdFromUrl, parseArxivId } from './ids/index';
import { parseOpenReviewId } from './ids/openreview';
import { parsePmcid, pmc } from './ids/pmc';
import { parsePmid, pubmed } from './ids/pubmed';
import { parseS2Id, semanticScholar } from './ids/semantic-scholar';
import { MAX_INPUT, parseUrl } from './ids/url';

export type { ArxivId } from './ids/arxiv';
export { aclDoi } from './ids/acl';
export { paperIdFromHref, paperIdFromUrl, type PaperLink } from './ids/index';
export { arxivKey, doiKey, parseAclId, parseArxivId, parseDoi, parseOpenReviewId };

// Query parameters that only say how someone arrived at a page.
const TRACKING_PARAM = /^(?:utm_\w+|fbclid|gclid|mc_cid|mc_eid|ref|ref_src)$/iu;

/** A URL reduced to what identifies the page: https, no `www.`, no fragment, no tracking parameters, no trailing slash. */
export function normalizeUrl(input: string): string | null {
  if (typeof input !== 'string' || input.length > MAX_INPUT) return null;
  const url = parseUrl(input.trim());
  if (!url) return null;
  // Read, never written: in Firefox content scripts the URL is the page's, seen through an Xray
  // wrapper, and setting its parts or spreading its searchParams threw (no host on a paper page).
  const host = url.hostname.replace(/^www\./u, '');
  const port = url.port === '' || url.port === '80' || url.port === '443' ? '' : `:${url.port}`;
  const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/u, '') || '/' : url.pathname;
  const params = url.search
    .slice(1)
    .split('&')
    .filter((part) => part !== '' && !TRACKING_PARAM.test(safeDecode(part.split('=')[0] ?? '')));
  return `https://${host}${port}${path}${params.length ? `?${params.join('&')}` : ''}`;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/gu, ' '));
  } catch {
    return text;
  }
}

/** What a page says of a paper's identity (citation_* meta, a listing's ids and links); each field in any form its parser accepts. */
export interface PageIdentifiers {
  arxiv?: string | null;
  doi?: string | null;
  /** The paper's page: its id when it is a paper site's URL (src/shared/ids), else the last-resort key. */
  url?: string | null;
}

/** Whatever a source knows about a paper (an import, a file); each field in any form its parser accepts. */
export interface PaperIdentifiers extends PageIdentifiers {
  openreview?: string | null;
  acl?: string | null;
  /** PubMed id (`12345`, `PMID: 12345`, a PubMed URL). */
  pmid?: string | null;
  /** PubMed Central id (`PMC12345`, a PMC URL). */
  pmcid?: string | null;
  /** Semantic Scholar paper id (40 hex digits, a semanticscholar.org URL). */
  s2?: string | null;
}

export interface PaperKeys {
  /** The canonical key: arXiv, else DOI, else a site id (OpenReview, ACL, PubMed, …), else URL. */
  id: PaperId;
  /** Every key, the canonical one first, without duplicates. */
  aliases: PaperId[];
}

/**
 * The keys of a paper from what a page says about it (DESIGN.md "canonical key order"): the site
 * adapters' question. An arXiv DOI or an arXiv/HF/alphaxiv URL counts as the arXiv id; an ACL DOI
 * brings its anthology id. A paper-site URL adds its keys, but never a second key of a scheme
 * already given (two arXiv ids would join two papers). Null when nothing parses.
 */
export function pageKeys(ids: PageIdentifiers): PaperKeys | null {
  return keysFrom(ids, {});
}

/**
 * pageKeys, with site ids given as text besides (OpenReview, ACL, PubMed, PMC, Semantic Scholar).
 * A function of its own: the content scripts ask pageKeys, and so leave these text parsers out.
 */
export function paperKeys(ids: PaperIdentifiers): PaperKeys | null {
  return keysFrom(ids, {
    openreview: ids.openreview ? parseOpenReviewId(ids.openreview) ?? plainId(ids.openreview) : null,
    acl: ids.acl ? parseAclId(ids.acl) ?? plainId(ids.acl) : undefined,
    pmid: ids.pmid ? parsePmid(ids.pmid) : null,
    pmcid: ids.pmcid ? parsePmcid(ids.pmcid) : null,
    s2: ids.s2 ? parseS2Id(ids.s2) : null,
  });
}

/** Site ids, parsed already; `acl` undefined where none was given (an ACL DOI names one then). */
interface SiteIds {
  openreview?: string | null;
  acl?: string | null;
  pmid?: string | null;
  pmcid?: string | null;
  s2?: string | null;
}

function keysFrom(ids: PageIdentifiers, site: SiteIds): PaperKeys | null {
  const doi = ids.doi ? parseDoi(ids.doi) : null;
  const arxiv = (ids.arxiv ? parseArxivId(ids.arxiv) : null) ?? (doi ? arxivIdFromDoi(doi) : null);
  const acl = site.acl !== undefined ? site.acl : doi ? aclIdFromDoi(doi) : null;
  const link = ids.url ? paperIdFromUrl(ids.url) : null;

  const keys: PaperId[] = [];
  if (arxiv) keys.push(arxivKey(arxiv.id));
  // The arXiv DOI is another name for the arXiv id, already covered by the arxiv key.
  if (doi && !arxivIdFromDoi(doi)) keys.push(doiKey(doi));
  if (site.openreview) keys.push(`openreview:${site.openreview}`);
  if (acl) keys.push(`acl:${acl}`);
  if (site.pmid) keys.push(pubmed.key(site.pmid));
  if (site.pmcid) keys.push(pmc.key(site.pmcid));
  if (site.s2) keys.push(semanticScholar.key(site.s2));
  for (const key of link?.aliases ?? []) {
    const scheme = key.slice(0, key.indexOf(':') + 1);
    if (!keys.some((known) => known.startsWith(scheme))) keys.push(key);
  }
  const url = ids.url && keys.length === 0 ? normalizeUrl(ids.url) : null;
  if (url) keys.push(`url:${url}`);
  const aliases = [...new Set(keys)].sort((a, b) => keyRank(a) - keyRank(b));
  const [id] = aliases;
  return id ? { id, aliases } : null;
}

/** A site id given bare (not as a URL): letters, digits, `._-` only. */
function plainId(text: string): string | null {
  const id = text.trim();
  return /^[A-Za-z0-9._-]{2,80}$/u.test(id) ? id : null;
}

/** The canonical key for one identifier of any kind (arXiv id or URL, DOI, a paper site's URL, other URL), or null. */
export function keyOf(input: string): PaperId | null {
  if (typeof input !== 'string') return null;
  const arxiv = parseArxivId(input);
  if (arxiv) return arxivKey(arxiv.id);
  const doi = parseDoi(input);
  if (doi) return doiKey(doi);
  const link = paperIdFromUrl(input);
  if (link) return link.id;
  const url = normalizeUrl(input);
  return url ? `url:${url}` : null;
}

/**
 * A stored key (`arxiv:2401.00007v2`, `doi:…`, `url:…`, `openreview:…`) as the canonical key it
 * stands for, or null when it is not a key of any paper: every key arriving whole (a backup, an
 * import, an undo) is checked here, so one paper is one record and no file can store
 * `arxiv:../../etc`, `doi:NOT-A-DOI` or `url:javascript:…`. A version is dropped (`v2`); an
 * arXiv DOI becomes the arXiv key; a paper site's URL becomes that paper's key.
 */
export function canonicalKey(key: string): PaperId | null {
  if (typeof key !== 'string' || key.length > MAX_INPUT) return null;
  const colon = key.indexOf(':');
  if (colon < 1) return null;
  const scheme = key.slice(0, colon);
  const value = key.slice(colon + 1);
  // Invisible and control characters make two keys look alike; no id has them.
  if (value === '' || /[\p{Cc}\p{Cf}\s]/u.test(value)) return null;
  switch (scheme) {
    case 'arxiv': {
      // The key's value is a bare id (new or old style); anything URL- or path-like is refused.
      if (!/^[A-Za-z0-9.\-/]+$/u.test(value) || value.includes('..')) return null;
      const arxiv = parseArxivId(value);
      return arxiv ? arxivKey(arxiv.id) : null;
    }
    case 'doi': {
      const doi = parseDoi(value);
      return doi ? doiAsKey(doi) : null;
    }
    case 'url': {
      const url = normalizeUrl(value);
      if (!url) return null;
      return paperIdFromUrl(url)?.id ?? `url:${url}`;
    }
    default:
      // A site's own id: what those schemes produce, letters, digits and `._-/` without empty or
      // dot-dot segments.
      if (!SITE_KEY_SCHEMES.has(scheme)) return null;
      if (!/^[A-Za-z0-9._-]+(?:\/[A-Za-z0-9._-]+)*$/u.test(value) || value.split('/').some((part) => /^\.+$/u.test(part))) return null;
      return value.length <= 200 ? key : null;
  }
}

// The key prefixes of src/shared/ids/ besides arxiv, doi and url.
const SITE_KEY_SCHEMES = new Set(['openreview', 'acl', 'pmid', 'pmcid', 's2', 'pmlr', 'neurips', 'cvf']);

/** A DOI's key; the arXiv DOI is the arXiv id, and an ACL DOI stays a DOI key (its anthology id is an alias). */
function doiAsKey(doi: string): PaperId {
  const arxiv = parseArxivId(doi);
  return arxiv ? arxivKey(arxiv.id) : doiKey(doi);
}

// --- keys of a known paper ------------------------------------------------------------------

/** Every key a paper is known by: its own id first, then its aliases, without repeats. */
export function keysOf(paper: { id: PaperId; aliases?: readonly PaperId[] }): PaperId[] {
  return [...new Set([paper.id, ...(paper.aliases ?? [])])];
}

// The canonical key order of `paperKeys`: an arXiv id names a paper on every site, a DOI on
// most, a site's own id on one, a URL only where it was seen.
function keyRank(id: PaperId): number {
  if (id.startsWith('arxiv:')) return 0;
  if (id.startsWith('doi:')) return 1;
  if (id.startsWith('url:')) return 3;
  return 2;
}

/**
 * The canonical id among several ids of one paper: the best-ranked, the first given on a tie, so
 * a paper saved by its DOI is re-keyed to its arXiv id once a page shows both.
 */
export function canonicalId(ids: readonly PaperId[]): PaperId {
  let best = ids[0]!;
  for (const id of ids) if (keyRank(id) < keyRank(best)) best = id;
  return best;
}

function keyValue(paper: { id: PaperId; aliases?: readonly PaperId[] }, scheme: string): string | undefined {
  const prefix = `${scheme}:`;
  for (const key of keysOf(paper)) {
    if (key.startsWith(prefix) && key.length > prefix.length) return key.slice(prefix.length);
  }
  return undefined;
}

/** The arXiv id (`2401.01234`, `math/0309136`) a known paper has among its keys. */
export function arxivIdOf(paper: { id: PaperId; aliases?: readonly PaperId[] }): string | undefined {
  return keyValue(paper, 'arxiv');
}

/** The lower-cased DOI a known paper has among its keys. */
export function doiOf(paper: { id: PaperId; aliases?: readonly PaperId[] }): string | undefined {
  return keyValue(paper, 'doi');
}
