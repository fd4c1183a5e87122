// Saving and tagging on the page, synced across tabs and sites, in Chromium. One browser per
// describe: launches cost seconds on this machine.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { launchChromium } from './harness/chromium.mjs';
import {
  ARXIV_NEW,
  ARXIV_RECENT,
  HF_DAILY,
  SAVE_TOGGLE,
  SHARED_ID,
  allInState,
  chipsOf,
  crossSiteFixtures,
  readStoredPaper,
  removeFixtures,
  statesOf,
  storedRecord,
  writeStoredPaperSilently,
} from './content-kit.mjs';

/** @param {import('playwright-core').Page} page */
const ready = (page) => page.locator('html[data-shelfmark="ready"]').waitFor({ state: 'attached', timeout: 15_000 });

/**
 * @param {import('playwright-core').Page} page
 * @param {string} id
 * @param {string} state
 */
const waitForState = (page, id, state) => page.waitForFunction(allInState, { id, state }, { timeout: 10_000 });

describe('Chromium: content script sync', { timeout: 180_000 }, () => {
  /** @type {import('./harness/chromium.mjs').ChromiumSession} */
  let session;
  /** @type {string} */
  let fixturesDir;
  /** @type {string[]} profiles to remove: a relaunch on a kept profile does not remove it */
  const profiles = [];

  before(async () => {
    fixturesDir = crossSiteFixtures();
    session = await launchChromium({ fixturesDir });
  });
  after(async () => {
    await session?.close();
    for (const dir of profiles) rmSync(dir, { recursive: true, force: true });
    removeFixtures(fixturesDir);
  });

  it('saves and tags in an arXiv tab; an open Hugging Face tab shows it live, then after a restart', async () => {
    const hf = await session.openPage(HF_DAILY);
    await ready(hf);
    assert.deepEqual(await hf.evaluate(statesOf, SHARED_ID), ['unsaved']);

    const arxiv = await session.openPage(ARXIV_NEW);
    await ready(arxiv);
    await arxiv.locator(`shelfmark-entry[data-shelfmark-id="${SHARED_ID}"]`).click({ position: SAVE_TOGGLE });
    await waitForState(arxiv, SHARED_ID, 'saved');

    // The click focused the toggle, which makes its entry the current one: t opens its editor.
    await arxiv.keyboard.press('t');
    await arxiv.keyboard.type('made-up reading');
    await arxiv.keyboard.press('Enter');
    await arxiv.keyboard.type('Ünïcode tag');
    await arxiv.keyboard.press('Enter');
    await arxiv.keyboard.press('Escape');

    const expected = ['made-up reading', 'Ünïcode tag'];
    await waitForState(hf, SHARED_ID, 'saved');
    await pollUntil(async () => deepEqual(await chipsOf(session.context, hf, SHARED_ID), [expected]));
    const stored = await session.serviceWorker.evaluate(readStoredPaper, SHARED_ID);
    assert.deepEqual(stored?.tags, expected);

    // The page's light DOM carries no tag text.
    assert.equal(await hf.evaluate(() => document.body.textContent?.includes('made-up reading')), false);

    // Same profile, new browser: still saved, still tagged.
    const userDataDir = session.userDataDir;
    profiles.push(userDataDir);
    await session.context.close();
    session = await launchChromium({ fixturesDir, userDataDir });
    const again = await session.openPage(HF_DAILY);
    await ready(again);
    assert.deepEqual(await again.evaluate(statesOf, SHARED_ID), ['saved']);
    assert.deepEqual(await chipsOf(session.context, again, SHARED_ID), [expected]);
  });

  it('ignores synthetic clicks and keys from page scripts', async () => {
    const page = await session.openPage(ARXIV_RECENT);
    await ready(page);
    const ids = await page.evaluate(() =>
      Array.from(document.querySelectorAll('shelfmark-entry'), (h) => h.getAttribute('data-shelfmark-id')),
    );
    await page.evaluate(() => {
      for (const host of document.querySelectorAll('shelfmark-entry')) {
        const box = host.getBoundingClientRect();
        const init = { bubbles: true, composed: true, clientX: box.left + 10, clientY: box.top + 10 };
        host.dispatchEvent(new PointerEvent('pointerdown', init));
        host.dispatchEvent(new MouseEvent('mousedown', init));
        host.dispatchEvent(new MouseEvent('click', init));
        /** @type {HTMLElement} */ (host).click();
      }
      for (const key of ['j', 's', 'j', 's', 't']) document.body.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
    });
    await sleep(500);
    const states = await page.evaluate(() => Array.from(document.querySelectorAll('shelfmark-entry'), (h) => h.getAttribute('data-state')));
    assert.ok(states.length > 0);
    assert.ok(states.every((s) => s === 'unsaved'), `states after synthetic events: ${states}`);
    for (const id of new Set(ids)) assert.equal(await session.serviceWorker.evaluate(readStoredPaper, id), null);
    await page.close();
  });

  it('keeps syncing after the service worker is stopped', async () => {
    const a = await session.openPage(ARXIV_NEW);
    const b = await session.openPage(ARXIV_NEW);
    await Promise.all([ready(a), ready(b)]);
    const id = await a.evaluate(() => document.querySelectorAll('shelfmark-entry')[2]?.getAttribute('data-shelfmark-id'));
    assert.ok(id);
    assert.deepEqual(await b.evaluate(statesOf, id), ['unsaved']);

    await session.stopServiceWorker();
    await a.bringToFront();
    await a.locator(`shelfmark-entry[data-shelfmark-id="${id}"]`).first().click({ position: SAVE_TOGGLE });
    await waitForState(b, id, 'saved');
    await waitForState(a, id, 'saved');
    await a.close();
    await b.close();
  });

  it('a tab that missed changes (frozen, broadcast lost) catches up when shown again', async () => {
    const page = await session.openPage(ARXIV_RECENT);
    await ready(page);
    const id = await page.evaluate(() => document.querySelector('shelfmark-entry')?.getAttribute('data-shelfmark-id'));
    assert.ok(id);
    const cdp = await session.context.newCDPSession(page);
    await cdp.send('Page.setWebLifecycleState', { state: 'frozen' });
    // Written behind the background's back: no broadcast ever reaches the tab.
    await session.serviceWorker.evaluate(writeStoredPaperSilently, storedRecord(id, ['caught up']));
    await cdp.send('Page.setWebLifecycleState', { state: 'active' });
    await cdp.detach();
    await sleep(200);
    assert.deepEqual(await page.evaluate(statesOf, id), ['unsaved']);
    // What the browser fires when the tab is shown again (headless tabs never leave "visible").
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
    await waitForState(page, id, 'saved');
    assert.deepEqual(await chipsOf(session.context, page, id), [['caught up']]);
    await page.close();
  });

  it('4 tabs × 25 tag changes at once: the database holds all, no tab is stale', async () => {
    const tabs = [];
    for (let i = 0; i < 4; i++) tabs.push(await session.openPage(ARXIV_NEW));
    await Promise.all(tabs.map(ready));
    // The paper listed twice on /new: both copies in every tab must end up right.
    const id = 'arxiv:2609.10101';
    assert.deepEqual(await tabs[0].evaluate(statesOf, id), ['unsaved', 'unsaved']);

    // Save once, in tab 0: the toggle is not idempotent, and a click in a tab that has just heard
    // of the save would unsave. Every tab then shows it saved.
    await tabs[0].bringToFront();
    await tabs[0].locator(`shelfmark-entry[data-shelfmark-id="${id}"]`).first().click({ position: SAVE_TOGGLE, force: true });
    await Promise.all(tabs.map((tab) => waitForState(tab, id, 'saved')));
    // In the other tabs, make the paper's first copy the current entry with `j` (the first press
    // picks the top entry, each further one the next), which focuses its save toggle.
    const position = await tabs[0].evaluate(
      (paperId) => [...document.querySelectorAll('shelfmark-entry')].findIndex((h) => h.getAttribute('data-shelfmark-id') === paperId),
      id,
    );
    assert.ok(position >= 0);

    await Promise.all(
      tabs.map(async (tab, t) => {
        if (t > 0) for (let n = 0; n <= position; n++) await tab.keyboard.press('j');
        // Open this copy's tag editor with the keyboard (focus is on its save toggle now).
        await tab.keyboard.press('t');
        for (let n = 0; n < 25; n++) {
          // One trusted input event per tag (typing key by key would ask for suggestions 15 times).
          await tab.keyboard.insertText(`tab${t}-change${String(n).padStart(2, '0')}`);
          await tab.keyboard.press('Enter');
        }
      }),
    );

    const expectedCount = 100;
    let stored;
    await pollUntil(async () => {
      stored = await session.serviceWorker.evaluate(readStoredPaper, id);
      return stored?.tags?.length === expectedCount;
    });
    const tags = /** @type {{ tags: string[] }} */ (stored).tags;
    for (let t = 0; t < 4; t++) for (let n = 0; n < 25; n++) assert.ok(tags.includes(`tab${t}-change${String(n).padStart(2, '0')}`));
    for (const tab of tabs) {
      await pollUntil(async () => deepEqual(await chipsOf(session.context, tab, id), [tags, tags]));
      assert.deepEqual(await tab.evaluate(statesOf, id), ['saved', 'saved']);
    }
    for (const tab of tabs) await tab.close();
  });
});

/** @param {unknown} a @param {unknown} b */
function deepEqual(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * @param {() => Promise<boolean>} check
 * @param {number} [timeoutMs]
 */
async function pollUntil(check, timeoutMs = 10_000) {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(50);
  }
}
