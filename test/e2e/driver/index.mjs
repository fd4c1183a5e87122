// One e2e scenario, both browsers. A scenario file describes what a user does and sees once;
// `forEachBrowser` runs it in Chromium (playwright-core) and in Firefox ESR (puppeteer-core over
// WebDriver BiDi), each with its own browser, through the small interface below. The two
// automation libraries differ in almost every call (waitForFunction's argument order, clicks,
// keyboard, how to reach an extension page or a content script's world); those differences live
// in chromium.mjs and firefox.mjs, nowhere else.
import { after, before, describe } from 'node:test';
import { chromiumDriver } from './chromium.mjs';
import { firefoxDriver } from './firefox.mjs';

/** @typedef {'chromium' | 'firefox'} BrowserName */
export const BROWSERS = /** @type {const} */ (['chromium', 'firefox']);

/**
 * @typedef {object} LaunchOptions
 * @property {string} [userDataDir]  reuse a profile; default a fresh one, removed on close
 * @property {'test' | 'user'} [build]  default 'test' (hosts mirror their saved state as data-state);
 *   'user' is what users install (dist/chrome, dist/firefox)
 * @property {string} [extensionDir]  an unpacked build to load instead of `build`
 * @property {string} [fixturesDir]  default test/fixtures
 * @property {boolean} [offline]  default true: fixtures at their real URLs, everything else 404
 */

/**
 * @typedef {object} Tab  one browser tab
 * @property {any} raw  the Playwright or Puppeteer Page, for what the interface does not cover
 * @property {<A, R>(fn: (arg: A) => R, arg?: A) => Promise<Awaited<R>>} evaluate  runs `fn(arg)` in the page's main world
 * @property {<A>(fn: (arg: A) => unknown, arg?: A, options?: { timeout?: number }) => Promise<void>} waitFor  until `fn(arg)` is truthy in the page
 * @property {(selector: string, options?: { position?: { x: number, y: number }, hasText?: string }) => Promise<void>} click
 *   a trusted mouse click on the first match (at `position` from its top-left corner, default its centre); reaches
 *   controls inside closed shadow roots by clicking their host where they sit
 * @property {(key: string) => Promise<void>} press  a trusted key press (`'Enter'`, `'t'`, …) on the focused element
 * @property {(text: string) => Promise<void>} type  trusted key presses, one per character
 * @property {(text: string) => Promise<void>} insertText  one trusted input event with the whole text (Firefox: typed key by key)
 * @property {(selector: string, text: string) => Promise<void>} fill  replaces an input's value as a user would (focus, select all, type)
 * @property {(selector: string, value: string) => Promise<void>} select  picks a <select> option
 * @property {(selector: string, file: string) => Promise<void>} upload  chooses `file` (a path) in an <input type=file>
 * @property {<A, R>(fn: (arg: A) => R, arg?: A) => Promise<Awaited<R>>} inContentScript
 *   runs `fn(arg)` in the extension's content-script world of this tab: `browser.runtime` is the content
 *   script's, and closed shadow roots open with `openShadowRoot` from ./shelfmark.mjs
 * @property {() => Promise<string>} url  the document's own location.href
 * @property {() => Promise<void>} bringToFront  background tabs are throttled (README, gotchas)
 * @property {() => Promise<void>} close
 */

/**
 * @typedef {object} Driver  one running browser with the extension installed
 * @property {BrowserName} browser
 * @property {string} extensionOrigin  chrome-extension://<id> or moz-extension://<uuid>
 * @property {string} userDataDir
 * @property {import('../harness/fixtures.mjs').FixtureServer | null} fixtures
 * @property {{ stopBackground: boolean, extensionInfo: boolean, contentScriptWorlds: boolean }} can  what only one browser offers
 * @property {(url: string) => Promise<Tab>} openPage  a new tab at `url`, in front
 * @property {(path?: string) => Promise<Tab>} openExtensionPage  an extension page (default popup.html) in a new tab
 * @property {<A, R>(fn: (arg: A) => R, arg?: A) => Promise<Awaited<R>>} inExtension
 *   runs `fn(arg)` in an extension page of this browser (one kept open for this): the extension's IndexedDB,
 *   `browser.runtime.sendMessage` as the popup sends it, `navigator.storage`
 * @property {() => Promise<void>} restart  closes the browser and starts it again on the same profile
 * @property {() => Promise<void>} stopBackground  Chromium: stops the service worker; the next message wakes it
 * @property {() => Promise<{ manifestErrors: unknown[], installWarnings: unknown[], runtimeErrors: unknown[], name: string, state: string }>} extensionInfo
 *   Chromium: chrome://extensions' record of the extension (Firefox refuses a broken add-on at install instead)
 * @property {(tab: Tab) => Promise<number>} contentScriptWorlds  Chromium: how many content-script worlds of the extension the tab has
 * @property {() => Promise<void>} close  also removes the profile unless `userDataDir` was given
 */

/**
 * Launches `browser` with the extension installed.
 * @param {BrowserName} browser
 * @param {LaunchOptions} [options]
 * @returns {Promise<Driver>}
 */
export function launch(browser, options = {}) {
  if (browser === 'chromium') return chromiumDriver(options);
  if (browser === 'firefox') return firefoxDriver(options);
  throw new Error(`unknown browser ${browser}`);
}

/**
 * @typedef {object} BrowserSuite
 * @property {BrowserName} browser  known while the tests are declared, e.g. for `{ skip: … }`
 * @property {Driver} driver  the running browser, from `before` on
 */

/**
 * Declares the suite once per browser: `describe('<title> (chromium)')` and `(firefox)`, each with
 * one browser launched before its tests and closed after them (a launch costs seconds here).
 * @param {string} title
 * @param {{ timeout?: number, launch?: false | LaunchOptions | ((browser: BrowserName) => LaunchOptions | Promise<LaunchOptions>) }} options
 *   `launch: false`: no browser is started for the suite (its tests call `launch` themselves)
 * @param {(suite: BrowserSuite) => void} body  declares the tests with node:test's `it`
 */
export function forEachBrowser(title, options, body) {
  for (const browser of BROWSERS) {
    describe(`${title} (${browser})`, { timeout: options.timeout ?? 120_000 }, () => {
      /** @type {Driver | undefined} */
      let driver;
      /** @type {BrowserSuite} */
      const suite = {
        browser,
        get driver() {
          if (!driver) throw new Error(`${browser} did not launch (see the before hook's error)`);
          return driver;
        },
      };
      before(async () => {
        if (options.launch === false) return;
        const launchOptions = typeof options.launch === 'function' ? await options.launch(browser) : options.launch;
        driver = await launch(browser, launchOptions);
      });
      after(async () => {
        await driver?.close();
      });
      body(suite);
    });
  }
}
