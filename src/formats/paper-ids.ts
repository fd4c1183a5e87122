// The arXiv id and DOI a saved paper is known by, read from its canonical key and aliases
// (DESIGN.md "Paper identity": `arxiv:<id>`, `doi:<lower-cased doi>`).
import type { PaperMetadata } from '../shared/paper';

function aliasValue(paper: Pick<PaperMetadata, 'id' | 'aliases'>, scheme: string): string | undefined {
  const prefix = `${scheme}:`;
  for (const key of [paper.id, ...(paper.aliases ?? [])]) {
    if (key.startsWith(prefix) && key.length > prefix.length) return key.slice(prefix.length);
  }
  return undefined;
}

export function arxivIdOf(paper: Pick<PaperMetadata, 'id' | 'aliases'>): string | undefined {
  return aliasValue(paper, 'arxiv');
}

export function doiOf(paper: Pick<PaperMetadata, 'id' | 'aliases'>): string | undefined {
  return aliasValue(paper, 'doi');
}

export function absUrlOf(paper: PaperMetadata): string | undefined {
  if (paper.absUrl) return paper.absUrl;
  const arxiv = arxivIdOf(paper);
  if (arxiv) return `https://arxiv.org/abs/${arxiv}`;
  const doi = doiOf(paper);
  if (doi) return `https://doi.org/${doi}`;
  if (paper.id.startsWith('url:')) return paper.id.slice(4);
  return undefined;
}

export function pdfUrlOf(paper: PaperMetadata): string | undefined {
  if (paper.pdfUrl) return paper.pdfUrl;
  const arxiv = arxivIdOf(paper);
  return arxiv ? `https://arxiv.org/pdf/${arxiv}` : undefined;
}

/** Year, month, day of an ISO date (`2024`, `2024-03`, `2024-03-07`); absent parts are dropped. */
export function dateParts(date: string | undefined): number[] {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/u.exec(date ?? '');
  if (!match) return [];
  return match.slice(1).filter((part): part is string => part !== undefined).map(Number);
}
