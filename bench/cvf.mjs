// find-entries-cvf-1294, annotate-visible-cvf (and, as details, the whole listing, the longest
// task and the layout shift; as baseline, the part of the first screen spent waiting for the
// background's answer, as link-scan.mjs measures it): CVF's CVPR 2019 listing, 1,294 entries
// (test/fixtures/cvf/listing-1294.html: the real page's structure, made-up text), the largest real
// listing of the sites after arXiv. Measured as find-entries.mjs and annotate.mjs measure arXiv's:
// the adapter alone at a URL no content script matches, then the content script at the real URL.
import { closeBenchBrowser, launchBenchBrowser, requireFixture, waitInPage } from './browser-session.mjs';
import { BENCH_GLOBAL, registryBundle } from './registry-bundle.mjs';
import { baselineOf, firstScreenWait } from './link-scan.mjs';
import { median, spread } from './stats.mjs';

const CVF_URL = 'https://openaccess.thecvf.com/CVPR2019';
const BARE_CVF_URL = 'https://openaccess.thecvf.com/shelfmark-bench/CVPR2019';
const CVF_ENTRIES = 1294;
const FIND_RUNS = 15;
const LOAD_RUNS = 5;
const PAGE_TIMEOUT = 60_000;
const PROBE = '__shelfmarkCvfProbe';

/**
 * Runs IN THE PAGE.
 * @param {{ benchGlobal: string, listingUrl: string, runs: number }} args
 */
function timeFindEntries({ benchGlobal, listingUrl, runs }) {
  const url = new URL(listingUrl);
  const adapter = /** @type {any} */ (window)[benchGlobal].adapterFor(url);
  if (!adapter) throw new Error(`no adapter matches ${listingUrl}`);
  const times = [];
  let count = 0;
  for (let i = 0; i <= runs; i++) {
    const t0 = performance.now();
    count = adapter.findEntries(document, url).length;
    times.push(performance.now() - t0);
  }
  return { adapter: adapter.id, count, cold: times[0], warm: times.slice(1) };
}

/**
 * Runs IN THE PAGE, as an init script: long tasks, layout shifts, and when the content script is done.
 * @param {string} probe
 */
function instrument(probe) {
  const state = { longTasks: /** @type {{ start: number, duration: number }[]} */ ([]), shift: 0, readyAt: /** @type {number | null} */ (null) };
  /** @type {any} */ (window)[probe] = state;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) state.longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) state.shift += /** @type {any} */ (e).value;
  }).observe({ type: 'layout-shift', buffered: true });
  new MutationObserver((_records, observer) => {
    if (!document.documentElement?.hasAttribute('data-shelfmark')) return;
    void document.body.offsetHeight;
    state.readyAt = performance.now();
    observer.disconnect();
  }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-shelfmark'] });
}

/** @param {string} probe */
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
    readyAt: state.readyAt,
    longTasks: state.longTasks,
    shift: state.shift,
  };
}

/** @param {import('./browser-session.mjs').ChromiumSession} session */
async function loadOnce(session) {
  const page = await session.context.newPage();
  try {
    await page.addInitScript(instrument, PROBE);
    await page.bringToFront();
    await page.goto(CVF_URL, { waitUntil: 'domcontentloaded', timeout: PAGE_TIMEOUT });
    await waitInPage(page, (probe) => /** @type {any} */ (window)[probe]?.readyAt != null, PROBE, { timeout: PAGE_TIMEOUT });
    await page.waitForTimeout(250);
    const seen = await page.evaluate(collect, PROBE);
    if (seen.ready !== 'ready') throw new Error(`the content script reported data-shelfmark="${seen.ready}"`);
    if (seen.hosts !== CVF_ENTRIES) throw new Error(`${seen.hosts} hosts on the CVF listing, not ${CVF_ENTRIES}`);
    if (seen.start === null || seen.firstScreen === null) throw new Error(`missing marks: start=${seen.start}, first-screen=${seen.firstScreen}`);
    const end = /** @type {number} */ (seen.readyAt);
    const overlapping = seen.longTasks.filter((t) => t.start < end && t.start + t.duration > seen.start);
    return {
      firstScreen: seen.firstScreen - seen.start,
      waiting: firstScreenWait(seen),
      all: end - seen.start,
      longest: Math.max(0, ...overlapping.map((t) => t.duration)),
      shift: seen.shift,
    };
  } finally {
    await page.close();
  }
}

/**
 * @param {import('./browser-session.mjs').BenchContext} ctx
 * @returns {Promise<import('./report.mjs').BenchResult[]>}
 */
export async function cvf(ctx) {
  const bundle = await registryBundle();
  const session = await launchBenchBrowser(ctx);
  try {
    requireFixture(session, CVF_URL);
    if (!session.fixtures) throw new Error('the benchmark browser must serve fixtures');
    session.fixtures.alias(BARE_CVF_URL, CVF_URL);
    const bare = await session.openPage(BARE_CVF_URL);
    await bare.addScriptTag({ content: bundle });
    const find = await bare.evaluate(timeFindEntries, { benchGlobal: BENCH_GLOBAL, listingUrl: CVF_URL, runs: FIND_RUNS });
    await bare.close();
    if (find.count !== CVF_ENTRIES) throw new Error(`the ${find.adapter} adapter found ${find.count} entries, not ${CVF_ENTRIES}`);

    // Not counted: the first load also starts the service worker and opens the database.
    await loadOnce(session);
    const runs = [];
    for (let i = 0; i < LOAD_RUNS; i++) runs.push(await loadOnce(session));
    const firstScreen = runs.map((r) => r.firstScreen);
    const waiting = runs.map((r) => r.waiting);
    return [
      {
        name: 'find-entries-cvf-1294',
        value: median(find.warm),
        unit: 'ms',
        budget: 20,
        detail: `median of ${FIND_RUNS} calls (${spread(find.warm)}); first, cold call ${find.cold.toFixed(1)} ms`,
      },
      {
        name: 'annotate-visible-cvf',
        value: median(firstScreen),
        unit: 'ms',
        budget: 50,
        ...baselineOf(waiting),
        detail:
          `shelfmark:first-screen − shelfmark:start, median of ${LOAD_RUNS} loads (${spread(firstScreen)}); ` +
          `baseline: of it, waiting for the background's answer (${spread(waiting)}); ` +
          `whole listing ${median(runs.map((r) => r.all)).toFixed(1)} ms, longest task ${median(runs.map((r) => r.longest)).toFixed(1)} ms, ` +
          `layout shift ${Math.max(...runs.map((r) => r.shift)).toFixed(3)}`,
      },
    ];
  } finally {
    await closeBenchBrowser(ctx, session);
  }
}
