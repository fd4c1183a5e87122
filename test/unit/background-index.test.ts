// The entry point registers the router on the real (here: fake) runtime and opens the default
// database lazily, so a restarted service worker answers without any set-up step.
import { describe, expect, it } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { request } from '../../src/shared/messaging';
import { browser } from './fake-browser';
import { arxivPaper } from './db-kit';

describe('background entry', () => {
  it('registers one listener that answers requests against the default database', async () => {
    globalThis.indexedDB = new IDBFactory();
    expect(browser.runtime.onMessage.listeners.size).toBe(0);
    await import('../../src/background/index');
    expect(browser.runtime.onMessage.listeners.size).toBe(1);

    const paper = arxivPaper(11);
    await request('save', { paper });
    expect(await request('getStates', { papers: [paper] })).toEqual({
      states: { [paper.id]: { id: paper.id, saved: true, tags: [], status: 'unread' } },
      marks: {},
      previousVisitAt: null,
    });
  });
});
