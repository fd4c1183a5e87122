// Paper identity: one paper, one key, on every site (DESIGN.md "Paper identity"). DOM-free.
// Every parser takes whatever a page or a user hands it and answers null rather than throwing:
// ids come from hostile pages and from imported files.
import type { PaperId } from './paper';

export interface ArxivId {
  /** Without version: `2401.01234`, `0704.0001`, `math/0309136`. */
  id: string;
  version?: number;
}

// Archives that issued old-style ids (`archive/YYMMNNN`, 1991–2007). A fixed list keeps
// look-alikes such as `foo/0101001` or `path/to/1234567` from passing as papers.
const OLD_ARCHIVES = new Set([
  'acc-phys', 'adap-org', 'alg-geom', 'ao-sci', 'astro-ph', 'atom-ph', 'bayes-an', 'chao-dyn',
  'chem-ph', 'cmp-lg', 'comp-gas', 'cond-mat', 'cs', 'dg-ga', 'funct-an', 'gr-qc', 'hep-ex',
  'hep-lat', 'hep-ph', 'hep-th', 'math', 'math-ph', 'mtrl-th', 'nlin', 'nucl-ex', 'nucl-th',
  'patt-sol', 'physics', 'plasm-ph', 'q-alg', 'q-bio', 'quant-ph', 'solv-int', 'supr-con',
]);

// No `u` flag: ASCII-only, and Chromium runs it faster without (2,000 ids per listing).
const NEW_STYLE = /^(\d{2})(\d{2})\.(\d{4,5})(?:v(\d{1,4}))?$/;
// `math.GT/0309136`: the subject class after the dot was part of how the id was written, not of
// the id itself.
const OLD_STYLE = /^([a-z]+(?:-[a-z]+)?)(?:\.[a-z]+(?:-[a-z]+)*)?\/(\d{2})(\d{2})(\d{3})(?:v(\d{1,4}))?$/iu;
const ARXIV_PREFIX = /^arxiv:\s*/iu;
const ARXIV_DOI = /^10\.48550\/arxiv\.(.+)$/iu;
const MAX_INPUT = 2_000;

function parseVersion(text: string | undefined): number | undefined | null {
  if (text === undefined) return undefined;
  const version = Number(text);
  return version >= 1 ? version : null;
}

/** A bare id, with optional version: `2401.01234v3`, `0704.0001`, `math.GT/0309136`. */
function parseBareArxivId(text: string): ArxivId | null {
  const modern = NEW_STYLE.exec(text);
  if (modern) {
    const [, yy = '', mm = '', number = '', v] = modern;
    const month = Number(mm);
    const yymm = Number(yy + mm);
    // New-style ids began in April 2007 (0704) with 4 digits; from 1501 on they have 5.
    if (month < 1 || month > 12 || yymm < 704) return null;
    if ((yymm < 1501) !== (number.length === 4)) return null;
    if (Number(number) === 0) return null;
    const version = parseVersion(v);
    if (version === null) return null;
    return version === undefined ? { id: `${yy}${mm}.${number}` } : { id: `${yy}${mm}.${number}`, version };
  }
  const old = OLD_STYLE.exec(text);
  if (old) {
    const [, archiveRaw = '', yy = '', mm = '', number = '', v] = old;
    const archive = archiveRaw.toLowerCase();
    const year = Number(yy);
    const month = Number(mm);
    if (!OLD_ARCHIVES.has(archive)) return null;
    // Old-style ids run from 1991 (91xx) to March 2007 (0703).
    if (month < 1 || month > 12) return null;
    if (year < 91 && (year > 7 || (year === 7 && month > 3))) return null;
    if (Number(number) === 0) return null;
    const version = parseVersion(v);
    if (version === null) return null;
    const id = `${archive}/${yy}${mm}${number}`;
    return version === undefined ? { id } : { id, version };
  }
  return null;
}

const ARXIV_HOSTS = new Set(['arxiv.org', 'www.arxiv.org', 'export.arxiv.org', 'browse.arxiv.org']);
const ARXIV_PATH = /^\/(?:abs|pdf|html|format|ps)\/(.+?)(?:\.pdf)?\/?$/iu;

/** The id part of a URL path on a site that names papers by arXiv id, or null. */
function arxivIdFromUrl(url: URL): ArxivId | null {
  const host = url.hostname.toLowerCase();
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (ARXIV_HOSTS.has(host)) {
    const match = ARXIV_PATH.exec(path);
    return match?.[1] ? parseBareArxivId(match[1]) : null;
  }
  if (host === 'huggingface.co' || host === 'www.huggingface.co') {
    const match = /^\/papers\/([^/]+)\/?$/u.exec(path);
    return match?.[1] ? parseBareArxivId(match[1]) : null;
  }
  if (host === 'alphaxiv.org' || host === 'www.alphaxiv.org') {
    const match = /^\/(?:abs|overview|pdf)\/(.+?)(?:\.pdf)?\/?$/u.exec(path);
    return match?.[1] ? parseBareArxivId(match[1]) : null;
  }
  if (host === 'doi.org' || host === 'dx.doi.org') {
    const doi = parseDoi(url.href);
    return doi ? arxivIdFromDoi(doi) : null;
  }
  return null;
}

