// bioRxiv and medRxiv: papers are DOIs `10.1101/<date>.<n>` (older `10.1101/<n>`), at
// `www.biorxiv.org/content/10.1101/<suffix>v<version>` plus view suffixes (`.full`,
// `.full.pdf`, `.abstract`, …). Key `doi:10.1101/<suffix>` (DESIGN.md: the DOI is the paper).
import type { IdScheme } from './scheme';
import { bareHost, decodedPath, parseUrl, type UrlParts } from './url';
import { doiKey, parseDoi } from './doi';

export interface BiorxivId {
  server: 'biorxiv' | 'medrxiv';
  /** The DOI suffix after `10.1101/`, without version: `2024.01.15.575123`, `123456`. */
  suffix: string;
  version?: number;
}

const SUFFIX = /^(?:\d{4}\.\d{2}\.\d{2}\.)?\d{6,8}$/u;
const CONTENT_PATH = /^\/content\/(?:early\/\d{4}\/\d{2}\/\d{2}\/|10\.1101\/)((?:\d{4}\.\d{2}\.\d{2}\.)?\d{6,8})(?:v(\d{1,3}))?(?:[.+/][a-z+.-]*)?\/?$/u;

function fromUrl(url: UrlParts): BiorxivId | null {
  const host = bareHost(url);
  const server = host === 'biorxiv.org' ? 'biorxiv' : host === 'medrxiv.org' ? 'medrxiv' : null;
  const path = server ? decodedPath(url) : null;
  const match = path ? CONTENT_PATH.exec(path) : null;
  if (!server || !match?.[1]) return null;
  const version = match[2] ? Number(match[2]) : undefined;
  return version ? { server, suffix: match[1], version } : { server, suffix: match[1] };
}

/** bioRxiv/medRxiv URLs, and their DOIs (which do not say which server; bioRxiv is assumed). */
/** An id from whatever a page or user hands over (URL, prefixed or bare id), or null. Never throws. */
export function parseBiorxivId(input: string): BiorxivId | null {
  const url = parseUrl(input);
  if (url) return fromUrl(url);
  const doi = parseDoi(input);
  const suffix = doi?.startsWith('10.1101/') ? doi.slice(8) : '';
  return SUFFIX.test(suffix) ? { server: 'biorxiv', suffix } : null;
}

function paperUrl(id: BiorxivId): string {
  return `https://www.${id.server}.org/content/10.1101/${id.suffix}${id.version ? `v${id.version}` : ''}`;
}

export const biorxiv: IdScheme<BiorxivId> = {
  hosts: ['biorxiv.org', 'medrxiv.org'],
  paths: ['/content/'],
  fromUrl,
  key: (id) => doiKey(`10.1101/${id.suffix}`),
  absUrl: paperUrl,
  pdfUrl: (id) => `${paperUrl(id)}.full.pdf`,
};
