// Firefox ESR with the dist/test/firefox build, driven by puppeteer-core over WebDriver BiDi
// (no geckodriver exists here). Recipe: /work/shared/browser-testing.md §4.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import puppeteer from 'puppeteer-core';
import { FIREFOX_PATH, browserEnv, distDir, freshProfile, prepareTmp, requireBrowser } from './env.mjs';
import { FixtureServer, POPUP_LAUNCHER_URL } from './fixtures.mjs';

/**
 * Pinned so moz-extension:// URLs are known in advance and stay the same across restarts of one
 * profile (the extension's IndexedDB is keyed by it).
 */
export const FIREFOX_EXTENSION_UUID = '5e1f0a4b-7c2d-4e8f-9a3b-6d1c2e4f8a90';

/**
 * @typedef {object} FirefoxSession
 * @property {import('puppeteer-core').Browser} browser
 * @property {string} extensionId  the gecko id
 * @property {string} baseUrl  moz-extension://<uuid>/
 * @property {string} userDataDir
 * @property {FixtureServer | null} fixtures
 * @property {(url: string) => Promise<import('puppeteer-core').Page>} openPage  new tab with interception, navigated
 * @property {() => Promise<import('puppeteer-core').Page>} openPopup  popup.html, rendered in a tab
 * @property {() => Promise<void>} close  also removes the profile unless `userDataDir` was given
 */

/**
 * @param {object} [options]
 * @param {string} [options.userDataDir]  reuse a profile; the temporary add-on is re-installed on each launch
 * @param {string} [options.extensionDir]  default dist/test/firefox (the popup is web-accessible there)
 * @param {boolean} [options.headless]  default true
 * @param {boolean} [options.offline]  default true: fixtures at real URLs, everything else 404, a dead proxy behind that
 * @param {string} [options.fixturesDir]
 * @returns {Promise<FirefoxSession>}
 */
export async function launchFirefox({
  userDataDir,
  extensionDir = distDir('test/firefox'),
  headless = true,
  offline = true,
  fixturesDir,
} = {}) {
  requireBrowser(FIREFOX_PATH, 'Firefox ESR');
  await prepareTmp();
  const manifest = JSON.parse(readFileSync(path.join(extensionDir, 'manifest.json'), 'utf8'));
  const extensionId = manifest.browser_specific_settings?.gecko?.id;
  if (!extensionId) throw new Error(`${extensionDir}/manifest.json has no browser_specific_settings.gecko.id`);

  const profile = userDataDir ? { dir: userDataDir, remove: async () => {} } : await freshProfile('firefox-');
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless,
    userDataDir: profile.dir,
    env: browserEnv(),
    defaultViewport: { width: 1280, height: 900 },
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [extensionId]: FIREFOX_EXTENSION_UUID }),
      ...(offline ? DEAD_PROXY_PREFS : {}),
    },
  });

  try {
    await browser.installExtension(extensionDir);
    const fixtures = offline ? new FixtureServer({ fixturesDir }) : null;
    const baseUrl = `moz-extension://${FIREFOX_EXTENSION_UUID}/`;

    /** @param {string} url */
    const openPage = async (url) => {
      const page = await browser.newPage();
      if (fixtures) await fixtures.attachToPuppeteer(page);
      await page.bringToFront();
      await page.goto(url);
      return page;
    };

    return {
      browser,
      extensionId,
      baseUrl,
      userDataDir: profile.dir,
      fixtures,
      openPage,
      openPopup: async () => {
        // BiDi refuses to navigate to moz-extension:// itself; a page may, because the test build
        // makes popup.html web-accessible from this origin.
        const page = await openPage(POPUP_LAUNCHER_URL);
        const popupUrl = `${baseUrl}popup.html`;
        await page.evaluate((u) => {
          location.href = u;
        }, popupUrl);
        // BiDi does not report this navigation (page.url() keeps the old URL), so ask the document.
        await page.waitForFunction((u) => location.href === u && document.readyState === 'complete', { timeout: 10_000 }, popupUrl);
        return page;
      },
      close: async () => {
        await browser.close();
        await profile.remove();
      },
    };
  } catch (error) {
    await browser.close().catch(() => {});
    await profile.remove();
    throw error;
  }
}

/** Whatever interception does not answer goes to a proxy that does not exist. */
const DEAD_PROXY_PREFS = {
  'network.proxy.type': 1,
  'network.proxy.http': '127.0.0.1',
  'network.proxy.http_port': 9,
  'network.proxy.ssl': '127.0.0.1',
  'network.proxy.ssl_port': 9,
  'network.proxy.share_proxy_settings': true,
  'network.proxy.no_proxies_on': '',
  'network.proxy.allow_hijacking_localhost': false,
};
