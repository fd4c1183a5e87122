// CSV for spreadsheets, one paper per row. Cells that a spreadsheet would run as a formula
// (=, +, -, @, tab, CR) are quoted and prefixed by papaparse's `escapeFormulae`.
import Papa from 'papaparse';
import { isoTime, type SavedPaper } from '../shared/records';
import { absUrlOf, pdfUrlOf } from './paper-ids';
import { arxivIdOf, doiOf } from '../shared/paper-id';

export const CSV_COLUMNS = [
  'id',
  'title',
  'authors',
  'date',
  'arxiv',
  'doi',
  'url',
  'pdf',
  'status',
  'tags',
  'saved',
  'note',
  'abstract',
] as const;

export function toCsv(papers: readonly SavedPaper[]): string {
  const rows = papers.map((paper) => [
    paper.id,
    paper.title,
    paper.authors.join('; '),
    paper.date ?? '',
    arxivIdOf(paper) ?? '',
    doiOf(paper) ?? '',
    absUrlOf(paper) ?? '',
    pdfUrlOf(paper) ?? '',
    paper.status,
    paper.tags.join('; '),
    isoTime(paper.savedAt),
    paper.note,
    paper.abstract ?? '',
  ]);
  return `${Papa.unparse({ fields: [...CSV_COLUMNS], data: rows }, { escapeFormulae: true, newline: '\r\n' })}\r\n`;
}
