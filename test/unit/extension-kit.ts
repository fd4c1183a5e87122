// An extension page (popup, library) in unit tests talks to the real background: requests go
// through the fake browser's runtime messaging to the real router and handlers over a
// fake-indexeddb database, and writes come back through liveQuery, as in the extension.
import { IDBFactory } from 'fake-indexeddb';
import { vi } from 'vitest';
import { broadcastChanges } from '../../src/background/broadcast';
import { createMessageListener } from '../../src/background/router';
import { ShelfmarkDB } from '../../src/db/schema';
import { request } from '../../src/shared/messaging';
import { browser, resetFakeBrowser, sentMessages } from './fake-browser';

export interface Background {
  db: ShelfmarkDB;
  request: typeof request;
  /** Makes a file readable by the background's `fetch` (happy-dom cannot fetch blob: URLs). */
  shareFile: (file: Blob) => { url: string; release: () => void };
  /** Files handed over and not yet released. */
  shared: Map<string, Blob>;
  /** The requests sent so far, by type. */
  requests: () => { type: string; payload: unknown }[];
}

export function startBackground(): Background {
  resetFakeBrowser();
  globalThis.indexedDB = new IDBFactory();
  const db = new ShelfmarkDB(`extension-${Math.random()}`);
  browser.runtime.onMessage.addListener(createMessageListener({ db: () => db, runtime: browser.runtime, broadcast: broadcastChanges }));
  const shared = new Map<string, Blob>();
  const base = browser.runtime.getURL('');
  let next = 0;
  vi.stubGlobal('fetch', async (url: string) => {
    const blob = shared.get(String(url));
    if (!blob) throw new TypeError('Failed to fetch');
    return new Response(blob);
  });
  return {
    db,
    request,
    shared,
    shareFile: (file) => {
      next += 1;
      const url = `blob:${base}${next}`;
      shared.set(url, file);
      return { url, release: () => shared.delete(url) };
    },
    requests: () => sentMessages().map((message) => {
      const { type, payload } = message as { type: string; payload: unknown };
      return { type, payload };
    }),
  };
}
