// Semantic Scholar: a paper's id is 40 hex digits, in `semanticscholar.org/paper/<slug>/<id>`,
// `/paper/<id>`, and split as `pdfs.semanticscholar.org/<4>/<36>.pdf`; key `s2:<id>`.
import type { IdScheme } from './scheme';
import { bareHost, parseUrl, type UrlParts } from './url';

const HEX40 = /^[0-9a-f]{40}$/u;
const PAPER_PATH = /^\/(?:arxiv\/)?paper\/(?:[^/]+\/)?([0-9a-fA-F]{40})\/?$/u;
const PDF_PATH = /^\/([0-9a-fA-F]{4})\/([0-9a-fA-F]{36})\.pdf$/u;

function fromUrl(url: UrlParts): string | null {
  const host = bareHost(url);
  if (host === 'pdfs.semanticscholar.org') {
    const pdf = PDF_PATH.exec(url.pathname);
    return pdf ? `${pdf[1]}${pdf[2]}`.toLowerCase() : null;
  }
  const match = PAPER_PATH.exec(url.pathname);
  return match?.[1] ? match[1].toLowerCase() : null;
}

/** An id from whatever a page or user hands over (URL, prefixed or bare id), or null. Never throws. */
export function parseS2Id(input: string): string | null {
  if (typeof input !== 'string') return null;
  const text = input.trim().replace(/^s2:/iu, '').toLowerCase();
  if (HEX40.test(text)) return text;
  const url = parseUrl(input);
  return url && semanticScholar.hosts.includes(bareHost(url)) ? fromUrl(url) : null;
}

export const semanticScholar: IdScheme<string> = {
  hosts: ['semanticscholar.org', 'pdfs.semanticscholar.org'],
  fromUrl,
  key: (id) => `s2:${id}`,
  absUrl: (id) => `https://www.semanticscholar.org/paper/${id}`,
  pdfUrl: () => undefined,
};
