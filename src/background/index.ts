// Background entry (service worker in Chrome, event page in Firefox): the single writer.
import { openDb } from '../db/schema';
import { browser } from '../shared/browser';
import { broadcastChanges } from './broadcast';
import { forYouService } from './for-you';
import { createMessageListener } from './router';
import { followRevokedPermissions } from '../shared/user-sites';

browser.runtime.onMessage.addListener(
  createMessageListener({
    db: openDb,
    runtime: browser.runtime,
    // Every committed change to the library also tells the "for you" model to retrain (debounced).
    broadcast: (changes) => {
      broadcastChanges(changes);
      forYouService().libraryChanged(openDb());
    },
  }),
);

// "Always on this site": a permission the user takes back also takes the site's content script.
followRevokedPermissions();
