// Background entry (service worker in Chrome, event page in Firefox): the single writer.
import { openDb } from '../db/schema';
import { browser } from '../shared/browser';
import { broadcastChanges } from './broadcast';
import { createMessageListener } from './router';

browser.runtime.onMessage.addListener(
  createMessageListener({ db: openDb, runtime: browser.runtime, broadcast: broadcastChanges }),
);
