// What Shelfmark looks like from a test, in both browsers: fixture URLs, where the save toggle
// sits, and functions that run IN A PAGE (the driver serialises them, so they must not close over
// anything): the content script's light-DOM mirror, messages to the background, the extension's
// IndexedDB.

export const ARXIV_NEW = 'https://arxiv.org/list/cs.LG/new';
export const ARXIV_RECENT = 'https://arxiv.org/list/cs.LG/recent';
export const HF_DAILY = 'https://huggingface.co/papers';

/**
 * Where a trusted click lands on a host's save toggle: the host's first child, 22 px tall. Pass it
 * as `tab.click('shelfmark-entry[…]', { position: SAVE_TOGGLE })`: the toggle sits inside a closed
 * shadow root no selector reaches.
 */
export const SAVE_TOGGLE = { x: 10, y: 10 };

/** @param {string} id */
export const hostSelector = (id) => `shelfmark-entry[data-shelfmark-id="${id}"]`;

/**
 * Waits until the content script has annotated the tab (`<html data-shelfmark="ready">`).
 * @param {import('./index.mjs').Tab} tab
 * @param {number} [timeout]
 */
export function annotated(tab, timeout = 15_000) {
  return tab.waitFor(() => document.documentElement.getAttribute('data-shelfmark') === 'ready', undefined, { timeout });
}

/**
 * In the page: the data-state of every host showing `id` (test builds mirror the saved state).
 * @param {string} id
 * @returns {(string | null)[]}
 */
export function statesOf(id) {
  return Array.from(document.querySelectorAll('shelfmark-entry'))
    .filter((host) => host.getAttribute('data-shelfmark-id') === id)
    .map((host) => host.getAttribute('data-state'));
}

/**
 * In the page: every host showing `id` has `state` (and there is at least one).
 * @param {{ id: string, state: string }} arg
 */
export function allInState({ id, state }) {
  const hosts = Array.from(document.querySelectorAll('shelfmark-entry')).filter((h) => h.getAttribute('data-shelfmark-id') === id);
  return hosts.length > 0 && hosts.every((h) => h.getAttribute('data-state') === state);
}

/**
 * Waits until every host showing `id` in the tab has `state`.
 * @param {import('./index.mjs').Tab} tab
 * @param {string} id
 * @param {'saved' | 'unsaved'} state
 */
export function waitForState(tab, id, state) {
  return tab.waitFor(allInState, { id, state }, { timeout: 10_000 });
}

/**
 * IN THE CONTENT SCRIPT (tab.inContentScript): the tag chips inside every closed shadow root
 * showing `id`, one list per host. Content scripts may open closed roots: Chromium through
 * `chrome.dom.openOrClosedShadowRoot(el)`, Firefox through `el.openOrClosedShadowRoot`.
 * @param {string} id
 * @returns {string[][]}
 */
export function chipsOf(id) {
  const api = /** @type {any} */ (globalThis).chrome?.dom;
  // Firefox's is a property of the element, Chromium's a function of chrome.dom.
  const open = (/** @type {Element} */ el) => (api?.openOrClosedShadowRoot ? api.openOrClosedShadowRoot(el) : /** @type {any} */ (el).openOrClosedShadowRoot);
  return Array.from(document.querySelectorAll('shelfmark-entry'))
    .filter((host) => host.getAttribute('data-shelfmark-id') === id)
    .map((host) =>
      Array.from(open(host)?.querySelectorAll('button.chip') ?? [], (chip) => (chip.textContent ?? '').replace(/ ×$/u, '')),
    );
}

/**
 * IN A PAGE (extension page or content script): sends one message to the background; a rejection
 * comes back as `{ rejected: message }`. Both browsers have the `browser` namespace here.
 * @param {unknown} message
 * @returns {Promise<{ answer?: any, rejected?: string }>}
 */
export function send(message) {
  const api = /** @type {any} */ (globalThis).browser ?? /** @type {any} */ (globalThis).chrome;
  return api.runtime.sendMessage(message).then(
    (/** @type {unknown} */ answer) => ({ answer }),
    (/** @type {any} */ error) => ({ rejected: String(error?.message ?? error) }),
  );
}

/**
 * IN AN EXTENSION PAGE (driver.inExtension): the stored record for `id`, read straight from
 * IndexedDB, or null.
 * @param {string} id
 */
export function readStoredPaper(id) {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('shelfmark');
    open.onerror = () => reject(String(open.error));
    open.onsuccess = () => {
      const get = open.result.transaction('papers').objectStore('papers').get(id);
      get.onerror = () => reject(String(get.error));
      get.onsuccess = () => {
        open.result.close();
        resolve(get.result ?? null);
      };
    };
  });
}

/**
 * A made-up paper as the content script describes one to the background.
 * @param {string} id
 */
export function inventedPaper(id) {
  return {
    id,
    aliases: [id],
    title: `An invented paper for the e2e checks (${id})`,
    authors: ['Nobody Real'],
    source: { site: 'arxiv', pageKind: 'listing', url: ARXIV_NEW },
  };
}

/**
 * Polls `check` until it is true.
 * @param {() => Promise<boolean>} check
 * @param {string} what  for the failure message
 * @param {number} [timeoutMs]
 */
export async function eventually(check, what, timeoutMs = 10_000) {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
