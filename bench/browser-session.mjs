// One Chromium with the extension snapshot loaded, through the e2e harness (launch flags,
// fixture pages at their real URLs, service-worker control all live there, not here).
import { launchChromium } from '../test/e2e/harness/chromium.mjs';

/**
 * @typedef {import('../test/e2e/harness/chromium.mjs').ChromiumSession} ChromiumSession
 * @typedef {{ extensionDir: string, sessions: Set<ChromiumSession> }} BenchContext
 */

/**
 * Launches a session and registers it with the run, which closes it if the benchmark times out.
 * @param {BenchContext} ctx
 * @returns {Promise<ChromiumSession>}
 */
export async function launchBenchBrowser(ctx) {
  const session = await launchChromium({ extensionDir: ctx.extensionDir });
  ctx.sessions.add(session);
  return session;
}

/**
 * @param {BenchContext} ctx
 * @param {ChromiumSession} session
 */
export async function closeBenchBrowser(ctx, session) {
  ctx.sessions.delete(session);
  await session.close();
}

/**
 * The fixture URL's page, or an error that says where fixtures come from.
 * @param {ChromiumSession} session
 * @param {string} url
 */
export function requireFixture(session, url) {
  const fixture = session.fixtures?.pages.find((p) => p.url === new URL(url).href);
  if (!fixture) {
    throw new Error(`No fixture page is served at ${url}: test/fixtures/<site>/pages.json must list it (the adapter fixtures provide it).`);
  }
  return fixture;
}

/**
 * Waits until `predicate(arg)` is true in the page, asking with a plain `page.evaluate` every
 * `interval` ms. Not `page.waitForFunction`: its first call evaluates Playwright's injected
 * script (some 300 KB) in the page, and where a benchmark waits while the page is still being
 * measured, that lands inside the measured window (traced on the listing: +16 ms on the first
 * screen, +30 ms on the whole page).
 * @template T
 * @param {import('playwright-core').Page} page
 * @param {(arg: T) => boolean} predicate  runs IN THE PAGE
 * @param {T} arg
 * @param {{ timeout: number, interval?: number }} options
 */
export async function waitInPage(page, predicate, arg, { timeout, interval = 50 }) {
  const deadline = Date.now() + timeout;
  for (;;) {
    if (await page.evaluate(predicate, arg)) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting in ${page.url()}`);
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}
