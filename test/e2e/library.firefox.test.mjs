// The library page in Firefox ESR (scenarios in library-kit.mjs, shared with Chromium).
import { after, before, describe, it } from 'node:test';
import { launchFirefox } from './harness/firefox.mjs';
import { POPUP_LAUNCHER_URL } from './harness/fixtures.mjs';
import { settingsScenario, tagsScenario } from './library-kit.mjs';

describe('Firefox: library page', { timeout: 180_000 }, () => {
  /** @type {import('./harness/firefox.mjs').FirefoxSession} */
  let session;
  /** @type {Parameters<typeof settingsScenario>[0]} */
  let driver;
  before(async () => {
    session = await launchFirefox();
    driver = {
      // BiDi refuses to navigate to moz-extension:// itself; a page may (library.html is
      // web-accessible in the test build, as popup.html is), and the document reports its URL.
      openLibrary: async (hash = '') => {
        const page = await session.openPage(POPUP_LAUNCHER_URL);
        const url = `${session.baseUrl}library.html${hash}`;
        await page.evaluate((u) => {
          location.href = u;
        }, url);
        await page.waitForFunction((u) => location.href === u && document.readyState === 'complete', { timeout: 10_000 }, url);
        return page;
      },
      openPopup: () => session.openPopup(),
      openPage: (url) => session.openPage(url),
      wait: (page, fn, arg) => page.waitForFunction(fn, { timeout: 10_000 }, arg),
      front: (page) => page.bringToFront(),
    };
  });
  after(() => session?.close());

  it('settings: theme in the page and the popup, sites off and on in an open tab, backup date', async () => {
    await settingsScenario(driver);
  });

  it('tags: rename and merge reach the popup without a reload; 500 selected papers tagged in one undoable step', async () => {
    await tagsScenario(driver);
  });
});
