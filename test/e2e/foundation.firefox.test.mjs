// The extension loads and runs in Firefox ESR (puppeteer over WebDriver BiDi): install,
// background, content script (on matching pages only) and popup. One browser for the whole file.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  GET_STATES_NOTHING,
  annotationProblems,
  isAnnotated,
  popupRendered,
  readAnnotations,
} from './harness/contract.mjs';
import { NON_MATCHING_URL, POPUP_LAUNCHER_URL } from './harness/fixtures.mjs';
import { launchFirefox } from './harness/firefox.mjs';

describe('Firefox: foundation', { timeout: 120_000 }, () => {
  /** @type {import('./harness/firefox.mjs').FirefoxSession} */
  let session;

  before(async () => {
    // installExtension throws on a manifest Firefox rejects, so a launch is the load check.
    session = await launchFirefox();
  });
  after(async () => {
    await session?.close();
  });

  it('runs the background page of the installed add-on', async () => {
    const page = await session.openPopup();
    try {
      const background = await page.evaluate(async () => {
        const bg = await browser.runtime.getBackgroundPage();
        return { url: bg.location.href, scripts: Array.from(bg.document.scripts, (s) => s.src) };
      });
      assert.equal(background.url, `${session.baseUrl}_generated_background_page.html`);
      assert.deepEqual(background.scripts, [`${session.baseUrl}background.js`]);
    } finally {
      await page.close();
    }
  });

  it('answers messages from the background', async () => {
    const page = await session.openPopup();
    try {
      const answer = await page.evaluate((message) => browser.runtime.sendMessage(message), GET_STATES_NOTHING);
      assert.deepEqual(answer, { ok: true, value: { states: {} } });
    } finally {
      await page.close();
    }
  });

  for (const site of ['arxiv', 'huggingface']) {
    it(`annotates the ${site} demo page (content script contract)`, async () => {
      const demo = session.fixtures?.demoPages().find((p) => p.site === site);
      assert.ok(demo, `no ${site} demo page in test/fixtures/${site}/pages.json`);
      const page = await session.openPage(demo.url);
      try {
        await page.waitForFunction(isAnnotated, { timeout: 15_000 }).catch(async () => {
          const seen = await page.evaluate(readAnnotations);
          assert.fail(`${demo.url} was not annotated: ${annotationProblems(seen).join('; ')}`);
        });
        const seen = await page.evaluate(readAnnotations);
        assert.deepEqual(annotationProblems(seen), []);
        assert.ok(seen.hosts.length > 0, `${demo.url}: no <shelfmark-entry> hosts`);
      } finally {
        await page.close();
      }
    });
  }

  it('does not run the content script where the manifest does not match, even on a listing DOM', async () => {
    const fixtures = /** @type {import('./harness/fixtures.mjs').FixtureServer} */ (session.fixtures);
    const demo = fixtures.demoPages()[0];
    assert.ok(demo, 'no demo page in the fixtures');
    // Positive control in the same browser: the same DOM at its real URL does get annotated.
    const control = await session.openPage(demo.url);
    await control.waitForFunction(isAnnotated, { timeout: 15_000 });
    await control.close();

    const lookalike = `${NON_MATCHING_URL}list/cs.LG/new`;
    fixtures.alias(lookalike, demo.url);
    const pages = [];
    for (const url of [lookalike, NON_MATCHING_URL, POPUP_LAUNCHER_URL]) pages.push(await session.openPage(url));
    // Content scripts run at document_end; give a wrongly injected one time to show itself.
    await sleep(1_000);
    for (const page of pages) {
      const seen = await page.evaluate(readAnnotations);
      assert.equal(seen.ready, null, page.url());
      assert.deepEqual(seen.hosts, [], page.url());
      await page.close();
    }
  });

  it('opens and renders the popup (popup contract)', async () => {
    const page = await session.openPopup();
    try {
      await page.waitForFunction(popupRendered, { timeout: 10_000 }).catch(async () => {
        const html = await page.$eval('#app', (app) => app.innerHTML);
        assert.fail(`the popup did not render a "Shelfmark" heading or main in #app; #app is: ${html.slice(0, 300)}`);
      });
    } finally {
      await page.close();
    }
  });
});
