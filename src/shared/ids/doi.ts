// DOIs: `10.<registrant>/<suffix>`, case-insensitive, key `doi:<lower-cased doi>`. They come bare,
// as `doi:`, as doi.org URLs (sometimes encoded twice), and inside publishers' URLs
// (`dl.acm.org/doi/10.1145/…`, `link.springer.com/article/10.1007/…`, `?doi=10.…`).
import type { PaperId } from '../paper';
import type { IdScheme } from './scheme';
import { MAX_INPUT, bareHost, decodedPath, type UrlParts } from './url';

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

export function doiKey(doi: string): PaperId {
  return `doi:${doi}`;
}

// In a publisher's path the DOI runs to the end, less a view suffix some sites append.
const DOI_IN_PATH = /\/(10\.\d{4,9}\/.+)$/u;
const VIEW_SUFFIX = /(?:\.pdf|\/(?:full|abstract|pdf|epdf|html|fulltext|meta))+\/?$/iu;
const DOI_PARAMS = ['doi', 'DOI', 'id'];

/**
 * The DOI a URL names: a doi.org URL, a DOI in the path (publishers), or a `doi`/`id` query
 * parameter holding a DOI (PLOS). Null for any other URL.
 */
export function doiFromUrl(url: UrlParts): string | null {
  const host = bareHost(url);
  if (host === 'doi.org' || host === 'dx.doi.org') return parseDoi(url.pathname.slice(1));
  const path = decodedPath(url);
  const inPath = path ? DOI_IN_PATH.exec(path) : null;
  if (inPath?.[1]) return parseDoi(inPath[1].replace(VIEW_SUFFIX, ''));
  for (const name of DOI_PARAMS) {
    const value = url.searchParams.get(name);
    if (value?.startsWith('10.')) return parseDoi(value);
  }
  return null;
}

export const doi: IdScheme<string> = {
  hosts: ['doi.org', 'dx.doi.org'],
  fromUrl: doiFromUrl,
  key: doiKey,
  absUrl: (id) => `https://doi.org/${id}`,
  pdfUrl: () => undefined,
};
