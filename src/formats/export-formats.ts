// The export formats the popup offers, each a pure function of the papers (and tags) shown.
import type { SavedPaper, TagRecord } from '../shared/records';
import { toBackupJson } from './backup';
import { toBibtex } from './bibtex-export';
import { toCslJson } from './csl-json';
import { toCsv } from './csv';
import { toMarkdown } from './markdown';

export interface ExportInput {
  papers: readonly SavedPaper[];
  tags: readonly TagRecord[];
  schemaVersion: number;
  now: Date;
}

export interface ExportFormat {
  id: 'bibtex' | 'csl-json' | 'csv' | 'markdown' | 'backup';
  label: string;
  extension: string;
  mime: string;
  render: (input: ExportInput) => string;
}

export const EXPORT_FORMATS: readonly ExportFormat[] = [
  { id: 'bibtex', label: 'BibTeX', extension: 'bib', mime: 'application/x-bibtex', render: ({ papers }) => toBibtex(papers) },
  { id: 'csl-json', label: 'CSL-JSON', extension: 'json', mime: 'application/vnd.citationstyles.csl+json', render: ({ papers }) => toCslJson(papers) },
  { id: 'csv', label: 'CSV', extension: 'csv', mime: 'text/csv', render: ({ papers }) => toCsv(papers) },
  { id: 'markdown', label: 'Markdown', extension: 'md', mime: 'text/markdown', render: ({ papers }) => toMarkdown(papers) },
  {
    id: 'backup',
    label: 'Full backup (JSON)',
    extension: 'json',
    mime: 'application/json',
    render: ({ papers, tags, schemaVersion, now }) => toBackupJson(papers, tags, schemaVersion, now),
  },
];

export function exportFileName(format: ExportFormat, now: Date): string {
  const day = now.toISOString().slice(0, 10);
  return `shelfmark-${format.id === 'backup' ? 'backup' : 'papers'}-${day}.${format.extension}`;
}
