#!/usr/bin/env node
// `npm start`: build, then open a browser with the extension on the bundled demo pages.
//   npm start                     Chromium, demo pages served offline from test/fixtures at their real URLs
//   npm start -- --headless       no window: writes screenshots, prints their paths, exits
//   npm start -- --live           the real arxiv.org and huggingface.co instead of the demo pages
//   npm start -- --firefox        the same in Firefox ESR
// Without a display ($DISPLAY and $WAYLAND_DISPLAY unset) it runs headless and says so.
// The profile persists in .tmp/start-<browser>/, so what you save survives the next start.
import { spawnSync } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { launchChromium } from '../test/e2e/harness/chromium.mjs';
import { ROOT, TMP, distDir } from '../test/e2e/harness/env.mjs';
import { FixtureServer } from '../test/e2e/harness/fixtures.mjs';
import { launchFirefox } from '../test/e2e/harness/firefox.mjs';

const args = new Set(process.argv.slice(2));
for (const arg of args) {
  if (!['--headless', '--live', '--firefox'].includes(arg)) {
    console.error(`Unknown option ${arg}. Options: --headless, --live, --firefox`);
    process.exit(2);
  }
}
const live = args.has('--live');
const browserName = args.has('--firefox') ? 'firefox' : 'chromium';
const hasDisplay = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
const headless = args.has('--headless') || !hasDisplay;
if (!args.has('--headless') && !hasDisplay) {
  console.log('No display ($DISPLAY is unset): running headless and writing screenshots instead of opening a window.');
}

const LIVE_PAGES = [
  { site: 'arxiv', url: 'https://arxiv.org/list/cs.LG/new' },
  { site: 'huggingface', url: 'https://huggingface.co/papers' },
];

const build = spawnSync(process.execPath, [path.join(ROOT, 'build.mjs')], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const pages = live ? LIVE_PAGES : new FixtureServer().demoPages();
if (pages.length === 0) {
  console.error('No demo pages: test/fixtures/arxiv/pages.json and test/fixtures/huggingface/pages.json list none.');
  process.exit(1);
}

const profileDir = path.join(TMP, `start-${browserName}`);
await mkdir(profileDir, { recursive: true });
const session =
  browserName === 'firefox'
    ? await launchFirefox({
        userDataDir: profileDir,
        headless,
        offline: !live,
        // Headless runs open the popup from a page, which only the test build allows (build.mjs).
        extensionDir: distDir(headless ? 'test/firefox' : 'firefox'),
      })
    : await launchChromium({ userDataDir: profileDir, headless, offline: !live });

/** @type {{ site: string, page: { screenshot: (o: { path: string }) => Promise<unknown>, close: () => Promise<void> } }[]} */
const opened = [];
for (const { site, url } of pages) {
  console.log(`${site.padEnd(12)} ${url}${live ? '' : '  (demo page, served offline)'}`);
  try {
    opened.push({ site, page: await session.openPage(url) });
  } catch (error) {
    // Live sites can be down or unreachable; the other page and the popup are still worth showing.
    console.warn(`warning: could not load ${url}: ${error instanceof Error ? error.message.split('\n')[0] : error}`);
  }
}

if (headless) {
  const outDir = path.join(TMP, 'screenshots');
  await mkdir(outDir, { recursive: true });
  const shots = [];
  for (const { site, page } of opened) {
    await waitForAnnotations(page, site);
    const file = path.join(outDir, `start-${browserName}-${site}.png`);
    await page.screenshot({ path: file });
    shots.push(file);
  }
  // A real popup is as wide as its content (at most 800 × 600): measure, then clip to that.
  const popup = await session.openPopup();
  await popup.setViewport?.({ width: 800, height: 600 });
  await popup.setViewportSize?.({ width: 800, height: 600 });
  await new Promise((resolve) => setTimeout(resolve, 500));
  const size = await popup.evaluate(() => ({
    width: Math.min(800, Math.ceil(document.body.getBoundingClientRect().width) || 800),
    height: Math.min(600, Math.ceil(document.documentElement.scrollHeight) || 600),
  }));
  const popupFile = path.join(outDir, `start-${browserName}-popup.png`);
  await popup.screenshot({ path: popupFile, clip: { x: 0, y: 0, ...size } });
  shots.push(popupFile);
  await session.close();
  console.log('Screenshots:');
  for (const file of shots) console.log(`  ${file}`);
} else {
  console.log(`${browserName} is open with Shelfmark loaded. Close the window (or press Ctrl-C) to stop.`);
  const stop = async () => {
    await session.close().catch(() => {});
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await new Promise((resolve) => {
    if ('context' in session) session.context.once('close', resolve);
    else session.browser.once('disconnected', resolve);
  });
}

/**
 * Screenshots should show the extension's marks, so wait for the content script's ready marker,
 * but not forever: a live page may be one the extension does not handle.
 * @param {any} page  a Playwright or Puppeteer page
 * @param {string} site
 */
async function waitForAnnotations(page, site) {
  const ready = () => document.documentElement.getAttribute('data-shelfmark') === 'ready';
  const timeout = 10_000;
  try {
    // Playwright: (fn, arg, options); Puppeteer: (fn, options).
    if ('setViewportSize' in page) await page.waitForFunction(ready, undefined, { timeout });
    else await page.waitForFunction(ready, { timeout });
  } catch {
    console.warn(`warning: the ${site} page shows no Shelfmark marks after ${timeout / 1000} s`);
  }
}
