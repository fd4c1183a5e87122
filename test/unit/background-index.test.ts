// The entry point registers the router on the real (here: fake) runtime and opens the default
// database lazily, so a restarted service worker answers without any set-up step.
import { describe, expect, it, vi } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { forYouService, TRAINING_STEP_MEASURE } from '../../src/background/for-you';
import { SyncEngine } from '../../src/background/sync-engine';
import { savePaper } from '../../src/db/papers';
import { request } from '../../src/shared/messaging';
import { browser } from './fake-browser';
import { arxivPaper, freshDb } from './db-kit';

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

  it('retrains "for you" when another device\'s changes are merged, as after a save here', { timeout: 15_000 }, async () => {
    await request('updateSettings', { patch: { sync: { enabled: true } } });
    // Another device: its own database and sync area, where it writes the paper it saved.
    const other = freshDb();
    const area = new Map<string, unknown>();
    const engine = new SyncEngine({
      db: () => other,
      syncArea: {
        get: async () => Object.fromEntries(area),
        set: async (items: Record<string, unknown>) => void Object.entries(items).forEach(([key, value]) => area.set(key, value)),
        remove: async (keys: string | string[]) => void [keys].flat().forEach((key) => area.delete(key)),
      },
      localArea: { set: async () => {} },
      onStorageChanged: { addListener: () => {} },
      broadcast: () => {},
      timing: { debounceMs: 5, minIntervalMs: 10 },
    });
    engine.setEnabled(true);
    const paper = arxivPaper(12);
    engine.noteLocalChanges((await savePaper(other, paper)).changes);
    await vi.waitFor(async () => {
      await engine.idle();
      expect(engine.writePending).toBe(false);
      expect(area.size).toBeGreaterThan(0);
    });

    const trainings = () => performance.getEntriesByName(`${TRAINING_STEP_MEASURE}train`).length;
    await vi.waitFor(async () => expect(await browser.storage.local.get('syncStatus')).toMatchObject({ syncStatus: { state: 'ok' } }));
    // Whatever the save above made the model retrain has run.
    await forYouService().idle();
    const before = trainings();
    // The browser's sync brings the other device's area here.
    await browser.storage.sync.set(Object.fromEntries(area));
    await vi.waitFor(async () => expect(await request('getStates', { papers: [paper] })).toMatchObject({ states: { [paper.id]: { saved: true } } }));
    await vi.waitFor(() => expect(trainings()).toBeGreaterThan(before), { timeout: 3_000 });
  });
});
