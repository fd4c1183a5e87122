// One entry point for every importable file: size check, format detection, parsing.
// DOM-free: the popup reads the File and passes its size and text.
import { parseBackup } from './backup';
import { Refused } from '../shared/refused';
import { MAX_IMPORT_BYTES, type ImportBatch } from './import-batch';

/**
 * `parseBibtex` of ./bibtex-import, passed in: the popup loads it only when a BibTeX file comes,
 * as the parser and its LaTeX tables are three quarters of the popup's code.
 */
export type BibtexParser = (text: string) => ImportBatch;

export function checkImportSize(bytes: number): void {
  if (bytes > MAX_IMPORT_BYTES) {
    const mb = Math.ceil(bytes / 1024 / 1024);
    throw new Refused(`This file is ${mb} MB; Shelfmark imports files up to ${MAX_IMPORT_BYTES / 1024 / 1024} MB.`);
  }
  if (bytes === 0) throw new Refused('This file is empty.');
}

export async function parseImportFile(
  text: string,
  currentSchemaVersion: number,
  loadBibtexParser: () => Promise<BibtexParser>,
): Promise<ImportBatch> {
  // UTF-16 length undercounts bytes by at most 3x; this catches a size the caller could not know.
  checkImportSize(text.length);
  const start = importStart(text);
  if (start.startsWith('{')) return parseBackup(start, currentSchemaVersion);
  if (start.startsWith('[')) {
    throw new Refused('This looks like CSL-JSON or another JSON list. Shelfmark imports its own JSON backups and BibTeX.');
  }
  if (/^(?:%[^\n]*\n\s*)*@/u.test(start) || /^\s*@[a-z]+\s*[{(]/imu.test(start)) return (await loadBibtexParser())(start);
  throw new Refused('Shelfmark imports its own JSON backups (.json) and BibTeX (.bib). This file is neither.');
}

/** The text from its first meaningful character (no byte-order mark, no leading blank). */
export function importStart(text: string): string {
  return text.replace(/^\uFEFF/u, '').trimStart();
}

/**
 * Whether a file whose first characters are `head` is read as a JSON backup. The popup hands such
 * a file to the background unread (`importBackup`); a few KB of it are enough to tell.
 */
export function looksLikeBackup(head: string): boolean {
  return importStart(head).startsWith('{');
}
