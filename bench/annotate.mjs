// annotate-visible-2000, annotate-2000, annotate-2000-ratio, longest-task-2000: the content
// script on the 2,000-entry listing, opened at its real URL with the extension loaded, against
// the floor measured in the same browser on the same page where no content script runs.
//
// Clocks are the page's own (performance.now(), 0 = navigation start):
// - start, first screen: the content script's marks `shelfmark:start` / `shelfmark:first-screen`.
//   Marks made in the isolated world land in the document's one performance timeline, so the
//   main world reads them (checked on each run: a missing mark is an error, not a zero).
// - all: the mark `shelfmark:all` is taken before the browser lays the hosts out. So "all" is
//   timed by a main-world MutationObserver on <html data-shelfmark>, which the content script sets
//   in the same task right after that mark: the observer forces layout (body.offsetHeight) and
//   reads the clock. That is the mark, plus the rest of its task, plus layout, with no idle gap.
// - floor: at DOMContentLoaded, once the page has had its own first layout (as it has when the
//   document_end content script starts), one synchronous pass inserts after each entry's title
//   line (the adapter's anchor) a host with a closed shadow root and one button, then forces
//   layout. Finding the entries and the page's own first layout are not part of the floor.
// - long tasks: a PerformanceObserver (type 'longtask', buffered) registered by an init script
//   before navigation; the longest task overlapping [start, all] counts (0 when none is ≥ 50 ms).
//   Its baseline is the page's own: after each annotated load, the bare listing is loaded with no
//   content script and no floor pass, and its longest task overlapping the same window (the same
//   times after navigation start) counts. Chromium gives this page long tasks of its own there
//   (traced: the navigation predictor reports the listing's ~20,000 links to the browser about
//   200 ms after the first layout, a 1.3-1.5 MB message, 50-180 ms).
import { closeBenchBrowser, launchBenchBrowser, requireFixture, waitInPage } from './browser-session.mjs';
import { BARE_LISTING_URL, LISTING_ENTRIES, LISTING_URL, serveBareListing } from './listing-2000.mjs';
import { BENCH_GLOBAL, registryBundle } from './registry-bundle.mjs';
import { baselineOf, firstScreenWait } from './link-scan.mjs';
import { median, spread } from './stats.mjs';

const RUNS = 5;
const PAGE_TIMEOUT = 60_000;
const PROBE = '__shelfmarkBenchProbe';

/**
 * Runs IN THE PAGE, as an init script, before any of the page's own code.
 * @param {{ probe: string, floorUrl: string | null, listingUrl: string, benchGlobal: string }} args
 */
function instrument({ probe, floorUrl, listingUrl, benchGlobal }) {
  /** @type {{ longTasks: { start: number, duration: number }[], readyAt: number | null, floor: { entries: number, ms: number } | null }} */
  const state = { longTasks: [], readyAt: null, floor: null };
  /** @type {any} */ (window)[probe] = state;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) state.longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });

  if (location.href === floorUrl) {
    document.addEventListener(
      'DOMContentLoaded',
      () => {
        const url = new URL(listingUrl);
        const entries = /** @type {any} */ (window)[benchGlobal].adapterFor(url).findEntries(document, url);
        // The page's own first layout of the whole document is not part of the floor: Chromium
        // runs it between DOMContentLoaded and the document_end content script (traced: the
        // script starts 0.5-1.3 s after DOMContentLoaded, after that layout task), so the
        // content script's window never contains it and the floor must not either.
        void document.body.offsetHeight;
        const t0 = performance.now();
        for (const entry of entries) {
          const host = document.createElement('shelfmark-floor');
          const root = host.attachShadow({ mode: 'closed' });
          const button = document.createElement('button');
          button.type = 'button';
          button.textContent = 'Save';
          root.append(button);
          entry.anchor.after(host);
        }
        void document.body.offsetHeight;
        state.floor = { entries: entries.length, ms: performance.now() - t0 };
      },
      { once: true },
    );
    return;
  }
  // <html> may not exist yet: observe the document.
  new MutationObserver((_records, observer) => {
    if (!document.documentElement?.hasAttribute('data-shelfmark')) return;
    void document.body.offsetHeight;
    state.readyAt = performance.now();
    observer.disconnect();
  }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-shelfmark'] });
}

