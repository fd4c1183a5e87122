// The driver interface (index.mjs) over playwright-core and Debian Chromium.
import { launchChromium } from '../harness/chromium.mjs';
import { distDir, freshProfile } from '../harness/env.mjs';

/**
 * @param {import('./index.mjs').LaunchOptions} options
 * @returns {Promise<import('./index.mjs').Driver>}
 */
export async function chromiumDriver({ userDataDir, build = 'test', extensionDir, fixturesDir, offline = true } = {}) {
  const profile = userDataDir ? { dir: userDataDir, remove: async () => {} } : await freshProfile('chromium-');
  const launchOptions = {
    userDataDir: profile.dir,
    extensionDir: extensionDir ?? distDir(build === 'user' ? 'chrome' : 'test/chrome'),
    fixturesDir,
    offline,
  };
  /** @type {import('../harness/chromium.mjs').ChromiumSession} */
  let session;
  try {
    session = await launchChromium(launchOptions);
  } catch (error) {
    await profile.remove();
    throw error;
  }
  /** @type {import('./index.mjs').Tab | undefined} an extension page kept for inExtension */
  let helper;

  /** @param {import('playwright-core').Page} page */
  const tab = (page) => chromiumTab(page, () => session);

  /** @type {import('./index.mjs').Driver} */
  const driver = {
    browser: 'chromium',
    get extensionOrigin() {
      return `chrome-extension://${session.extensionId}`;
    },
    userDataDir: profile.dir,
    get fixtures() {
      return session.fixtures;
    },
    can: { stopBackground: true, extensionInfo: true, contentScriptWorlds: true },
    openPage: async (url) => tab(await session.openPage(url)),
    openExtensionPage: async (path = 'popup.html') => tab(await session.openPage(`chrome-extension://${session.extensionId}/${path}`)),
    inExtension: async (fn, arg) => {
      if (!helper || helper.raw.isClosed()) helper = await driver.openExtensionPage();
      return helper.evaluate(fn, arg);
    },
    restart: async () => {
      helper = undefined;
      await session.context.close();
      session = await launchChromium(launchOptions);
    },
    stopBackground: () => session.stopServiceWorker(),
    extensionInfo: () => session.extensionInfo(),
    contentScriptWorlds: (t) => session.contentScriptWorlds(t.raw),
    close: async () => {
      await session.context.close();
      await profile.remove();
    },
  };
  return driver;
}

/**
 * @param {import('playwright-core').Page} page
 * @param {() => import('../harness/chromium.mjs').ChromiumSession} session  the current one (restart replaces it)
 * @returns {import('./index.mjs').Tab}
 */
function chromiumTab(page, session) {
  return {
    raw: page,
    evaluate: (fn, arg) => page.evaluate(fn, arg),
    waitFor: async (fn, arg, { timeout = 10_000 } = {}) => {
      await page.waitForFunction(fn, arg, { timeout });
    },
    click: async (selector, { position, hasText } = {}) => {
      const target = page.locator(selector, hasText === undefined ? {} : { hasText }).first();
      await target.click(position ? { position } : {});
    },
    press: (key) => page.keyboard.press(key),
    type: (text) => page.keyboard.type(text),
    insertText: (text) => page.keyboard.insertText(text),
    fill: (selector, text) => page.locator(selector).first().fill(text),
    select: async (selector, value) => {
      await page.locator(selector).first().selectOption(value);
    },
    upload: (selector, file) => page.locator(selector).first().setInputFiles(file),
    inContentScript: (fn, arg) => inIsolatedWorld(session(), page, fn, arg),
    url: () => page.evaluate(() => location.href),
    bringToFront: () => page.bringToFront(),
    close: () => page.close(),
  };
}

/**
 * Evaluates `fn(arg)` in the content script's isolated world, found through CDP: the world whose
 * origin is the extension's (browser-testing.md §3.5, recipe 4).
 * @param {import('../harness/chromium.mjs').ChromiumSession} session
 * @param {import('playwright-core').Page} page
 * @param {Function} fn
 * @param {unknown} arg
 */
async function inIsolatedWorld(session, page, fn, arg) {
  const cdp = await session.context.newCDPSession(page);
  try {
    /** @type {number | undefined} */
    let contextId;
    cdp.on('Runtime.executionContextCreated', ({ context }) => {
      if (context.auxData?.type === 'isolated' && context.origin === `chrome-extension://${session.extensionId}`) contextId = context.id;
    });
    await cdp.send('Runtime.enable');
    if (contextId === undefined) throw new Error(`no Shelfmark content script runs in ${page.url()}`);
    const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', {
      contextId,
      expression: `(${fn.toString()})(${JSON.stringify(arg)})`,
      awaitPromise: true,
      returnByValue: true,
    });
    if (exceptionDetails) throw new Error(`in the content script: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
    return result.value;
  } finally {
    await cdp.detach();
  }
}
