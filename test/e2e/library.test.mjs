// The library page, in both browsers (its scenarios are in library-kit.mjs, written over the
// small `d` interface below, which the driver provides in both).
import { it } from 'node:test';
import { forEachBrowser } from './driver/index.mjs';
import { chipsOf } from './driver/shelfmark.mjs';
import { cslScenario, settingsScenario, tagsScenario } from './library-kit.mjs';

forEachBrowser('library page', { timeout: 180_000 }, (suite) => {
  /** The scenarios' interface, over the driver. */
  const d = () => {
    const { driver } = suite;
    return {
      openLibrary: (hash = '') => driver.openExtensionPage(`library.html${hash}`),
      openPopup: () => driver.openExtensionPage('popup.html'),
      openPage: (/** @type {string} */ url) => driver.openPage(url),
      wait: (/** @type {import('./driver/index.mjs').Tab} */ tab, /** @type {any} */ fn, /** @type {any} */ arg) => tab.waitFor(fn, arg, { timeout: 10_000 }),
      front: (/** @type {import('./driver/index.mjs').Tab} */ tab) => tab.bringToFront(),
      // The tag chips inside the listing's closed shadow roots, from the content script's world.
      chipsOf: (/** @type {import('./driver/index.mjs').Tab} */ tab, /** @type {string} */ id) => tab.inContentScript(chipsOf, id),
    };
  };

  it('settings: theme in the page and the popup, sites off and on in an open tab, backup date', async () => {
    await settingsScenario(d());
  });

  it('tags: rename and merge reach the popup and an open listing without a reload; 500 selected papers tagged in one undoable step', async () => {
    await tagsScenario(d());
  });

  it('CSL-JSON: the selection exported as CSL-JSON imports back as the same papers', async () => {
    await cslScenario(d());
  });
});
