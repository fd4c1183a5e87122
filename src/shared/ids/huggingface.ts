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
  parse: (input) => {
    const url = parseUrl(input);
    return url && huggingface.hosts.includes(bareHost(url)) ? fromUrl(url) : null;
  },
  key: arxiv.key,
  absUrl: (id) => `https://huggingface.co/papers/${id.id}`,
  pdfUrl: arxiv.pdfUrl,
};
