// What an importer hands to the background's `importPapers`: records already parsed and checked,
// so the background only merges (one transaction) and never sees the file.
import type { SavedPaper, TagRecord } from '../shared/records';
import type { PaperMetadata } from '../shared/paper';

/**
 * A backup carries whole records; BibTeX carries metadata and perhaps tags (from `keywords`) and a
 * note (from `annote`). Fields a format does not carry are absent, so the merge keeps what the
 * database has. A DOI-only paper
 * from BibTeX has no `source`: it was found on no site.
 */
export type ImportedPaper = PaperMetadata & Partial<Omit<SavedPaper, keyof PaperMetadata>>;
export type ImportedTag = Pick<TagRecord, 'name'> & Partial<Omit<TagRecord, 'name'>>;

export interface ImportBatch {
  format: 'backup' | 'bibtex' | 'csl-json' | 'papermemory';
  papers: ImportedPaper[];
  tags: ImportedTag[];
  /** Entries of the file that are not papers Shelfmark can key (no arXiv id or DOI), with why. */
  skipped: { entry: string; reason: string }[];
}

/** Files above this are refused before being read: a reading list of 100,000 papers is ~200 MB less. */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;
