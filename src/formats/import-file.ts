// One entry point for every importable file: size check, format detection, parsing.
// DOM-free: the popup reads the File and passes its size and text.
import { parseBackup } from './backup';
import { Refused } from '../shared/refused';
import { parseCslJson } from './csl-json-import';
import { MAX_IMPORT_BYTES, type ImportBatch } from './import-batch';
import { parsePaperMemory } from './papermemory-import';

/**
 * `parseBibtex` of ./bibtex-import, passed in: the popup and the library page run it in a worker
 * (src/popup/bibtex-in-worker.ts), as the parser and its LaTeX tables are three quarters of their
 * code and a large file takes it seconds.
 */
export type BibtexParser = (text: string) => Promise<ImportBatch>;

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
  parseBibtex: BibtexParser,
): Promise<ImportBatch> {
  // UTF-16 length undercounts bytes by at most 3x; this catches a size the caller could not know.
  checkImportSize(text.length);
  const start = importStart(text);
  if (start.startsWith('{')) return isPaperMemoryHead(start) ? parsePaperMemory(parseJson(start)) : parseBackup(start, currentSchemaVersion);
  if (start.startsWith('[')) return parseCslJson(start);
  if (/^(?:%[^\n]*\n\s*)*@/u.test(start) || /^\s*@[a-z]+\s*[{(]/imu.test(start)) return parseBibtex(start);
  throw new Refused('Shelfmark imports its own JSON backups, CSL-JSON, PaperMemory backups (.json) and BibTeX (.bib). This file is none of them.');
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
  const start = importStart(head);
  return start.startsWith('{') && !isPaperMemoryHead(start);
}

/** A PaperMemory export: its version key or its records' fields show within the first few KB. */
function isPaperMemoryHead(head: string): boolean {
  return /"__dataVersion"\s*:|"pdfLink"\s*:/u.test(head.slice(0, 4096)) && !/"format"\s*:\s*"shelfmark-backup"/u.test(head.slice(0, 4096));
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Refused(`This is not a valid JSON file (${(error as Error).message}). Was it cut short?`);
  }
}
