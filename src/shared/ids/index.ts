// One question, every id scheme: which paper does this URL name? The schemes are tried by host
// (one map lookup per link: a page may hold 10,000 links), then a DOI anywhere in the URL.
import type { PaperId } from '../paper';
import { acl, aclIdFromDoi, parseAclId } from './acl';
import { alphaxiv, parseAlphaxivId } from './alphaxiv';
import { arxiv, arxivIdFromDoi, parseArxivText, parseBareArxivId, ARXIV_PATH, type ArxivId } from './arxiv';
import { biorxiv, parseBiorxivId } from './biorxiv';
import { cvf, parseCvfId } from './cvf';
import { doi, doiFromUrl, parseDoi } from './doi';
import { huggingface, parseHuggingfaceId } from './huggingface';
import { neurips, parseNeuripsId } from './neurips';
import { openreview, parseOpenReviewId } from './openreview';
import { parsePmcid, pmc } from './pmc';
import { parsePmlrId, pmlr } from './pmlr';
import { parsePmid, pubmed } from './pubmed';
import type { IdScheme } from './scheme';
import { parseS2Id, semanticScholar } from './semantic-scholar';
import { bareHost, MAX_INPUT, parseHref, parseUrl, type UrlParts } from './url';

/** What one link says about a paper. */
export interface PaperLink {
  /** Which scheme read it (`arxiv`, `doi`, `openreview`, …). */
  scheme: SchemeName;
  /** The canonical key of the paper. */
  id: PaperId;
  /** Every key the link proves, `id` first. */
  aliases: PaperId[];
  /** The paper's landing page and PDF, as the scheme knows them. */
  absUrl: string;
  pdfUrl?: string;
  /** The link points at the PDF (not the landing page): a weaker place for a title. */
  isPdf: boolean;
  /** A version the link names (arXiv `v3`, bioRxiv `v2`). */
  version?: number;
}

// Each scheme, by the name it is known by in PaperLink.scheme.
export const ID_SCHEMES = {
  arxiv,
  huggingface,
  alphaxiv,
  doi,
  openreview,
  acl,
  semanticScholar,
  pubmed,
  pmc,
  biorxiv,
  pmlr,
  neurips,
  cvf,
} as const;

export type SchemeName = keyof typeof ID_SCHEMES;

/**
 * Each scheme's text parser, by the scheme's name: an id from whatever a user or a file hands
 * over (URL, prefixed or bare id), or null. Kept out of ID_SCHEMES (src/shared/ids/scheme.ts).
 */
export const ID_PARSERS = {
  arxiv: parseArxivText,
  huggingface: parseHuggingfaceId,
  alphaxiv: parseAlphaxivId,
  doi: parseDoi,
  openreview: parseOpenReviewId,
  acl: parseAclId,
  semanticScholar: parseS2Id,
  pubmed: parsePmid,
  pmc: parsePmcid,
  biorxiv: parseBiorxivId,
  pmlr: parsePmlrId,
  neurips: parseNeuripsId,
  cvf: parseCvfId,
} as const satisfies Record<SchemeName, (input: string) => unknown>;

// `IdScheme<never>` would not accept the calls below; the map keeps each scheme with its own id type.
type AnyScheme = IdScheme<unknown>;

const BY_HOST = new Map<string, SchemeName[]>();
for (const [name, scheme] of Object.entries(ID_SCHEMES) as [SchemeName, AnyScheme][]) {
  for (const host of scheme.hosts) BY_HOST.set(host, [...(BY_HOST.get(host) ?? []), name]);
}

/** Every hostname (without `www.`) some scheme reads; DOIs may appear in any other host's URLs. */
export const PAPER_HOSTS: readonly string[] = [...BY_HOST.keys()];

const PDF_PATH = /(?:\.pdf$|^\/pdf\b|\/pdf\/|\/file\/|\/papers\/[^/]+\.pdf$)/iu;

function linkOf(name: SchemeName, found: unknown, url: UrlParts): PaperLink {
  const scheme = ID_SCHEMES[name] as AnyScheme;
  let id = scheme.key(found);
  let aliases = [id, ...(scheme.aliases?.(found) ?? [])];
  if (name === 'doi') {
    // Another scheme's DOI: the arXiv DOI is the arXiv id; the ACL DOI names an anthology paper.
    const value = found as string;
    const arxivId = arxivIdFromDoi(value);
    if (arxivId) return linkOf('arxiv', arxivId, url);
    const aclId = aclIdFromDoi(value);
    if (aclId) aliases = [id, acl.key(aclId)];
  }
  id = aliases[0]!;
  const link: PaperLink = {
    scheme: name,
    id,
    aliases,
    absUrl: scheme.absUrl(found),
    isPdf: PDF_PATH.test(url.pathname) || url.pathname === '/pdf',
  };
  const pdfUrl = scheme.pdfUrl(found);
  if (pdfUrl) link.pdfUrl = pdfUrl;
  const version = (found as { version?: unknown } | null)?.version;
  if (typeof version === 'number') link.version = version;
  return link;
}

/**
 * The paper a URL names, by any scheme above, or null (most links on most pages). Accepts a URL
 * (or its parts, from parseHref) or text (scheme-less URLs of the paper sites too). Never throws.
 */
export function paperIdFromUrl(input: string | UrlParts): PaperLink | null {
  const url = typeof input === 'string' ? parseUrl(input) : input && typeof input === 'object' ? input : null;
  if (!url || url.href.length > MAX_INPUT) return null;
  const names = BY_HOST.get(bareHost(url));
  if (names) {
    for (const name of names) {
      const found = (ID_SCHEMES[name] as AnyScheme).fromUrl(url);
      if (found !== null) return linkOf(name, found, url);
    }
  }
  const fromDoi = doiFromUrl(url);
  return fromDoi ? linkOf('doi', fromDoi, url) : null;
}

/**
 * The paper an href on a page names (resolved against the page's URL), or null. Adapters read
 * every title link of a listing with it: a plain href is read without building a URL.
 */
export function paperIdFromHref(href: string | null | undefined, base: URL): PaperLink | null {
  const url = href ? parseHref(href, base) : null;
  return url ? paperIdFromUrl(url) : null;
}

/**
 * Any form of an arXiv id users meet (bare id, `arXiv:` prefix, vN, `.pdf`, URLs of arXiv,
 * Hugging Face and alphaXiv, the 10.48550 DOI in any form, arXiv's site-relative links) → id, or null.
 */
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
  return parseArxivText(text);
}

/** The arXiv id of a URL on a site that names papers by it (arXiv, Hugging Face, alphaXiv, doi.org). */
function arxivIdFromUrl(url: URL): ArxivId | null {
  const host = bareHost(url);
  for (const scheme of [arxiv, huggingface, alphaxiv]) {
    if (scheme.hosts.includes(host)) return scheme.fromUrl(url);
  }
  if (doi.hosts.includes(host)) {
    const value = doi.fromUrl(url);
    return value ? arxivIdFromDoi(value) : null;
  }
  return null;
}