function arxivIdFromDoi(doi: string): ArxivId | null {
  const match = ARXIV_DOI.exec(doi);
  return match?.[1] ? parseBareArxivId(match[1]) : null;
}

// Hosts whose URLs people paste without a scheme. Only these: `math.GT/0309136` must stay an id.
const SCHEMELESS_HOST =
  /^(?:(?:www\.|export\.)?arxiv\.org|(?:www\.)?huggingface\.co|(?:www\.)?alphaxiv\.org|(?:dx\.)?doi\.org|(?:www\.)?openreview\.net|(?:www\.)?aclanthology\.org)\//iu;

/** Parses `text` as an absolute http(s) URL; scheme-less URLs of the sites above are accepted too. */
function parseUrl(text: string): URL | null {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//iu.test(text) ? text : SCHEMELESS_HOST.test(text) ? `https://${text}` : null;
  if (!withScheme) return null;
  try {
    const url = new URL(withScheme);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

/** Any form users meet (bare id, `arXiv:` prefix, vN, URLs of arXiv/HF/alphaxiv, the 10.48550 DOI) → id, or null. */
export function parseArxivId(input: string): ArxivId | null {
  if (typeof input !== 'string' || input.length > MAX_INPUT) return null;
  // Pages mostly hand over bare ids (arXiv listings: 2,000 id attributes a page). A bare id has no
  // whitespace, scheme, prefix or .pdf, so the general path below would reach the same answer.
  const bareId = parseBareArxivId(input);
  if (bareId) return bareId;
  const text = input.trim();
  if (!text) return null;
  const url = parseUrl(text);
  if (url) return arxivIdFromUrl(url);
  // Site-relative links as found in arXiv's own pages: `/abs/2401.01234`, `/pdf/…`, `/html/…`.
  if (text.startsWith('/')) {
    const match = ARXIV_PATH.exec(text.replace(/[?#].*$/u, ''));
    return match?.[1] ? parseBareArxivId(match[1]) : null;
  }
  const bare = text.replace(ARXIV_PREFIX, '');
  const fromDoi = /^(?:doi:\s*)?10\./iu.test(bare) ? parseDoi(bare) : null;
  if (fromDoi) return arxivIdFromDoi(fromDoi);
  return parseBareArxivId(bare.replace(/\.pdf$/iu, ''));
}

const DOI_SHAPE = /^10\.\d{4,9}\/\S+$/u;
const DOI_PREFIXES = /^(?:doi:\s*|https?:\/\/(?:dx\.)?doi\.org\/|(?:dx\.)?doi\.org\/)/iu;

/** Drops trailing punctuation picked up from prose, keeping a closing bracket the DOI itself opened. */
function trimDoiPunctuation(doi: string): string {
  let out = doi;
  for (;;) {
    const last = out.at(-1);
    if (last === undefined) return out;
    if ('.,;:\'"!?>'.includes(last)) {
      out = out.slice(0, -1);
      continue;
    }
    const pairs: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
    const open = pairs[last];
    if (open && count(out, open) < count(out, last)) {
      out = out.slice(0, -1);
      continue;
    }
    return out;
  }
}

function count(text: string, char: string): number {
  let n = 0;
  for (const c of text) if (c === char) n += 1;
  return n;
}

/** A DOI in any common form (bare, `doi:`, doi.org URL, URL-encoded) → cleaned, lower-cased DOI, or null. */
export function parseDoi(input: string): string | null {
  if (typeof input !== 'string' || input.length > MAX_INPUT) return null;
  let text = input.trim();
  // Repeat: a doi.org URL may itself carry an encoded `doi:` prefix or a second encoding.
  for (let round = 0; round < 3; round += 1) {
    const before = text;
    text = text.replace(DOI_PREFIXES, '');
    if (/%[0-9a-f]{2}/iu.test(text)) {
      try {
        text = decodeURIComponent(text);
      } catch {
        return null;
      }
    }
    text = text.trim();
    if (text === before) break;
  }
  text = text.replace(/[?#].*$/u, '');
  text = trimDoiPunctuation(text);
  return DOI_SHAPE.test(text) ? text.toLowerCase() : null;
}

/** OpenReview forum id from an openreview.net URL (`/forum?id=…`, `/pdf?id=…`), or null. */
export function parseOpenReviewId(input: string): string | null {
  if (typeof input !== 'string' || input.length > MAX_INPUT) return null;
  const url = parseUrl(input.trim());
  if (!url || !/^(?:www\.)?openreview\.net$/u.test(url.hostname)) return null;
  if (!/^\/(?:forum|pdf)\/?$/u.test(url.pathname)) return null;
  const id = url.searchParams.get('id') ?? '';
  return /^[A-Za-z0-9_-]{5,40}$/u.test(id) ? id : null;
}

/** ACL Anthology id (`2023.acl-long.1`, `P19-1001`) from an aclanthology.org URL, or null. */
export function parseAclId(input: string): string | null {
  if (typeof input !== 'string' || input.length > MAX_INPUT) return null;
  const url = parseUrl(input.trim());
  if (!url || !/^(?:www\.)?aclanthology\.org$/u.test(url.hostname)) return null;
  const match = /^\/([A-Za-z0-9.-]+?)(?:\.pdf)?\/?$/u.exec(url.pathname);
  const id = match?.[1] ?? '';
  return /^(?:\d{4}\.[a-z0-9-]+\.\d+|[A-Z]\d{2}-\d{4})$/u.test(id) ? id : null;
}

// Query parameters that only say how someone arrived at a page.
const TRACKING_PARAM = /^(?:utm_\w+|fbclid|gclid|mc_cid|mc_eid|ref|ref_src)$/iu;

/** A URL reduced to what identifies the page: https, no `www.`, no fragment, no tracking parameters, no trailing slash. */
export function normalizeUrl(input: string): string | null {
  if (typeof input !== 'string' || input.length > MAX_INPUT) return null;
  const url = parseUrl(input.trim());
  if (!url) return null;
  url.protocol = 'https:';
  url.hash = '';
  url.username = '';
  url.password = '';
  url.hostname = url.hostname.replace(/^www\./u, '');
  if (url.port === '80' || url.port === '443') url.port = '';
  for (const key of [...url.searchParams.keys()]) if (TRACKING_PARAM.test(key)) url.searchParams.delete(key);
  if (url.pathname.length > 1) url.pathname = url.pathname.replace(/\/+$/u, '');
  return url.href;
}

export function arxivKey(id: string): PaperId {
  return `arxiv:${id}`;
}

export function doiKey(doi: string): PaperId {
  return `doi:${doi}`;
}

/** Whatever a source knows about a paper; each field in any form its parser accepts. */
export interface PaperIdentifiers {
  arxiv?: string | null;
  doi?: string | null;
  openreview?: string | null;
  acl?: string | null;
  url?: string | null;
}

export interface PaperKeys {
  /** The canonical key: arXiv, else DOI, else OpenReview/ACL, else URL. */
  id: PaperId;
  /** Every key, the canonical one first, without duplicates. */
  aliases: PaperId[];
}

/**
 * The keys of a paper from what a page says about it (DESIGN.md "canonical key order").
 * An arXiv DOI or an arXiv/HF/alphaxiv URL counts as the arXiv id. Null when nothing parses.
 */
export function paperKeys(ids: PaperIdentifiers): PaperKeys | null {
  const doi = ids.doi ? parseDoi(ids.doi) : null;
  const arxiv =
    (ids.arxiv ? parseArxivId(ids.arxiv) : null) ??
    (doi ? arxivIdFromDoi(doi) : null) ??
    (ids.url ? parseArxivId(ids.url) : null);
  const openreview = ids.openreview ? parseOpenReviewId(ids.openreview) ?? plainId(ids.openreview) : null;
  const acl = ids.acl ? parseAclId(ids.acl) ?? plainId(ids.acl) : null;
  const url = ids.url && !arxiv ? normalizeUrl(ids.url) : null;

  const keys: PaperId[] = [];
  if (arxiv) keys.push(arxivKey(arxiv.id));
  // The arXiv DOI is another name for the arXiv id, already covered by the arxiv key.
  if (doi && !arxivIdFromDoi(doi)) keys.push(doiKey(doi));
  if (openreview) keys.push(`openreview:${openreview}`);
  if (acl) keys.push(`acl:${acl}`);
  if (url && keys.length === 0) keys.push(`url:${url}`);
  const aliases = [...new Set(keys)];
  const [id] = aliases;
  return id ? { id, aliases } : null;
}

/** A site id given bare (not as a URL): letters, digits, `._-` only. */
function plainId(text: string): string | null {
  const id = text.trim();
  return /^[A-Za-z0-9._-]{2,80}$/u.test(id) ? id : null;
}

/** The canonical key for one identifier of any kind (arXiv id or URL, DOI, OpenReview/ACL URL, other URL), or null. */
export function keyOf(input: string): PaperId | null {
  if (typeof input !== 'string') return null;
  const arxiv = parseArxivId(input);
  if (arxiv) return arxivKey(arxiv.id);
  const doi = parseDoi(input);
  if (doi) return doiKey(doi);
  const openreview = parseOpenReviewId(input);
  if (openreview) return `openreview:${openreview}`;
  const acl = parseAclId(input);
  if (acl) return `acl:${acl}`;
  const url = normalizeUrl(input);
  return url ? `url:${url}` : null;
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
