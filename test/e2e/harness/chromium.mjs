// Debian Chromium with the unpacked dist/chrome build, driven by playwright-core.
// Recipe and the reasons for each flag: /work/shared/browser-testing.md §3 (G1–G8).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_PATH, browserEnv, distDir, freshProfile, prepareTmp, requireBrowser } from './env.mjs';
import { FixtureServer } from './fixtures.mjs';

/**
 * @typedef {object} ChromiumSession
 * @property {import('playwright-core').BrowserContext} context
 * @property {string} extensionId
 * @property {import('playwright-core').Worker | undefined} serviceWorker  none when the manifest declares no background
 * @property {string} userDataDir
 * @property {FixtureServer | null} fixtures  null with `offline: false`
 * @property {(url: string) => Promise<import('playwright-core').Page>} openPage  new tab, navigated, brought to front
 * @property {() => Promise<import('playwright-core').Page>} openPopup  popup.html in a tab
 * @property {() => Promise<ExtensionInfo>} extensionInfo  chrome://extensions' record of this extension
 * @property {() => Promise<void>} stopServiceWorker  forces a stop; the next message restarts it
 * @property {(page: import('playwright-core').Page) => Promise<number>} contentScriptWorlds  how many of the extension's isolated worlds (content scripts) the page has
 * @property {() => Promise<void>} close  also removes the profile unless `userDataDir` was given
 *
 * @typedef {{ id: string, name: string, state: string, manifestErrors: unknown[], installWarnings: unknown[], runtimeErrors: unknown[] }} ExtensionInfo
 */

/**
 * @param {object} [options]
 * @param {string} [options.userDataDir]  reuse a profile (restart tests); default: a fresh one in .tmp/profiles
 * @param {string} [options.extensionDir]  default dist/test/chrome (mirrors data-state; pass distDir('chrome') for the user build)
 * @param {boolean} [options.headless]  default true
 * @param {boolean} [options.offline]  default true: fixtures at real URLs, everything else 404, a dead proxy behind that
 * @param {string} [options.fixturesDir]
 * @param {string[]} [options.args]  extra Chromium flags
 * @returns {Promise<ChromiumSession>}
 */
export async function launchChromium({
  userDataDir,
  extensionDir = distDir('test/chrome'),
  headless = true,
  offline = true,
  fixturesDir,
  args = [],
} = {}) {
  requireBrowser(CHROMIUM_PATH, 'Chromium');
  await prepareTmp();
  const profile = userDataDir ? { dir: userDataDir, remove: async () => {} } : await freshProfile('chromium-');

  const context = await launchWithRetry(() => chromium.launchPersistentContext(profile.dir, {
    timeout: LAUNCH_TIMEOUT_MS,
    executablePath: CHROMIUM_PATH,
    headless,
    env: browserEnv(),
    viewport: { width: 1280, height: 900 },
    args: [
      // Both are needed: Playwright always passes --disable-extensions (G1).
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // Interception answers pages first; anything that slips past it (the browser's own
      // requests, the service worker's fetches) dies at a proxy that does not exist.
      ...(offline ? ['--proxy-server=http://127.0.0.1:9', '--proxy-bypass-list=<-loopback>'] : []),
      ...args,
    ],
  }));

  try {
    const fixtures = offline ? new FixtureServer({ fixturesDir }) : null;
    if (fixtures) await fixtures.attachToPlaywright(context);

    const serviceWorker = await findServiceWorker(context, extensionDir);
    const extensionId = serviceWorker ? new URL(serviceWorker.url()).host : unpackedExtensionId(extensionDir);

    /** @param {string} url */
    const openPage = async (url) => {
      const page = await context.newPage();
      await page.bringToFront(); // background tabs are throttled (G7)
      await page.goto(url);
      return page;
    };

    return {
      context,
      extensionId,
      serviceWorker,
      userDataDir: profile.dir,
      fixtures,
      openPage,
      openPopup: () => openPage(`chrome-extension://${extensionId}/popup.html`),
      extensionInfo: async () => {
        const page = await context.newPage();
        try {
          await page.goto('chrome://extensions');
          /** @type {ExtensionInfo[]} */
          const all = await page.evaluate(
            () =>
              new Promise((resolve) =>
                // @ts-expect-error developerPrivate exists only on chrome://extensions
                chrome.developerPrivate.getExtensionsInfo({ includeDisabled: true, includeTerminated: true }, resolve),
              ),
          );
          const info = all.find((e) => e.id === extensionId);
          if (!info) throw new Error(`chrome://extensions does not list ${extensionId}`);
          return info;
        } finally {
          await page.close();
        }
      },
      stopServiceWorker: async () => {
        const page = context.pages()[0] ?? (await context.newPage());
        const cdp = await context.newCDPSession(page);
        try {
          await cdp.send('ServiceWorker.enable');
          await cdp.send('ServiceWorker.stopAllWorkers');
        } finally {
          await cdp.detach();
        }
      },
      contentScriptWorlds: async (page) => {
        // CDP replays every existing execution context on Runtime.enable; a content script
        // lives in an isolated world whose origin is the extension's.
        const cdp = await context.newCDPSession(page);
        /** @type {number} */
        let count = 0;
        cdp.on('Runtime.executionContextCreated', ({ context: ctx }) => {
          if (ctx.auxData?.type === 'isolated' && ctx.origin === `chrome-extension://${extensionId}`) count += 1;
        });
        try {
          await cdp.send('Runtime.enable');
        } finally {
          await cdp.detach();
        }
        return count;
      },
      close: async () => {
        await context.close();
        await profile.remove();
      },
    };
  } catch (error) {
    await context.close().catch(() => {});
    await profile.remove();
    throw error;
  }
}