/**
 * Runs IN THE PAGE once it is annotated.
 * @param {string} probe
 */
function collect(probe) {
  const state = /** @type {any} */ (window)[probe];
  const mark = (/** @type {string} */ name) => performance.getEntriesByName(name, 'mark')[0]?.startTime ?? null;
  return {
    ready: document.documentElement.getAttribute('data-shelfmark'),
    hosts: document.querySelectorAll('shelfmark-entry').length,
    start: mark('shelfmark:start'),
    settings: mark('shelfmark:settings'),
    asked: mark('shelfmark:first-screen-asked'),
    answered: mark('shelfmark:first-screen-answered'),
    firstScreen: mark('shelfmark:first-screen'),
    all: mark('shelfmark:all'),
    readyAt: state.readyAt,
    longTasks: state.longTasks,
  };
}

/** @param {import('./browser-session.mjs').ChromiumSession} session */
export async function annotateOnce(session) {
  const page = await session.context.newPage();
  try {
    await page.addInitScript(instrument, { probe: PROBE, floorUrl: BARE_LISTING_URL, listingUrl: LISTING_URL, benchGlobal: BENCH_GLOBAL });
    await page.bringToFront();
    await page.goto(LISTING_URL, { waitUntil: 'domcontentloaded', timeout: PAGE_TIMEOUT });
    await waitInPage(page, (probe) => /** @type {any} */ (window)[probe]?.readyAt != null, PROBE, { timeout: PAGE_TIMEOUT });
    // Long-task entries are delivered after their task ends; give the last one time to arrive.
    await page.waitForTimeout(250);
    const seen = await page.evaluate(collect, PROBE);
    if (seen.ready !== 'ready') throw new Error(`the content script reported data-shelfmark="${seen.ready}" (could not reach the background)`);
    if (seen.hosts !== LISTING_ENTRIES) throw new Error(`${seen.hosts} hosts on the listing, not ${LISTING_ENTRIES}`);
    if (seen.start === null || seen.firstScreen === null || seen.all === null) {
      throw new Error(`missing content-script marks: start=${seen.start}, first-screen=${seen.firstScreen}, all=${seen.all}`);
    }
    const end = /** @type {number} */ (seen.readyAt);
    const start = seen.start;
    const overlapping = seen.longTasks.filter((t) => t.start < end && t.start + t.duration > start);
    return {
      window: { start, end },
      firstScreen: seen.firstScreen - start,
      waiting: firstScreenWait(seen),
      allMark: seen.all - start,
      all: end - start,
      longest: Math.max(0, ...overlapping.map((t) => t.duration)),
      longCount: overlapping.length,
    };
  } finally {
    await page.close();
  }
}

/**
 * The bare listing's own longest task within `span` (page times), with nothing of ours on it.
 * @param {import('./browser-session.mjs').ChromiumSession} session
 * @param {{ start: number, end: number }} span
 */
async function bareLongestTask(session, span) {
  const page = await session.context.newPage();
  try {
    // No floor URL: the init script only records long tasks.
    await page.addInitScript(instrument, { probe: PROBE, floorUrl: null, listingUrl: LISTING_URL, benchGlobal: BENCH_GLOBAL });
    await page.bringToFront();
    await page.goto(BARE_LISTING_URL, { waitUntil: 'domcontentloaded', timeout: PAGE_TIMEOUT });
    // As for the annotated load: time for the last long-task entry to arrive.
    await waitInPage(page, (end) => performance.now() > end + 250, span.end, { timeout: PAGE_TIMEOUT });
    const longTasks = await page.evaluate((probe) => /** @type {any} */ (window)[probe].longTasks, PROBE);
    const overlapping = longTasks.filter((/** @type {{ start: number, duration: number }} */ t) => t.start < span.end && t.start + t.duration > span.start);
    return Math.max(0, ...overlapping.map((/** @type {{ duration: number }} */ t) => t.duration));
  } finally {
    await page.close();
  }
}

