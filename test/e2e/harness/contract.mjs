// What the foundation tests expect from the other contexts, written once for both browsers.
// These functions run IN THE PAGE (Playwright and Puppeteer serialise them), so they must not
// close over anything.

/**
 * The content script's light-DOM mirror: `data-shelfmark="ready"` on <html> once a page is
 * annotated, and one <shelfmark-entry data-shelfmark-id data-state> host per entry.
 * @returns {{ ready: string | null, hosts: { id: string | null, state: string | null }[] }}
 */
export function readAnnotations() {
  return {
    ready: document.documentElement.getAttribute('data-shelfmark'),
    hosts: Array.from(document.querySelectorAll('shelfmark-entry'), (host) => ({
      id: host.getAttribute('data-shelfmark-id'),
      state: host.getAttribute('data-state'),
    })),
  };
}

/** @returns {boolean} */
export function isAnnotated() {
  return document.documentElement.getAttribute('data-shelfmark') === 'ready';
}

/**
 * The popup has rendered: #app has children and a heading or <main> says "Shelfmark".
 * @returns {boolean}
 */
export function popupRendered() {
  const app = document.querySelector('#app');
  if (!app || app.childElementCount === 0) return false;
  return Array.from(app.querySelectorAll('h1, h2, h3, [role="heading"], main')).some((el) =>
    (el.textContent ?? '').includes('Shelfmark'),
  );
}

/** A read-only request every background must answer (src/shared/messages.ts). */
export const GET_STATES_NOTHING = { shelfmark: 1, type: 'getStates', payload: { papers: [] } };

/**
 * Checks one page's annotations against the contract; returns what is wrong, or [].
 * Test builds mirror each host's saved state as data-state; the user build must not (saved
 * state is private, issue 4).
 * @param {{ ready: string | null, hosts: { id: string | null, state: string | null }[] }} seen
 * @param {{ mirrorsState?: boolean }} [build]
 * @returns {string[]}
 */
export function annotationProblems(seen, { mirrorsState = true } = {}) {
  const problems = [];
  if (seen.ready !== 'ready') problems.push(`<html data-shelfmark> is ${JSON.stringify(seen.ready)}, not "ready"`);
  for (const [i, host] of seen.hosts.entries()) {
    if (!host.id || !/^[a-z]+:\S/u.test(host.id)) problems.push(`host ${i} has data-shelfmark-id ${JSON.stringify(host.id)}`);
    if (mirrorsState && host.state !== 'saved' && host.state !== 'unsaved') {
      problems.push(`host ${i} has data-state ${JSON.stringify(host.state)}`);
    }
    if (!mirrorsState && host.state !== null) problems.push(`host ${i} reveals data-state in the user build`);
  }
  return problems;
}
