// arXiv ids: new style `YYMM.NNNNN` (4 digits before 2015), old style `archive/YYMMNNN`; key
// `arxiv:<id>` without version. arXiv's own URLs (`/abs/`, `/pdf/`, `/html/`, any version) and
// its DOIs (`10.48550/arXiv.<id>`) are read here; Hugging Face and alphaXiv, which name papers by
// arXiv id, have their own modules.
import type { PaperId } from '../paper';
import { parseDoi } from './doi';
import type { IdScheme } from './scheme';
import { bareHost, decodedPath, type UrlParts } from './url';

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
const ARXIV_DOI = /^10\.48550\/arxiv\.(.+)$/iu;

function parseVersion(text: string | undefined): number | undefined | null {
  if (text === undefined) return undefined;
  const version = Number(text);
  return version >= 1 ? version : null;
}

/** A bare id, with optional version: `2401.01234v3`, `0704.0001`, `math.GT/0309136`. */
export function parseBareArxivId(text: string): ArxivId | null {
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

/** The path forms of arXiv's own pages; `format` and `ps` are old download links. */
export const ARXIV_PATH = /^\/(?:abs|pdf|html|format|ps)\/(.+?)(?:\.pdf)?\/?$/iu;

/** The arXiv id an arXiv DOI (`10.48550/arXiv.<id>`, already cleaned by parseDoi) names. */
export function arxivIdFromDoi(doi: string): ArxivId | null {
  const match = ARXIV_DOI.exec(doi);
  return match?.[1] ? parseBareArxivId(match[1]) : null;
}

function fromUrl(url: UrlParts): ArxivId | null {
  const path = decodedPath(url);
  const match = path ? ARXIV_PATH.exec(path) : null;
  return match?.[1] ? parseBareArxivId(match[1]) : null;
}

/** Bare ids, `arXiv:` ids, arXiv DOIs and arXiv.org URLs (other sites' URLs: see index.ts). */
/** An id from whatever a page or user hands over (URL, prefixed or bare id), or null. Never throws. */
export function parseArxivText(input: string): ArxivId | null {
  if (typeof input !== 'string') return null;
  const text = input.trim();
  const bare = text.replace(/^arxiv:\s*/iu, '');
  if (/^(?:doi:\s*)?10\./iu.test(bare)) {
    const doi = parseDoi(bare);
    return doi ? arxivIdFromDoi(doi) : null;
  }
  return parseBareArxivId(bare.replace(/\.pdf$/iu, ''));
}

export function arxivKey(id: string): PaperId {
  return `arxiv:${id}`;
}

export const arxiv: IdScheme<ArxivId> = {
  hosts: ['arxiv.org', 'export.arxiv.org', 'browse.arxiv.org'],
  fromUrl: (url) => (arxiv.hosts.includes(bareHost(url)) ? fromUrl(url) : null),
  key: (id) => arxivKey(id.id),
  absUrl: (id) => `https://arxiv.org/abs/${id.id}`,
  pdfUrl: (id) => `https://arxiv.org/pdf/${id.id}`,
};