/**
 * @param {import('./browser-session.mjs').ChromiumSession} session
 * @param {string} bundle
 */
async function floorOnce(session, bundle) {
  const page = await session.context.newPage();
  try {
    await page.addInitScript({ content: bundle });
    await page.addInitScript(instrument, { probe: PROBE, floorUrl: BARE_LISTING_URL, listingUrl: LISTING_URL, benchGlobal: BENCH_GLOBAL });
    await page.bringToFront();
    await page.goto(BARE_LISTING_URL, { waitUntil: 'domcontentloaded', timeout: PAGE_TIMEOUT });
    await waitInPage(page, (probe) => /** @type {any} */ (window)[probe]?.floor != null, PROBE, { timeout: PAGE_TIMEOUT });
    const floor = await page.evaluate((probe) => /** @type {any} */ (window)[probe].floor, PROBE);
    if (floor.entries !== LISTING_ENTRIES) throw new Error(`the floor pass found ${floor.entries} entries, not ${LISTING_ENTRIES}`);
    return /** @type {number} */ (floor.ms);
  } finally {
    await page.close();
  }
}

/**
 * @param {import('./browser-session.mjs').BenchContext} ctx
 * @returns {Promise<import('./report.mjs').BenchResult[]>}
 */
export async function annotate(ctx) {
  const bundle = await registryBundle();
  const session = await launchBenchBrowser(ctx);
  try {
    requireFixture(session, LISTING_URL);
    serveBareListing(session);
    // Not counted: the first load also starts the service worker and opens the database.
    await annotateOnce(session);
    const runs = [];
    const floors = [];
    const bareLongest = [];
    // Interleaved, so a burst of load on the machine hits both sides alike.
    for (let i = 0; i < RUNS; i++) {
      const run = await annotateOnce(session);
      runs.push(run);
      bareLongest.push(await bareLongestTask(session, run.window));
      floors.push(await floorOnce(session, bundle));
    }
    const firstScreen = runs.map((r) => r.firstScreen);
    const waiting = runs.map((r) => r.waiting);
    const all = runs.map((r) => r.all);
    const longest = runs.map((r) => r.longest);
    const floor = median(floors);
    const allMedian = median(all);
    return [
      {
        name: 'annotate-visible-2000',
        value: median(firstScreen),
        unit: 'ms',
        budget: 50,
        ...baselineOf(waiting),
        detail:
          `shelfmark:first-screen − shelfmark:start, median of ${RUNS} loads (${spread(firstScreen)}); ` +
          `baseline: of it, waiting for the background's answer (${spread(waiting)})`,
      },
      {
        name: 'annotate-2000',
        value: allMedian,
        unit: 'ms',
        budget: Math.round(1.2 * floor * 10) / 10,
        baseline: floor,
        detail: `start → all + layout (${spread(all)}); the mark alone: median ${median(runs.map((r) => r.allMark)).toFixed(1)} ms; budget 1.2 × floor`,
      },
      {
        name: 'annotate-2000-ratio',
        value: allMedian / floor,
        unit: 'x',
        budget: 1.2,
        baseline: floor,
        detail: `annotate-2000 / floor; floor: median of ${RUNS} passes (${spread(floors)})`,
      },
      {
        name: 'longest-task-2000',
        value: median(longest),
        unit: 'ms',
        budget: 50,
        baseline: median(bareLongest),
        detail:
          `longest task within start → all, median of ${RUNS} loads (${spread(longest)}; ${runs.map((r) => r.longCount).join('/')} long tasks); ` +
          `baseline: the bare listing's own longest task in the same window, no content script (${spread(bareLongest)})`,
      },
    ];
  } finally {
    await closeBenchBrowser(ctx, session);
  }
}
