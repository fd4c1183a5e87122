// The extension pages' first screen (popup, library): the newest saved papers and the tags
// (their chips' names and colours), read with bare IndexedDB so that it needs no Dexie and can
// run from a script of its own, ahead of the page's (first-screen-entry.ts). On a loaded machine
// opening the database and reading took 30–70 ms of the first render when it began after the
// page's 280 KB script had loaded and run; from the small script it happens while that one
// loads, and the page builds its Dexie database (several milliseconds of schema set-up) only
// after the first paint. Only reads: the schema is schema.ts's (the `papers` store with its
// `savedAt` index, and `tags`, exist since version 1), and the connection closes at once, or as
// soon as another one needs to upgrade the database. It reads only a database at the schema
// version of this build (schema-version.ts).
import type { SavedPaper, TagRecord } from '../shared/records';
import { DB_NAME, IDB_VERSION } from './schema-version';

/**
 * Enough rows to fill the popup: the largest popup is 600 px tall and rows are 84 px
 * (components/PaperList.tsx), so 8, and fewer rows to draw in the first frame.
 */
export const FIRST_SCREEN_ROWS = 8;

function done<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

async function newest(index: IDBIndex, count: number): Promise<SavedPaper[]> {
  // IndexedDB 3 (Chromium 141+) reads backwards in one request; elsewhere a cursor.
  if ('getAllRecords' in index) {
    const getAll = index.getAll as unknown as (options: { count: number; direction: IDBCursorDirection }) => IDBRequest<SavedPaper[]>;
    return done(getAll.call(index, { count, direction: 'prev' }));
  }
  const papers: SavedPaper[] = [];
  const request = index.openCursor(null, 'prev');
  return new Promise((resolve, reject) => {
    request.onsuccess = () => {
      const cursor = request.result;
      if (!cursor || papers.length === count) return resolve(papers);
      papers.push(cursor.value as SavedPaper);
      cursor.continue();
    };
    request.onerror = () => reject(request.error ?? new Error('IndexedDB cursor failed'));
  });
}

export interface FirstScreen {
  /** The most recently saved papers, newest first. */
  papers: SavedPaper[];
  /** Every tag record. */
  tags: TagRecord[];
}

/**
 * The `count` most recently saved papers and the tags; null where there is nothing to read yet
 * (no database: it is not created here, that is Dexie's job) or the read failed. The page then
 * reads them itself.
 */
export async function readFirstScreen(factory: IDBFactory = indexedDB, count = FIRST_SCREEN_ROWS): Promise<FirstScreen | null> {
  let db: IDBDatabase | undefined;
  try {
    const open = factory.open(DB_NAME);
    // Opened without a version, a missing database would be created empty: refuse that.
    open.onupgradeneeded = () => open.transaction?.abort();
    db = await done(open);
    db.onversionchange = () => db?.close();
    // A database Dexie has not upgraded yet (the extension was just updated) holds records of an
    // older shape: the page reads them itself, through Dexie, which upgrades them first.
    if (db.version !== IDB_VERSION) return null;
    const tx = db.transaction(['papers', 'tags'], 'readonly');
    const [papers, tags] = await Promise.all([newest(tx.objectStore('papers').index('savedAt'), count), done(tx.objectStore('tags').getAll() as IDBRequest<TagRecord[]>)]);
    return { papers, tags };
  } catch {
    return null;
  } finally {
    db?.close();
  }
}

declare global {
  interface Window {
    /** Set by first-screen-entry.ts, taken once by the page (`takeFirstScreen`). */
    shelfmarkFirstScreen?: Promise<FirstScreen | null>;
  }
}

/** The first screen read ahead by first-screen-entry.ts, once; undefined when there is none. */
export function takeFirstScreen(): Promise<FirstScreen | null> | undefined {
  const read = window.shelfmarkFirstScreen;
  delete window.shelfmarkFirstScreen;
  return read;
}
