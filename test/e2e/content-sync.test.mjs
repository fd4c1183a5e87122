// Saving and tagging on the page, synced across tabs and sites, in both browsers: trusted clicks
// and keys in one tab, the saved state (data-state mirror) and the tag chips (read inside the
// closed shadow roots from the content script's world) in the others, the record in IndexedDB.
import assert from 'node:assert/strict';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { forEachBrowser } from './driver/index.mjs';
import { ROOT, TMP } from './harness/env.mjs';
import {
  ARXIV_NEW,
  ARXIV_RECENT,
  HF_DAILY,
  SAVE_TOGGLE,
  annotated,
  chipsOf,
  eventually,
  hostSelector,
  readStoredPaper,
  statesOf,
  waitForState,
} from './driver/shelfmark.mjs';

/** First paper of the arXiv /new fixture; the derived HF daily page lists it too. */
const SHARED_ID = 'arxiv:2609.10001';
const HF_ID_REPLACED = '2609.40001';
/** The paper listed twice on arXiv /new. */
const TWICE_ID = 'arxiv:2609.10101';

/**
 * The committed fixtures, plus the same paper on both sites: the Hugging Face daily page with
 * its first paper's arXiv id swapped for the first paper of the arXiv /new listing.
 * @param {string} browser
 */
