// `importBackup`: the popup hands a JSON backup over as a `blob:` URL and the background reads,
// checks and merges it. A 10,000-paper backup is 17 MB; as a message it cost 0.7–1.8 s in Chromium
// (every message is serialised as JSON) and was checked twice, once on each side. Read here, it is
// checked once, by the same `readBackup` the popup used before, and written in one transaction.
import { isStorageFull, Refused, STORAGE_FULL } from '../shared/refused';
import { mergeImport } from '../db/import';
import type { WriteOutcome } from '../db/outcome';
import type { ImportReport } from '../shared/records';
import type { ShelfmarkDB } from '../db/schema';
import { readBackup } from '../formats/backup';
import { checkImportSize, importStart } from '../formats/import-file';

export interface BackupSource {
  /** `runtime.getURL('')`: only blobs made by the extension's own pages are read. */
  extensionBase: string;
  /** Reads the blob behind the URL; tests pass their own (happy-dom cannot fetch blob: URLs). */
  read?: (url: string) => Promise<Blob>;
  now?: number;
}

const IMPORT_MARKS = ['shelfmark:import-start', 'shelfmark:import-checked', 'shelfmark:import-written'];

const fetchBlob = async (url: string): Promise<Blob> => (await fetch(url)).blob();

/**
 * Every fault of the file is a `Refused` whose message is shown as is, and nothing is
 * written. A service worker can fetch a web page's blob: URL too: the router refuses this request
 * from web pages, and the origin check here keeps any other URL from being read.
 */
export async function importBackup(db: ShelfmarkDB, url: string, source: BackupSource): Promise<WriteOutcome<ImportReport>> {
  const { extensionBase, read = fetchBlob, now = Date.now() } = source;
  if (!url.startsWith(`blob:${extensionBase}`)) throw new Refused('A backup can only be handed over by Shelfmark’s own pages.');
  let blob: Blob;
  // Marks for the benchmark's breakdown (bench/popup.mjs reads them from the background).
  for (const mark of IMPORT_MARKS) performance.clearMarks(mark);
  performance.mark('shelfmark:import-start');
  try {
    blob = await read(url);
  } catch {
    throw new Refused('The file could not be read (was the popup closed before the import began?).');
  }
  checkImportSize(blob.size);
  const text = importStart(await blob.text());
  if (!text.startsWith('{')) throw new Refused('This file is not a Shelfmark JSON backup.');
  const checked = readBackup(text, db.verno);
  performance.mark('shelfmark:import-checked');
  try {
    const outcome = await mergeImport(db, checked, now);
    performance.mark('shelfmark:import-written');
    return outcome;
  } catch (error) {
    // The transaction was aborted: say so in the words the popup shows.
    if (isStorageFull(error)) throw new Refused(STORAGE_FULL);
    console.error('Shelfmark: importBackup failed', error);
    const detail = error instanceof Error ? error.message : String(error);
    throw new Refused(`The import failed: ${detail}`);
  }
}
