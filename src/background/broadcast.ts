// After a write commits, every tab hears what changed. We do not read tab URLs (no `tabs`
// permission): each tab's content script decides whether it shows any of the keys.
import { browser } from '../shared/browser';
import type { StateBroadcast, StateChange } from '../shared/messages';
import { givenWayTo } from './give-way';

const ignore = (): void => undefined;

// Broadcasts leave in commit order, so a tab never sees an older state after a newer one.
// Only the hand-off is queued: a slow or frozen tab does not hold up the next broadcast.
let lastHandOff: Promise<unknown> = Promise.resolve();

/** Resolves once every tab has answered or failed; callers need not wait for it. */
export function broadcastChanges(changes: StateChange[]): Promise<void> {
  if (changes.length === 0) return Promise.resolve();
  const message: StateBroadcast = { shelfmark: 1, type: 'stateChanged', changes };
  // Training gives way until every tab has been sent the changes (not until each has answered).
  const handOff = givenWayTo(lastHandOff.then(() => sendToEveryTab(message)));
  lastHandOff = handOff.catch(ignore);
  return handOff.then(({ delivered }) => delivered, ignore);
}

async function sendToEveryTab(message: StateBroadcast): Promise<{ delivered: Promise<void> }> {
  const tabs = await browser.tabs.query({}).catch(() => []);
  const sends = tabs.flatMap((tab) =>
    // Tabs without our content script (other sites, browser pages) reject: that is expected.
    tab.id === undefined ? [] : [browser.tabs.sendMessage(tab.id, message).then(ignore, ignore)],
  );
  return { delivered: Promise.all(sends).then(ignore) };
}
