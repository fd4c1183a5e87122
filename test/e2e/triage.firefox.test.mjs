// Triage (seen history, issue 11) in Firefox ESR: the scenario of triage-kit.mjs. Closed shadow
// roots cannot be pierced over WebDriver BiDi: the marks are read from the test build's mirror.
import { after, before, describe, it } from 'node:test';
import { launchFirefox } from './harness/firefox.mjs';
import { removeFixtures } from './triage-fixtures.mjs';
import { bulkSaveAndVersionBadge, seenOnOneListingThenAnother, triageFixtures } from './triage-kit.mjs';

describe('Firefox: triage', { timeout: 180_000 }, () => {
  /** @type {import('./harness/firefox.mjs').FirefoxSession} */
  let session;
  /** @type {string} */
  let fixturesDir;
  before(async () => {
    fixturesDir = triageFixtures();
    session = await launchFirefox({ fixturesDir });
  });
  after(async () => {
    await session?.close();
    removeFixtures(fixturesDir);
  });

  it('seen on one listing, marked seen on another; new only for entries added since; history cleared', async () => {
    await seenOnOneListingThenAnother(
      {
        openPage: (url) => session.openPage(url),
        openPopup: () => session.openPopup(),
        ready: async (page) => {
          await page.waitForFunction(() => document.documentElement.getAttribute('data-shelfmark') === 'ready', { timeout: 15_000 });
        },
      },
      fixturesDir,
    );
  });

  it('bulk save of 50 selected entries is one undoable step; a replaced entry shows its newer-version badge', async () => {
    await bulkSaveAndVersionBadge(
      {
        openPage: (url) => session.openPage(url),
        openPopup: () => session.openPopup(),
        ready: async (page) => {
          await page.waitForFunction(() => document.documentElement.getAttribute('data-shelfmark') === 'ready', { timeout: 15_000 });
        },
        press: (page, key) => page.keyboard.press(key),
      },
    );
  });
});
