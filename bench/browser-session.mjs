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
