// Hugging Face paper pages name papers by arXiv id: `huggingface.co/papers/<id>` (`hf.co` too).
import type { ArxivId } from './arxiv';
import { arxiv, parseBareArxivId } from './arxiv';
import type { IdScheme } from './scheme';
import { bareHost, decodedPath, parseUrl, type UrlParts } from './url';

const PAPER_PATH = /^\/papers\/([^/]+)\/?$/u;

function fromUrl(url: UrlParts): ArxivId | null {
  const path = decodedPath(url);
  const match = path ? PAPER_PATH.exec(path) : null;
  return match?.[1] ? parseBareArxivId(match[1]) : null;
}

export const huggingface: IdScheme<ArxivId> = {
  hosts: ['huggingface.co', 'hf.co'],
  paths: ['/papers/'],
  fromUrl,
  key: arxiv.key,
  absUrl: (id) => `https://huggingface.co/papers/${id.id}`,
  pdfUrl: arxiv.pdfUrl,
};

/** An id from whatever a page or user hands over (URL, prefixed or bare id), or null. Never throws. */
export function parseHuggingfaceId(input: string): ArxivId | null {
  const url = parseUrl(input);
  return url && huggingface.hosts.includes(bareHost(url)) ? fromUrl(url) : null;
}
