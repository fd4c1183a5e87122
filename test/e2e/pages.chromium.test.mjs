// Every fixture page at its real URL in Chromium: one host per entry, on every page kind.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launchChromium } from './harness/chromium.mjs';
import { hostProblems, pageExpectations, readHosts } from './pages-kit.mjs';

describe('Chromium: every fixture page', { timeout: 240_000 }, () => {
  /** @type {import('./harness/chromium.mjs').ChromiumSession} */
  let session;
  before(async () => {
    session = await launchChromium();
  });
  after(async () => {
    await session?.close();
  });

  for (const expected of pageExpectations()) {
    it(`${expected.url}: ${expected.ids.length} entries, one host each`, async () => {
      const page = await session.openPage(expected.url);
      try {
        await page.locator('html[data-shelfmark="ready"]').waitFor({ state: 'attached', timeout: 30_000 });
        assert.deepEqual(hostProblems(expected, await page.evaluate(readHosts)), []);
      } finally {
        await page.close();
      }
    });
  }
});
