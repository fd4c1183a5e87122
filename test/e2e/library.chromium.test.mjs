// The library page in real Chromium (scenarios in library-kit.mjs, shared with Firefox).
import { after, before, describe, it } from 'node:test';
import { chipsOf } from './content-kit.mjs';
import { launchChromium } from './harness/chromium.mjs';
import { settingsScenario, tagsScenario } from './library-kit.mjs';

describe('Chromium: library page', { timeout: 180_000 }, () => {
  /** @type {import('./harness/chromium.mjs').ChromiumSession} */
  let session;
  /** @type {Parameters<typeof settingsScenario>[0]} */
  let driver;
  before(async () => {
    session = await launchChromium();
    driver = {
      openLibrary: (hash = '') => session.openPage(`chrome-extension://${session.extensionId}/library.html${hash}`),
      openPopup: () => session.openPopup(),
      openPage: (url) => session.openPage(url),
      wait: (page, fn, arg) => page.waitForFunction(fn, arg, { timeout: 10_000 }),
      front: (page) => page.bringToFront(),
      chipsOf: (page, id) => chipsOf(session.context, page, id),
    };
  });
  after(() => session?.close());

  it('settings: theme in the page and the popup, sites off and on in an open tab, backup date', async () => {
    await settingsScenario(driver);
  });

  it('tags: rename and merge reach the popup and an open listing without a reload; 500 selected papers tagged in one undoable step', async () => {
    await tagsScenario(driver);
  });
});
