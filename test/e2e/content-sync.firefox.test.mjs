// Saving and tagging on the page, synced across tabs and sites, in Firefox ESR (puppeteer over
// WebDriver BiDi). Closed shadow roots cannot be pierced here, so the tags are checked in the
// database (through the background) and the state through the hosts' data-state mirror.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { launchFirefox } from './harness/firefox.mjs';
import { ARXIV_NEW, ARXIV_RECENT, HF_DAILY, SAVE_TOGGLE, SHARED_ID, allInState, crossSiteFixtures, removeFixtures, statesOf } from './content-kit.mjs';

/** @param {import('puppeteer-core').Page} page */
const ready = (page) =>
  page.waitForFunction(() => document.documentElement.getAttribute('data-shelfmark') === 'ready', { timeout: 15_000 });

/**
 * @param {import('puppeteer-core').Page} page
 * @param {string} id
 * @param {string} state
 */
const waitForState = (page, id, state) => page.waitForFunction(allInState, { timeout: 10_000 }, { id, state });

/**
 * A real (trusted) click on the save toggle of the first host showing `id`.
 * @param {import('puppeteer-core').Page} page
 * @param {string} id
 */
async function clickSave(page, id) {
  const host = await page.$(`shelfmark-entry[data-shelfmark-id="${id}"]`);
  assert.ok(host, `no host for ${id}`);
  await host.scrollIntoView();
  const box = await host.boundingBox();
  assert.ok(box);
  await page.mouse.click(box.x + SAVE_TOGGLE.x, box.y + SAVE_TOGGLE.y);
}

/**
 * The stored state of `id`, asked of the background from an extension page.
 * @param {import('./harness/firefox.mjs').FirefoxSession} session
 * @param {string} id
 */
async function storedState(session, id) {
  const popup = await session.openPopup();
  try {
    return await popup.evaluate(async (paperId) => {
      const answer = await browser.runtime.sendMessage({
        shelfmark: 1,
        type: 'getStates',
        payload: { papers: [{ id: paperId, aliases: [paperId] }] },
      });
      return answer?.value?.states?.[paperId] ?? null;
    }, id);
  } finally {
    await popup.close();
  }
}

describe('Firefox: content script sync', { timeout: 180_000 }, () => {
  /** @type {import('./harness/firefox.mjs').FirefoxSession} */
  let session;
  /** @type {string} */
  let fixturesDir;
  /** @type {string[]} */
  const profiles = [];

  before(async () => {
    fixturesDir = crossSiteFixtures();
    session = await launchFirefox({ fixturesDir });
  });
  after(async () => {
    await session?.close();
    for (const dir of profiles) rmSync(dir, { recursive: true, force: true });
    removeFixtures(fixturesDir);
  });

  it('saves and tags on arXiv; an open Hugging Face tab shows it saved, also after a restart', async () => {
    const hf = await session.openPage(HF_DAILY);
    await ready(hf);
    assert.deepEqual(await hf.evaluate(statesOf, SHARED_ID), ['unsaved']);

    const arxiv = await session.openPage(ARXIV_NEW);
    await ready(arxiv);
    await clickSave(arxiv, SHARED_ID);
    await waitForState(arxiv, SHARED_ID, 'saved');
    // The click focused the toggle, making its entry current: t opens its tag editor.
    await arxiv.keyboard.press('t');
    await arxiv.keyboard.type('made-up reading');
    await arxiv.keyboard.press('Enter');
    await sleep(300);
    await arxiv.keyboard.press('Escape');

    await waitForState(hf, SHARED_ID, 'saved');
    const state = await storedState(session, SHARED_ID);
    assert.equal(state?.saved, true);
    assert.deepEqual(state?.tags.map((/** @type {{ name: string }} */ t) => t.name), ['made-up reading']);
    assert.equal(await hf.evaluate(() => document.body.textContent?.includes('made-up reading')), false);

    const userDataDir = session.userDataDir;
    profiles.push(userDataDir);
    await session.browser.close();
    session = await launchFirefox({ fixturesDir, userDataDir });
    const again = await session.openPage(HF_DAILY);
    await ready(again);
    assert.deepEqual(await again.evaluate(statesOf, SHARED_ID), ['saved']);
  });

  it('ignores synthetic clicks and keys from page scripts', async () => {
    const page = await session.openPage(ARXIV_RECENT);
    await ready(page);
    await page.evaluate(() => {
      for (const host of document.querySelectorAll('shelfmark-entry')) {
        const box = host.getBoundingClientRect();
        host.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, clientX: box.left + 10, clientY: box.top + 10 }));
        /** @type {HTMLElement} */ (host).click();
      }
      for (const key of ['j', 's', 'j', 's']) document.body.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
    });
    await sleep(500);
    const states = await page.evaluate(() => Array.from(document.querySelectorAll('shelfmark-entry'), (h) => h.getAttribute('data-state')));
    assert.ok(states.length > 0);
    assert.ok(states.every((s) => s === 'unsaved'), `states after synthetic events: ${states}`);
    await page.close();
  });

  it('syncs a change to another tab showing the same paper twice', async () => {
    const a = await session.openPage(ARXIV_NEW);
    const b = await session.openPage(ARXIV_NEW);
    await Promise.all([ready(a), ready(b)]);
    const id = 'arxiv:2609.10101';
    assert.deepEqual(await b.evaluate(statesOf, id), ['unsaved', 'unsaved']);
    await a.bringToFront();
    await clickSave(a, id);
    await waitForState(b, id, 'saved');
    assert.deepEqual(await a.evaluate(statesOf, id), ['saved', 'saved']);
    await a.close();
    await b.close();
  });
});
