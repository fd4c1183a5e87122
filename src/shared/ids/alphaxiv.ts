// alphaXiv discussion pages name papers by arXiv id: `alphaxiv.org/abs/<id>`, `/overview/<id>`, `/pdf/<id>`.
import type { ArxivId } from './arxiv';
import { arxiv, parseBareArxivId } from './arxiv';
import type { IdScheme } from './scheme';
import { bareHost, decodedPath, parseUrl, type UrlParts } from './url';

const PAPER_PATH = /^\/(?:[a-z]{2}\/)?(?:abs|overview|pdf)\/(.+?)(?:\.pdf)?\/?$/u;

function fromUrl(url: UrlParts): ArxivId | null {
  const path = decodedPath(url);
  const match = path ? PAPER_PATH.exec(path) : null;
  return match?.[1] ? parseBareArxivId(match[1]) : null;
}

export const alphaxiv: IdScheme<ArxivId> = {
  hosts: ['alphaxiv.org'],
  fromUrl,
  key: arxiv.key,
  absUrl: (id) => `https://www.alphaxiv.org/abs/${id.id}`,
  pdfUrl: arxiv.pdfUrl,
};

/** An id from whatever a page or user hands over (URL, prefixed or bare id), or null. Never throws. */
export function parseAlphaxivId(input: string): ArxivId | null {
  const url = parseUrl(input);
  return url && alphaxiv.hosts.includes(bareHost(url)) ? fromUrl(url) : null;
}
