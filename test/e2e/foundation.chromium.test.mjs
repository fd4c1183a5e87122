// The extension loads and runs in Debian Chromium: manifest, service worker, content script
// (on matching pages only) and popup. One browser for the whole file, with the user build
// (dist/chrome), not the test build the other suites load.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launchChromium } from './harness/chromium.mjs';
import { distDir } from './harness/env.mjs';
import { SAVE_TOGGLE, readStoredPaper } from './content-kit.mjs';
import {
  GET_STATES_NOTHING,
  annotationProblems,
  isAnnotated,
  popupRendered,
  readAnnotations,
} from './harness/contract.mjs';
import { NON_MATCHING_URL, POPUP_LAUNCHER_URL } from './harness/fixtures.mjs';

describe('Chromium: foundation', { timeout: 120_000 }, () => {
  /** @type {import('./harness/chromium.mjs').ChromiumSession} */
  let session;

  before(async () => {
    session = await launchChromium({ extensionDir: distDir('chrome') });
  });
  after(async () => {
    await session?.close();
  });

  it('loads the extension with no manifest errors or install warnings', async () => {
    const info = await session.extensionInfo();
    assert.equal(info.name, 'Shelfmark');
    assert.equal(info.state, 'ENABLED');
    assert.deepEqual(info.manifestErrors, []);
    assert.deepEqual(info.installWarnings, []);
  });

  it('runs the service worker from the built manifest', async () => {
    assert.match(session.serviceWorker.url(), /^chrome-extension:\/\/[a-p]{32}\/background\.js$/u);
    const manifest = await session.serviceWorker.evaluate(() => chrome.runtime.getManifest());
    assert.equal(manifest.manifest_version, 3);
    assert.equal(manifest.background?.service_worker, 'background.js');
  });

  it('serves the fixture pages at their real URLs and nothing else', async () => {
    const pages = session.fixtures?.pages ?? [];
    assert.ok(pages.length > 0, 'no fixture pages: expected test/fixtures/<site>/pages.json files');
    const page = await session.context.newPage();
    try {
      const response = await page.goto('https://arxiv.org/this-is-not-a-fixture');
      assert.equal(response?.status(), 404);
      const first = /** @type {import('./harness/fixtures.mjs').FixturePage} */ (pages[0]);
      const ok = await page.goto(first.url);
      assert.equal(ok?.status(), 200);
      assert.equal(new URL(page.url()).host, new URL(first.url).host);
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
        await page.waitForFunction(isAnnotated, undefined, { timeout: 15_000 }).catch(async () => {
          const seen = await page.evaluate(readAnnotations);
          assert.fail(`${demo.url} was not annotated: ${annotationProblems(seen).join('; ')}`);
        });
        const seen = await page.evaluate(readAnnotations);
        assert.deepEqual(annotationProblems(seen, { mirrorsState: false }), []);
        assert.ok(seen.hosts.length > 0, `${demo.url}: no <shelfmark-entry> hosts`);
        assert.equal(await session.contentScriptWorlds(page), 1);
      } finally {
        await page.close();
      }
    });
  }

  it('keeps saved state out of the light DOM: a saved entry looks exactly like an unsaved one', async () => {
    const demo = session.fixtures?.demoPages().find((p) => p.site === 'arxiv');
    assert.ok(demo);
    const page = await session.openPage(demo.url);
    try {
      await page.waitForFunction(isAnnotated, undefined, { timeout: 15_000 });
      const host = page.locator('shelfmark-entry').first();
      const id = await host.getAttribute('data-shelfmark-id');
      assert.ok(id);
      const lightDom = () => host.evaluate((h) => [h.outerHTML, h.previousElementSibling?.outerHTML, h.parentElement?.outerHTML]);
      const before = await lightDom();
      await page.bringToFront();
      await host.click({ position: SAVE_TOGGLE });
      const deadline = Date.now() + 10_000;
      while (!(await session.serviceWorker.evaluate(readStoredPaper, id))) {
        assert.ok(Date.now() < deadline, `${id} was not saved by a click on its toggle`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      assert.deepEqual(await lightDom(), before);
    } finally {
      await page.close();
    }
  });

  it('does not run the content script where the manifest does not match, even on a listing DOM', async () => {
    const fixtures = /** @type {import('./harness/fixtures.mjs').FixtureServer} */ (session.fixtures);
    const demo = fixtures.demoPages()[0];
    assert.ok(demo, 'no demo page in the fixtures');
    const lookalike = `${NON_MATCHING_URL}list/cs.LG/new`;
    fixtures.alias(lookalike, demo.url);
    for (const url of [lookalike, NON_MATCHING_URL, POPUP_LAUNCHER_URL]) {
      const page = await session.openPage(url);
      try {
        assert.equal(await session.contentScriptWorlds(page), 0, `a content script runs on ${url}`);
        const seen = await page.evaluate(readAnnotations);
        assert.equal(seen.ready, null, url);
        assert.deepEqual(seen.hosts, [], url);
      } finally {
        await page.close();
      }
    }
  });

  it('opens and renders the popup (popup contract)', async () => {
    const page = await session.openPopup();
    /** @type {Error[]} */
    const errors = [];
    page.on('pageerror', (error) => errors.push(error));
    try {
      await page.waitForFunction(popupRendered, undefined, { timeout: 10_000 }).catch(async () => {
        const html = await page.locator('#app').innerHTML();
        assert.fail(`the popup did not render a "Shelfmark" heading or main in #app; #app is: ${html.slice(0, 300)}`);
      });
      assert.deepEqual(errors, []);
    } finally {
      await page.close();
    }
  });

  it('answers messages from the background, also after the service worker is stopped', async () => {
    const page = await session.openPopup();
    try {
      const ask = () => page.evaluate((message) => chrome.runtime.sendMessage(message), GET_STATES_NOTHING);
      assert.deepEqual(await ask(), { ok: true, value: { states: {} } });
      await session.stopServiceWorker();
      assert.deepEqual(await ask(), { ok: true, value: { states: {} } });
    } finally {
      await page.close();
    }
  });

  it('has logged no runtime errors', async () => {
    const info = await session.extensionInfo();
    assert.deepEqual(info.runtimeErrors, []);
  });
});
