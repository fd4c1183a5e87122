// sync-p50, sync-p95, sync-after-sw-restart: a change made in tab A (an arXiv listing) reaches
// tab B (a Hugging Face paper page showing the same paper).
//
// The change is a save/unsave toggle: it flips the host's light-DOM mirror `data-state`, which
// tab B can watch (tags live only inside the closed shadow root, and a tag change travels the
// same path: one background write, one broadcast, one setState). The click is a real, trusted
// mouse click on the save button inside A's closed shadow root (located through CDP, which
// pierces closed roots). Both ends are read with in-page clocks, `performance.timeOrigin +
// performance.now()` (browser-testing.md G15): t0 when A's main world sees the click (a capture
// listener on window runs before the content script's own), t1 when a MutationObserver in B's
// main world sees `data-state` change. Node-side timings would add Playwright round trips.
//
// Tab B shows the same paper as tab A: the Hugging Face paper-page fixture, with its arXiv id
// swapped for one listed on A's page, served at that paper's real URL.
import { readFile } from 'node:fs/promises';
import { closeBenchBrowser, launchBenchBrowser } from './browser-session.mjs';
import { median, percentile, spread } from './stats.mjs';

const CHANGES = 60;
const WARMUP = 4;
const RESTARTS = 5;
const WAIT_MS = 10_000;
const PROBE = '__shelfmarkSyncProbe';
const READY = 'html[data-shelfmark="ready"]';

/**
 * Runs IN TAB B: records when any host of the paper changes `data-state`.
 * @param {{ probe: string, id: string }} args
 */
function watchState({ probe, id }) {
  /** @type {{ state: string | null, at: number }[]} */
  const seen = [];
  /** @type {any} */ (window)[probe] = { seen };
  new MutationObserver((records) => {
    const at = performance.timeOrigin + performance.now();
    for (const record of records) {
      const host = /** @type {Element} */ (record.target);
      if (host.getAttribute('data-shelfmark-id') !== id) continue;
      const state = host.getAttribute('data-state');
      if (record.oldValue !== state) seen.push({ state, at });
    }
  }).observe(document.body, { attributes: true, attributeOldValue: true, subtree: true, attributeFilter: ['data-state'] });
}

/**
 * Runs IN TAB A: records when a click reaches the paper's host (retargeted out of its shadow root).
 * @param {{ probe: string, id: string }} args
 */
function watchClicks({ probe, id }) {
  /** @type {number[]} */
  const clicks = [];
  /** @type {any} */ (window)[probe] = { clicks };
  window.addEventListener(
    'click',
    (event) => {
      const host = /** @type {Element} */ (event.target).closest?.('shelfmark-entry');
      if (host?.getAttribute('data-shelfmark-id') === id) clicks.push(performance.timeOrigin + performance.now());
    },
    true,
  );
}

/**
 * Runs IN TAB B: waits until the watcher has seen `count` changes.
 * @param {{ probe: string, count: number, timeout: number }} args
 */
function waitForChanges({ probe, count, timeout }) {
  const seen = /** @type {any} */ (window)[probe].seen;
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + timeout;
    const check = () => {
      if (seen.length >= count) resolve(seen[count - 1]);
      else if (Date.now() > deadline) reject(new Error(`tab B saw ${seen.length} state changes, expected ${count}`));
      // Tab B is in the background: its timers are throttled, but this only bounds the wait.
      else setTimeout(check, 5);
    };
    check();
  });
}

/**
 * Centre of the save button inside the host's closed shadow root, through CDP.
 * @param {import('playwright-core').CDPSession} cdp
 * @param {string} id
 */
async function saveButtonCentre(cdp, id) {
  const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
  /** @type {any} */
  let host;
  const visit = (/** @type {any} */ node) => {
    if (host) return;
    if (node.localName === 'shelfmark-entry') {
      const attrs = node.attributes ?? [];
      for (let i = 0; i < attrs.length; i += 2) if (attrs[i] === 'data-shelfmark-id' && attrs[i + 1] === id) host = node;
    }
    for (const child of [...(node.children ?? []), ...(node.shadowRoots ?? [])]) visit(child);
  };
  visit(root);
  const shadow = host?.shadowRoots?.[0];
  if (!shadow) throw new Error(`no shadow root on the host of ${id} in tab A`);
  const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: shadow.nodeId, selector: 'button[data-action="save"]' });
  if (!nodeId) throw new Error(`no save button in the host of ${id}`);
  const { model } = await cdp.send('DOM.getBoxModel', { nodeId });
  const [x1, y1, , , x3, y3] = model.border;
  return { x: (x1 + x3) / 2, y: (y1 + y3) / 2 };
}

/**
 * @param {import('./browser-session.mjs').BenchContext} ctx
 * @returns {Promise<import('./report.mjs').BenchResult[]>}
 */
