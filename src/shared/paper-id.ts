// Paper identity: one paper, one key, on every site (DESIGN.md "Paper identity"). DOM-free.
// STUB: signatures fixed; implementation pending (issue 3).
import type { PaperId } from './paper';

export interface ArxivId {
  /** Without version: `2401.01234`, `0704.0001`, `math/0309136`. */
  id: string;
  version?: number;
}

/** Any form users meet (bare id, `arXiv:` prefix, vN, URLs of arXiv/HF/alphaxiv, the 10.48550 DOI) → id, or null. */
export function parseArxivId(_input: string): ArxivId | null {
  return null;
}

/** A DOI in any common form (bare, `doi:`, doi.org URL, URL-encoded) → cleaned, lower-cased DOI, or null. */
export function parseDoi(_input: string): string | null {
  return null;
}

export function arxivKey(id: string): PaperId {
  return `arxiv:${id}`;
}