function crossSiteFixtures(browser) {
  const dir = path.join(TMP, `content-fixtures-${browser}-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  cpSync(path.join(ROOT, 'test', 'fixtures'), dir, { recursive: true });
  const daily = path.join(dir, 'huggingface', 'daily.html');
  const html = readFileSync(daily, 'utf8');
  if (!html.includes(HF_ID_REPLACED)) throw new Error(`huggingface/daily.html no longer lists ${HF_ID_REPLACED}`);
  writeFileSync(daily, html.replaceAll(HF_ID_REPLACED, SHARED_ID.slice('arxiv:'.length)));
  return dir;
}

/**
 * IN AN EXTENSION PAGE: writes a record straight into IndexedDB, bypassing the background's
 * handlers, so no tab hears of it (what a lost broadcast looks like to a tab).
 * @param {Record<string, unknown>} record
 */
function writeStoredPaperSilently(record) {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('shelfmark');
    open.onerror = () => reject(String(open.error));
    open.onsuccess = () => {
      const tx = open.result.transaction('papers', 'readwrite');
      tx.objectStore('papers').put(record);
      tx.oncomplete = () => {
        open.result.close();
        resolve(true);
      };
      tx.onerror = () => reject(String(tx.error));
    };
  });
}

/**
 * A complete stored record (src/shared/records.ts SavedPaper) for a made-up paper.
 * @param {string} id
 * @param {string[]} tags
 */
function storedRecord(id, tags) {
  const now = Date.now();
  return {
    id,
    aliases: [id],
    title: 'Invented record written behind the background’s back',
    authors: ['Ada Example'],
    source: { site: 'arxiv', pageKind: 'listing', url: ARXIV_RECENT },
    tags,
    tagKeys: tags.map((t) => t.toLowerCase()),
    status: 'unread',
    note: '',
    savedAt: now,
    updatedAt: now,
  };
}

const fixtureDirs = new Map(['chromium', 'firefox'].map((browser) => [browser, crossSiteFixtures(browser)]));
after(() => {
  for (const dir of fixtureDirs.values()) rmSync(dir, { recursive: true, force: true });
});

forEachBrowser('content script sync', { timeout: 240_000, launch: (browser) => ({ fixturesDir: fixtureDirs.get(browser) }) }, (suite) => {
  /** @param {string} id */
  const stored = (id) => suite.driver.inExtension(readStoredPaper, id);

  it('saves and tags in an arXiv tab; an open Hugging Face tab shows it live, then after a restart', async () => {
    const { driver } = suite;
    const hf = await driver.openPage(HF_DAILY);
    await annotated(hf);
    assert.deepEqual(await hf.evaluate(statesOf, SHARED_ID), ['unsaved']);

    const arxiv = await driver.openPage(ARXIV_NEW);
    await annotated(arxiv);
    await arxiv.click(hostSelector(SHARED_ID), { position: SAVE_TOGGLE });
    await waitForState(arxiv, SHARED_ID, 'saved');

    // The click focused the toggle, which makes its entry the current one: t opens its editor.
    await arxiv.press('t');
    await arxiv.type('made-up reading');
    await arxiv.press('Enter');
    await arxiv.type('Ünïcode tag');
    await arxiv.press('Enter');
    await arxiv.press('Escape');

    const expected = ['made-up reading', 'Ünïcode tag'];
    await waitForState(hf, SHARED_ID, 'saved');
    await eventually(async () => JSON.stringify(await hf.inContentScript(chipsOf, SHARED_ID)) === JSON.stringify([expected]), 'the tags in the HF tab');
    assert.deepEqual((await stored(SHARED_ID))?.tags, expected);

    // The page's light DOM carries no tag text.
    assert.equal(await hf.evaluate(() => document.body.textContent?.includes('made-up reading')), false);

    // Same profile, new browser: still saved, still tagged.
    await driver.restart();
    const again = await driver.openPage(HF_DAILY);
    await annotated(again);
    assert.deepEqual(await again.evaluate(statesOf, SHARED_ID), ['saved']);
    assert.deepEqual(await again.inContentScript(chipsOf, SHARED_ID), [expected]);
    await again.close();
  });

  it('ignores synthetic clicks and keys from page scripts', async () => {
    const page = await suite.driver.openPage(ARXIV_RECENT);
    await annotated(page);
    const ids = await page.evaluate(() => Array.from(document.querySelectorAll('shelfmark-entry'), (h) => h.getAttribute('data-shelfmark-id')));
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
    for (const id of new Set(ids)) assert.equal(await stored(/** @type {string} */ (id)), null);
    await page.close();
  });

  it('syncs a save to another tab showing the paper twice (in Chromium after the service worker was stopped)', async () => {
    const { driver } = suite;
    const a = await driver.openPage(ARXIV_NEW);
    const b = await driver.openPage(ARXIV_NEW);
    await Promise.all([annotated(a), annotated(b)]);
    assert.deepEqual(await b.evaluate(statesOf, TWICE_ID), ['unsaved', 'unsaved']);

    // Firefox's event page cannot be stopped from a test; Chromium's worker can, and must wake.
    if (driver.can.stopBackground) await driver.stopBackground();
    await a.bringToFront();
    await a.click(hostSelector(TWICE_ID), { position: SAVE_TOGGLE });
    await waitForState(b, TWICE_ID, 'saved');
    await waitForState(a, TWICE_ID, 'saved');
    assert.deepEqual(await a.evaluate(statesOf, TWICE_ID), ['saved', 'saved']);
    await a.close();
    await b.close();
  });

  it('a tab that missed changes (broadcast lost) catches up when shown again', async () => {
    const { driver } = suite;
    const page = await driver.openPage(ARXIV_RECENT);
    await annotated(page);
    const id = await page.evaluate(() => document.querySelector('shelfmark-entry')?.getAttribute('data-shelfmark-id'));
    assert.ok(id);
    // Written behind the background's back: no broadcast ever reaches the tab. In Chromium the
    // tab is frozen meanwhile, as the browser freezes background tabs.
    const cdp = suite.browser === 'chromium' ? await page.raw.context().newCDPSession(page.raw) : undefined;
    await cdp?.send('Page.setWebLifecycleState', { state: 'frozen' });
    await driver.inExtension(writeStoredPaperSilently, storedRecord(id, ['caught up']));
    await cdp?.send('Page.setWebLifecycleState', { state: 'active' });
    await cdp?.detach();
    await sleep(200);
    assert.deepEqual(await page.evaluate(statesOf, id), ['unsaved']);
    // What the browser fires when the tab is shown again (headless tabs never leave "visible").
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
    await waitForState(page, id, 'saved');
    assert.deepEqual(await page.inContentScript(chipsOf, id), [['caught up']]);
    await page.close();
  });

  it('4 tabs × 25 tag changes at once: the database holds all, no tab is stale', async () => {
    const { driver } = suite;
    const tabs = [];
    for (let i = 0; i < 4; i++) tabs.push(await driver.openPage(ARXIV_NEW));
    await Promise.all(tabs.map((tab) => annotated(tab)));
    // The paper listed twice on /new: both copies in every tab must end up right.
    const id = TWICE_ID;
    const first = /** @type {import('./driver/index.mjs').Tab} */ (tabs[0]);
    // Saved once (an earlier test may have done it): the toggle is not idempotent, and a click in
    // a tab that has just heard of the save would unsave.
    const clickedFirst = (await first.evaluate(statesOf, id)).includes('unsaved');
    if (clickedFirst) {
      await first.bringToFront();
      await first.click(hostSelector(id), { position: SAVE_TOGGLE });
    }
    await Promise.all(tabs.map((tab) => waitForState(tab, id, 'saved')));
    // In the other tabs (all of them if none was clicked), make the paper's first copy the current entry with `j` (the first press picks
    // the top entry, each further one the next), which focuses its save toggle.
    const position = await first.evaluate(
      (paperId) => [...document.querySelectorAll('shelfmark-entry')].findIndex((h) => h.getAttribute('data-shelfmark-id') === paperId),
      id,
    );
    assert.ok(position >= 0);

    await Promise.all(
      tabs.map(async (tab, t) => {
        if (t > 0 || !clickedFirst) for (let n = 0; n <= position; n++) await tab.press('j');
        // Open this copy's tag editor with the keyboard (focus is on its save toggle now).
        await tab.press('t');
        for (let n = 0; n < 25; n++) {
          // One trusted input event per tag (typing key by key would ask for suggestions 15 times).
          await tab.insertText(`tab${t}-change${String(n).padStart(2, '0')}`);
          await tab.press('Enter');
        }
      }),
    );

    /** @type {{ tags: string[] } | null} */
    let record = null;
    await eventually(async () => {
      record = await stored(id);
      return record?.tags?.length === 100;
    }, '100 tags stored', 20_000);
    const tags = /** @type {{ tags: string[] }} */ (/** @type {unknown} */ (record)).tags;
    for (let t = 0; t < 4; t++) for (let n = 0; n < 25; n++) assert.ok(tags.includes(`tab${t}-change${String(n).padStart(2, '0')}`));
    for (const tab of tabs) {
      await eventually(async () => JSON.stringify(await tab.inContentScript(chipsOf, id)) === JSON.stringify([tags, tags]), 'every tab’s chips');
      assert.deepEqual(await tab.evaluate(statesOf, id), ['saved', 'saved']);
    }
    for (const tab of tabs) await tab.close();
  });
});
