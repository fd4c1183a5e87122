// NeurIPS proceedings: `proceedings.neurips.cc/paper_files/paper/<year>/hash/<32 hex>-Abstract[-<track>].html`
// and the PDF `…/file/<hash>-Paper[-<track>].pdf` (older `/paper/<year>/…`, and papers.nips.cc).
// The hash names the paper; key `neurips:<year>/<hash>`. The track (`Conference`,
// `Datasets_and_Benchmarks`, from 2022) is part of the URLs, not of the paper's name.
import type { IdScheme } from './scheme';
import { parseUrl, bareHost, type UrlParts } from './url';

export interface NeuripsId {
  year: number;
  hash: string;
  track?: string;
}

const PAPER_PATH =
  /^\/(?:paper_files\/)?paper\/(\d{4})\/(?:hash\/([0-9a-f]{32})-Abstract|file\/([0-9a-f]{32})-Paper)(?:-([A-Za-z0-9_]+))?\.(?:html|pdf)$/u;

function fromUrl(url: UrlParts): NeuripsId | null {
  const match = PAPER_PATH.exec(url.pathname);
  const hash = match?.[2] ?? match?.[3];
  if (!match || !hash) return null;
  const year = Number(match[1]);
  if (year < 1987) return null;
  return match[4] ? { year, hash, track: match[4] } : { year, hash };
}

/** An id from whatever a page or user hands over (URL, prefixed or bare id), or null. Never throws. */
export function parseNeuripsId(input: string): NeuripsId | null {
  const url = parseUrl(input);
  if (url) return neurips.hosts.includes(bareHost(url)) ? fromUrl(url) : null;
  const bare = typeof input === 'string' ? /^(?:neurips:)?(\d{4})\/([0-9a-f]{32})$/u.exec(input.trim()) : null;
  return bare ? { year: Number(bare[1]), hash: bare[2]! } : null;
}

// Since 2022 every paper URL names its track; a bare key gets the main track's.
function trackOf(id: NeuripsId): string {
  const track = id.track ?? (id.year >= 2022 ? 'Conference' : undefined);
  return track ? `-${track}` : '';
}

const BASE = 'https://proceedings.neurips.cc/paper_files/paper';

export const neurips: IdScheme<NeuripsId> = {
  hosts: ['proceedings.neurips.cc', 'papers.nips.cc', 'papers.neurips.cc', 'datasets-benchmarks-proceedings.neurips.cc'],
  paths: ['/paper/', '/paper_files/'],
  fromUrl,
  key: (id) => `neurips:${id.year}/${id.hash}`,
  absUrl: (id) => `${BASE}/${id.year}/hash/${id.hash}-Abstract${trackOf(id)}.html`,
  pdfUrl: (id) => `${BASE}/${id.year}/file/${id.hash}-Paper${trackOf(id)}.pdf`,
};