/**
 * Playwright waits 180 s for a browser by default, as long as the longest test: a launch that
 * hangs (seen once in CI, relaunching a profile another Chromium had just closed) then reads as a
 * test timeout with no cause. 60 s is ten times a slow launch here.
 */
const LAUNCH_TIMEOUT_MS = 60_000;

/**
 * A browser that did not come up is the machine's hiccup, not the extension's failure: one more
 * try, said out loud. Anything else (a missing binary, a refused flag) fails at once.
 * @template T
 * @param {() => Promise<T>} start
 * @returns {Promise<T>}
 */
async function launchWithRetry(start) {
  try {
    return await start();
  } catch (error) {
    if (!(error instanceof Error) || error.name !== 'TimeoutError') throw error;
    console.warn(`Chromium did not start within ${LAUNCH_TIMEOUT_MS / 1000} s; trying once more.`);
    return start();
  }
}

/**
 * The extension's service worker. A broken manifest fails silently under --load-extension
 * (G4), so a missing worker is reported with where to look.
 * @param {import('playwright-core').BrowserContext} context
 * @param {string} extensionDir
 */
async function findServiceWorker(context, extensionDir) {
  const script = JSON.parse(readFileSync(path.join(extensionDir, 'manifest.json'), 'utf8')).background?.service_worker;
  if (!script) return undefined;
  const isOurs = (/** @type {import('playwright-core').Worker} */ w) => w.url().startsWith('chrome-extension://');
  const existing = context.serviceWorkers().find(isOurs);
  if (existing) return existing;
  try {
    return await context.waitForEvent('serviceworker', { predicate: isOurs, timeout: 10_000 });
  } catch {
    const missing = missingManifestFiles(extensionDir);
    throw new Error(
      'The extension did not start: no service worker within 10 s. ' +
        (missing.length
          ? `The manifest names files the build lacks: ${missing.join(', ')}.`
          : 'Chromium drops an extension with a broken manifest without a word; load the build in chrome://extensions or run `npm run lint` to see why.'),
    );
  }
}

/**
 * The id Chromium gives an unpacked extension without a manifest `key`: the first 128 bits of
 * the SHA-256 of its absolute path, each hex digit written as a letter a–p. Needed only where no
 * service worker tells it.
 * @param {string} extensionDir
 */
function unpackedExtensionId(extensionDir) {
  const hex = createHash('sha256').update(path.resolve(extensionDir)).digest('hex').slice(0, 32);
  return [...hex].map((digit) => String.fromCharCode(97 + parseInt(digit, 16))).join('');
}

/**
 * Files the manifest refers to that are not in the build: the usual reason for a silent failure.
 * @param {string} extensionDir
 * @returns {string[]}
 */
export function missingManifestFiles(extensionDir) {
  const manifest = JSON.parse(readFileSync(path.join(extensionDir, 'manifest.json'), 'utf8'));
  const files = [
    ...Object.values(manifest.icons ?? {}),
    ...Object.values(manifest.action?.default_icon ?? {}),
    manifest.action?.default_popup,
    manifest.background?.service_worker,
    ...(manifest.background?.scripts ?? []),
    ...(manifest.content_scripts ?? []).flatMap((/** @type {{ js?: string[], css?: string[] }} */ cs) => [...(cs.js ?? []), ...(cs.css ?? [])]),
  ].filter((f) => typeof f === 'string');
  return [...new Set(files)].filter((f) => !existsSync(path.join(extensionDir, f)));
}