export async function sync(ctx) {
  const session = await launchBenchBrowser(ctx);
  try {
    const fixtures = /** @type {import('../test/e2e/harness/fixtures.mjs').FixtureServer} */ (session.fixtures);
    const listing = fixtures.find('arxiv', (u) => /^\/list\/[^/]+\/new$/u.test(u.pathname));
    const paperPage = fixtures.find('huggingface', (u) => /^\/papers\/\d{4}\.\d{4,5}$/u.test(u.pathname));
    if (!listing || !paperPage) throw new Error('needs an arXiv /list/<cat>/new fixture and a Hugging Face /papers/<arxiv id> fixture');

    const A = await session.openPage(listing.url);
    await A.locator(READY).waitFor({ state: 'attached', timeout: 30_000 });
    const id = await A.evaluate(() =>
      Array.from(document.querySelectorAll('shelfmark-entry'), (h) => h.getAttribute('data-shelfmark-id')).find((i) => /^arxiv:\d{4}\.\d{4,5}$/u.test(i ?? '')),
    );
    if (!id) throw new Error(`no new-style arXiv entry annotated on ${listing.url}`);

    const arxivId = id.slice('arxiv:'.length);
    const templateId = new URL(paperPage.url).pathname.slice('/papers/'.length);
    const html = (await readFile(paperPage.file, 'utf8')).replaceAll(templateId, arxivId);
    const bUrl = `https://huggingface.co/papers/${arxivId}`;
    // Registered after the harness's catch-all, so it answers first.
    await session.context.route(bUrl, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
    const B = await session.openPage(bUrl);
    await B.locator(READY).waitFor({ state: 'attached', timeout: 30_000 });
    const bHosts = await B.locator(`shelfmark-entry[data-shelfmark-id="${id}"]`).count();
    if (bHosts === 0) throw new Error(`tab B (${bUrl}) has no host for ${id}`);

    await B.evaluate(watchState, { probe: PROBE, id });
    await A.evaluate(watchClicks, { probe: PROBE, id });
    await A.bringToFront(); // background tabs are throttled (G7); B stays behind, as a user's would
    const cdp = await session.context.newCDPSession(A);
    const aHost = A.locator(`shelfmark-entry[data-shelfmark-id="${id}"]`).first();

    let changes = 0;
    /** One toggle in A; its latency to B, in ms. */
    const toggle = async () => {
      const before = await aHost.getAttribute('data-state');
      const expected = before === 'saved' ? 'unsaved' : 'saved';
      const { x, y } = await saveButtonCentre(cdp, id);
      await A.mouse.click(x, y);
      changes += 1;
      const seen = await B.evaluate(waitForChanges, { probe: PROBE, count: changes, timeout: WAIT_MS });
      if (seen.state !== expected) throw new Error(`tab B shows "${seen.state}", expected "${expected}"`);
      // The next click must find A settled (a toggle in flight ignores clicks).
      await A.locator(`shelfmark-entry[data-shelfmark-id="${id}"][data-state="${expected}"]`).first().waitFor({ state: 'attached', timeout: WAIT_MS });
      const clicks = await A.evaluate((probe) => /** @type {any} */ (window)[probe].clicks, PROBE);
      if (clicks.length !== changes) throw new Error(`tab A registered ${clicks.length} clicks on the host, expected ${changes}`);
      return seen.at - clicks[changes - 1];
    };

    for (let i = 0; i < WARMUP; i++) await toggle();
    const warm = [];
    for (let i = 0; i < CHANGES; i++) warm.push(await toggle());

    const cold = [];
    for (let i = 0; i < RESTARTS; i++) {
      // A global set now is gone only if the worker really stopped and started again.
      await session.serviceWorker.evaluate(() => {
        /** @type {any} */ (globalThis).__shelfmarkBenchAlive = true;
      });
      await session.stopServiceWorker();
      // stopAllWorkers returns before the worker is gone; give it time to be really stopped.
      await A.waitForTimeout(500);
      cold.push(await toggle());
      const survived = await session.serviceWorker.evaluate(() => /** @type {any} */ (globalThis).__shelfmarkBenchAlive === true);
      if (survived) throw new Error('the service worker was not restarted by ServiceWorker.stopAllWorkers');
    }
    await cdp.detach();

    return [
      { name: 'sync-p50', value: percentile(warm, 50), unit: 'ms', budget: 50, detail: `save/unsave in A → B's data-state, ${CHANGES} changes (${spread(warm)})` },
      { name: 'sync-p95', value: percentile(warm, 95), unit: 'ms', budget: 50, detail: `same ${CHANGES} changes` },
      {
        name: 'sync-after-sw-restart',
        value: median(cold),
        unit: 'ms',
        budget: 150,
        detail: `first change after ServiceWorker.stopAllWorkers, median of ${RESTARTS} (${spread(cold)})`,
      },
    ];
  } finally {
    await closeBenchBrowser(ctx, session);
  }
}
