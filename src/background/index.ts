// Background entry (service worker in Chrome, event page in Firefox): the single writer.
import { openDb } from '../db/schema';
import { browser } from '../shared/browser';
import { keepStoragePersistent } from '../shared/storage-persistence';
import { broadcastChanges } from './broadcast';
import { forYouService } from './for-you';
import { createMessageListener } from './router';
import { followRevokedPermissions } from '../shared/user-sites';
import { SyncEngine } from './sync-engine';
import { forgetTab } from './tab-memory';
import type { StateChange } from '../shared/messages';

/**
 * A committed change to the library, made here or merged from another device: every tab hears
 * it, and the "for you" model retrains (debounced): a paper saved on another device is a save too.
 */
function libraryChanged(changes: StateChange[]): void {
  void broadcastChanges(changes);
  forYouService().libraryChanged(openDb());
}

const sync = new SyncEngine({
  db: openDb,
  syncArea: browser.storage.sync,
  localArea: browser.storage.local,
  onStorageChanged: browser.storage.onChanged,
  broadcast: libraryChanged,
});

browser.runtime.onMessage.addListener(
  createMessageListener({
    db: openDb,
    runtime: browser.runtime,
    // A change made here is also compared with what sync knows (no-op while sync is off).
    broadcast: (changes) => {
      libraryChanged(changes);
      sync.noteLocalChanges(changes);
    },
  }),
);
sync.start();

// What the background kept about a tab (its summary, its suggestions) goes with it.
browser.tabs.onRemoved.addListener((tabId) => void forgetTab(tabId));

// "Always on this site": a permission the user takes back also takes the site's content script.
followRevokedPermissions();
// Firefox runs this in a window (its event page), where persistence can be asked for at startup.
void keepStoragePersistent();
