// Every fixture page at its real URL in Chromium: one host per entry, on every page kind.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launchChromium } from './harness/chromium.mjs';
import { LONG_LISTING_URL, hostProblems, longListingProblems, pageExpectations, readHosts, scrollThroughLongListing } from './pages-kit.mjs';

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

  it('the 2,000-entry listing: no layout shift while annotating; far entries drawn as they are scrolled to', async () => {
    const page = await session.openPage(LONG_LISTING_URL);
    try {
      await page.locator('html[data-shelfmark="ready"]').waitFor({ state: 'attached', timeout: 30_000 });
      // Every layout shift since the page began (buffered), as Chromium reports them for CLS.
      const shifts = await page.evaluate(
        () =>
          new Promise((resolve) => {
            new PerformanceObserver((list, observer) => {
              observer.disconnect();
              resolve(list.getEntries().map((entry) => /** @type {any} */ (entry).value));
            }).observe({ type: 'layout-shift', buffered: true });
            setTimeout(() => resolve([]), 500);
          }),
      );
      assert.deepEqual(shifts, []);
      assert.deepEqual(longListingProblems(await page.evaluate(scrollThroughLongListing)), []);
    } finally {
      await page.close();
    }
  });
});
