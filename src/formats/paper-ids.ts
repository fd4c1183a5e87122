// Links and dates the export formats derive from a saved paper's keys and metadata.
import type { PaperMetadata } from '../shared/paper';
import { arxivIdOf, doiOf } from '../shared/paper-id';

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
