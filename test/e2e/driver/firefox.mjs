// The driver interface (index.mjs) over puppeteer-core (WebDriver BiDi) and Firefox ESR.
import { distDir, freshProfile } from '../harness/env.mjs';
import { POPUP_LAUNCHER_URL } from '../harness/fixtures.mjs';
import { launchFirefox } from '../harness/firefox.mjs';

/**
 * @param {import('./index.mjs').LaunchOptions} options
 * @returns {Promise<import('./index.mjs').Driver>}
 */
export async function firefoxDriver({ userDataDir, build = 'test', extensionDir, fixturesDir, offline = true } = {}) {
  const profile = userDataDir ? { dir: userDataDir, remove: async () => {} } : await freshProfile('firefox-');
  const launchOptions = {
    userDataDir: profile.dir,
    extensionDir: extensionDir ?? distDir(build === 'user' ? 'firefox' : 'test/firefox'),
    fixturesDir,
    offline,
  };
  /** @type {import('../harness/firefox.mjs').FirefoxSession} */
  let session;
  try {
    session = await launchFirefox(launchOptions);
  } catch (error) {
    await profile.remove();
    throw error;
  }
  /** @type {import('./index.mjs').Tab | undefined} an extension page kept for inExtension and inContentScript */
  let helper;
  const extensionPage = async () => {
    if (!helper || helper.raw.isClosed()) helper = await driver.openExtensionPage();
    return helper;
  };

  /** @type {import('./index.mjs').Driver} */
  const driver = {
    browser: 'firefox',
    get extensionOrigin() {
      return session.baseUrl.replace(/\/$/u, '');
    },
    userDataDir: profile.dir,
    get fixtures() {
      return session.fixtures;
    },
    can: { stopBackground: false, extensionInfo: false, contentScriptWorlds: false },
    openPage: async (url) => firefoxTab(await session.openPage(url), extensionPage),
    openExtensionPage: async (path = 'popup.html') => {
      // BiDi refuses to navigate to moz-extension:// itself; a page may, because the test build
      // makes the extension's pages web-accessible from the fixture origins.
      const page = await session.openPage(POPUP_LAUNCHER_URL);
      const url = `${session.baseUrl}${path}`;
      await page.evaluate((u) => {
        location.href = u;
      }, url);
      // BiDi does not report this navigation (page.url() keeps the old URL), so ask the document.
      await page.waitForFunction((u) => location.href === u && document.readyState === 'complete', { timeout: 10_000, polling: 50 }, url);
      return firefoxTab(page, extensionPage);
    },
    inExtension: async (fn, arg) => (await extensionPage()).evaluate(fn, arg),
    restart: async () => {
      helper = undefined;
      await session.browser.close();
      session = await launchFirefox(launchOptions);
    },
    stopBackground: () => Promise.reject(new Error('Firefox: the background page cannot be stopped from a test (driver.can.stopBackground)')),
    extensionInfo: () => Promise.reject(new Error('Firefox: no chrome://extensions record (driver.can.extensionInfo)')),
    contentScriptWorlds: () => Promise.reject(new Error('Firefox: content-script worlds are not listed (driver.can.contentScriptWorlds)')),
    close: async () => {
      await session.browser.close();
      await profile.remove();
    },
  };
  return driver;
}

let tabCount = 0;

/**
 * @param {import('puppeteer-core').Page} page
 * @param {() => Promise<import('./index.mjs').Tab>} extensionPage
 * @returns {import('./index.mjs').Tab}
 */
function firefoxTab(page, extensionPage) {
  /** Marks the document so the extension page can tell this tab from others at the same URL. */
  const token = `e2e-tab-${process.pid}-${++tabCount}`;
  /** @type {number | undefined} */
  let tabId;

  /** @param {string} selector @param {string | undefined} hasText */
  const find = async (selector, hasText) => {
    const handle = await page.evaluateHandle(
      (s, text) => [...document.querySelectorAll(s)].find((el) => text === null || (el.textContent ?? '').includes(text)) ?? null,
      selector,
      hasText ?? null,
    );
    const element = handle.asElement();
    if (!element) throw new Error(`no element ${selector}${hasText === undefined ? '' : ` with text "${hasText}"`}`);
    return /** @type {import('puppeteer-core').ElementHandle<Element>} */ (element);
  };

  return {
    raw: page,
    evaluate: (fn, arg) => page.evaluate(fn, arg),
    waitFor: async (fn, arg, { timeout = 10_000 } = {}) => {
      // Interval polling: requestAnimationFrame barely runs in a background tab.
      await page.waitForFunction(fn, { timeout, polling: 50 }, arg);
    },
    click: async (selector, { position, hasText } = {}) => {
      const element = await find(selector, hasText);
      await element.scrollIntoView();
      const box = await element.boundingBox();
      if (!box) throw new Error(`${selector} is not displayed`);
      await page.mouse.click(box.x + (position?.x ?? box.width / 2), box.y + (position?.y ?? box.height / 2));
    },
    press: (key) => page.keyboard.press(/** @type {import('puppeteer-core').KeyInput} */ (key)),
    type: (text) => page.keyboard.type(text),
    // BiDi sends one character per input event: the text arrives typed, key by key.
    insertText: (text) => page.keyboard.type(text),
    fill: async (selector, text) => {
      const element = await find(selector, undefined);
      await element.evaluate((el) => {
        /** @type {HTMLInputElement} */ (el).focus();
        /** @type {HTMLInputElement} */ (el).select();
      });
      if (text === '') await page.keyboard.press('Backspace');
      else await page.keyboard.type(text);
    },
    select: async (selector, value) => {
      await page.select(selector, value);
    },
    upload: async (selector, file) => {
      const element = /** @type {import('puppeteer-core').ElementHandle<HTMLInputElement>} */ (await find(selector, undefined));
      await element.uploadFile(file);
    },
    inContentScript: async (fn, arg) => {
      // Firefox's BiDi does not reach content-script worlds; scripting.executeScript (a permission
      // only the test build has) runs `fn` as a content script of this tab, the same world.
      await page.evaluate((t) => document.documentElement.setAttribute('data-e2e-tab', t), token);
      const helper = await extensionPage();
      const expression = `(async () => {
        const fn = ${fn.toString()};
        const run = (tabId, func, args) => browser.scripting.executeScript({ target: { tabId }, func, args });
        let tabId = ${JSON.stringify(tabId ?? null)};
        if (tabId === null) {
          for (const t of await browser.tabs.query({})) {
            if (!t.url) continue; // no host permission there
            const [mark] = await run(t.id, (tk) => document.documentElement.getAttribute('data-e2e-tab') === tk, [${JSON.stringify(token)}]).catch(() => []);
            if (mark?.result === true) tabId = t.id;
          }
        }
        if (tabId === null) return { tabId, error: 'no Shelfmark content script can run in this tab' };
        const [result] = await run(tabId, fn, ${JSON.stringify(arg === undefined ? [] : [arg])});
        return { tabId, value: result?.result, error: result?.error ? String(result.error) : undefined };
      })()`;
      /** @type {{ tabId: number | null, value?: any, error?: string }} */
      const outcome = await helper.raw.evaluate(expression);
      if (outcome.error) throw new Error(`in the content script: ${outcome.error}`);
      tabId = outcome.tabId ?? undefined;
      return outcome.value;
    },
    url: () => page.evaluate(() => location.href),
    bringToFront: () => page.bringToFront(),
    close: () => page.close(),
  };
}
