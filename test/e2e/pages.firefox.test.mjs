// Every fixture page at its real URL in Firefox: one host per entry, on every page kind.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launchFirefox } from './harness/firefox.mjs';
import { LONG_LISTING_URL, hostProblems, longListingProblems, pageExpectations, readHosts, scrollThroughLongListing } from './pages-kit.mjs';

describe('Firefox: every fixture page', { timeout: 300_000 }, () => {
  /** @type {import('./harness/firefox.mjs').FirefoxSession} */
  let session;
  before(async () => {
    session = await launchFirefox();
  });
  after(async () => {
    await session?.close();
  });

  for (const expected of pageExpectations()) {
    it(`${expected.url}: ${expected.ids.length} entries, one host each`, async () => {
      const page = await session.openPage(expected.url);
      try {
        await page.waitForFunction(() => document.documentElement.getAttribute('data-shelfmark') === 'ready', {
          timeout: 30_000,
        });
        assert.deepEqual(hostProblems(expected, await page.evaluate(readHosts)), []);
      } finally {
        await page.close();
      }
    });
  }

  it('the 2,000-entry listing: far entries drawn as they are scrolled to, nothing moved', async () => {
    const page = await session.openPage(LONG_LISTING_URL);
    try {
      await page.waitForFunction(() => document.documentElement.getAttribute('data-shelfmark') === 'ready', { timeout: 30_000 });
      assert.deepEqual(longListingProblems(await page.evaluate(scrollThroughLongListing)), []);
    } finally {
      await page.close();
    }
  });
});
