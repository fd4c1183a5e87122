// link-scan-visible-10k, link-scan-longest-task, link-scan-none: the link finder (src/sites/links.ts)
// on a made-up page of 10,000 links, 2,000 of them to papers (arXiv, DOI, OpenReview, PubMed
// links in 2,000 list items, each with four ordinary links beside its paper), opened at a URL
// where the manifest runs the content script by default (openreview.net); and the same page
// with no paper link at all.
// - link-scan-visible-10k: shelfmark:first-screen − shelfmark:start (the first screen's hosts
//   with their states), median of RUNS loads. Baseline: the part of it spent waiting for the
//   background: for the answer to the first screen's getStates, which also says whether the site
//   is on (shelfmark:settings − start), plus, where the first screen was asked about only after
//   that, its own round trip (…-answered − …-asked): on a loaded machine these round trips
//   between processes are most of the figure, and nothing the page's script does shortens them.
// - link-scan-longest-task: the longest main-thread task between shelfmark:start and every host
//   shown (<html data-shelfmark> set, then layout), 0 when none reaches 50 ms.
// - link-scan-none: the renderer's script time (CDP Performance ScriptDuration) for loading the
//   no-paper page where the content script runs, minus the same page where none runs (median
//   of RUNS pairs): what Shelfmark costs a page it has nothing to mark on. Baseline: the same
//   pair on an empty page (no links at all): what loading the content script costs whatever the
//   page (compiling it, its settings, its start), the floor under any page's figure.
import { closeBenchBrowser, launchBenchBrowser, waitInPage } from './browser-session.mjs';
import { median, spread } from './stats.mjs';

const RUNS = 5;
const ITEMS = 2_000;
const PAGE_TIMEOUT = 60_000;
const PROBE = '__shelfmarkLinkProbe';
const PAPERS_URL = 'https://openreview.net/shelfmark-bench/links-10k';
const NONE_URL = 'https://openreview.net/shelfmark-bench/links-none';
const EMPTY_URL = 'https://openreview.net/shelfmark-bench/empty';
// No content script matches here (not a default host, never granted in the bench browser).
const BARE_NONE_URL = 'https://bench.example.org/links-none';
const BARE_EMPTY_URL = 'https://bench.example.org/empty';

/** A made-up paper link of one of four schemes, distinct for each item. */
function paperHref(i) {
  const n = String(10_000 + i);
  switch (i % 4) {
    case 0:
      return `https://arxiv.org/abs/2607.${n}`;
    case 1:
      return `https://doi.org/10.9999/bench.${n}`;
    case 2:
      return `https://openreview.net/forum?id=Bench${n}`;
    default:
      return `https://pubmed.ncbi.nlm.nih.gov/3${n}/`;
  }
}

/** @param {boolean} withPapers @param {number} [count] */
function page(withPapers, count = ITEMS) {
  const items = [];
  for (let i = 0; i < count; i++) {
    const first = withPapers ? `<a href="${paperHref(i)}">Made-up paper number ${i} on quiet lanterns</a>` : `<a href="https://example.org/notes/${i}">Made-up note number ${i} on quiet lanterns</a>`;
    items.push(
      `<li>${first} by <a href="https://example.org/people/${i}">Someone ${i}</a> · <a href="https://github.com/made-up/repo-${i}">code</a> · <a href="/tags/t${i % 50}">tag ${i % 50}</a> · <a href="https://example.org/discuss/${i}">discuss</a></li>`,
    );
  }
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Made-up reading list</title></head><body><h1>Made-up reading list</h1><ul>${items.join('\n')}</ul></body></html>`;
}

/**
 * IN THE PAGE, as an init script: long tasks, and when <html data-shelfmark> is set (+ layout).
 * @param {string} probe
 */
function instrument(probe) {
  /** @type {{ longTasks: { start: number, duration: number }[], readyAt: number | null }} */
  const state = { longTasks: [], readyAt: null };
  /** @type {any} */ (window)[probe] = state;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) state.longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
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

/**
 * @param {import('playwright-core').Page} tab
 * @param {string} url
 * @param {string} html
 */
async function serve(tab, url, html) {
  await tab.route(url, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
}

/** @param {import('./browser-session.mjs').ChromiumSession} session */
async function scanOnce(session, html) {
  const tab = await session.context.newPage();
  try {
    await serve(tab, PAPERS_URL, html);
    await tab.addInitScript(instrument, PROBE);
    await tab.bringToFront();
    await tab.goto(PAPERS_URL, { waitUntil: 'domcontentloaded', timeout: PAGE_TIMEOUT });
    await waitInPage(tab, (probe) => /** @type {any} */ (window)[probe]?.readyAt != null, PROBE, { timeout: PAGE_TIMEOUT });
    await waitInPage(tab, () => performance.getEntriesByName('shelfmark:all', 'mark').length > 0, undefined, { timeout: PAGE_TIMEOUT });
    await tab.waitForTimeout(250);
    const seen = await tab.evaluate(collect, PROBE);
    if (seen.hosts !== ITEMS) throw new Error(`${seen.hosts} hosts on the 10,000-link page, not ${ITEMS}`);
    if (seen.start === null || seen.firstScreen === null || seen.all === null) throw new Error('missing content-script marks');
    const end = Math.max(/** @type {number} */ (seen.readyAt), seen.all);
    const overlapping = seen.longTasks.filter((t) => t.start < end && t.start + t.duration > seen.start);
    return {
      firstScreen: seen.firstScreen - seen.start,
      waiting: firstScreenWait(seen),
      longest: Math.max(0, ...overlapping.map((t) => t.duration)),
      longCount: overlapping.length,
    };
  } finally {
    await tab.close();
  }
}

/**
 * How long the first screen waited on other processes: the settings read, then the background's
 * answer to its getStates. NaN for a build that does not mark them (one measured for comparison).
 * @param {{ start: number | null, settings: number | null, asked: number | null, answered: number | null }} marks
 */
export function firstScreenWait({ start, settings, asked, answered }) {
  if (start === null || settings === null) return Number.NaN;
  // Asked at the start, with the site's on/off (the usual first load): its answer is the settings
  // mark, and there is no second round trip.
  return settings - start + (asked !== null && answered !== null ? answered - asked : 0);
}

/**
 * The median of figures measured in the same run, as a result's baseline (none where the build
 * did not give them).
 * @param {number[]} values
 * @returns {{ baseline?: number }}
 */
export function baselineOf(values) {
  const value = median(values);
  return Number.isFinite(value) ? { baseline: value } : {};
}

/** Script time (ms) the renderer spent loading `url` and settling. */
async function scriptTime(session, url, html, expectContent) {
  const tab = await session.context.newPage();
  const cdp = await session.context.newCDPSession(tab);
  try {
    await serve(tab, url, html);
    await cdp.send('Performance.enable');
    await tab.bringToFront();
    await tab.goto(url, { waitUntil: 'load', timeout: PAGE_TIMEOUT });
    if (expectContent) {
      await waitInPage(tab, () => document.documentElement.hasAttribute('data-shelfmark'), undefined, { timeout: PAGE_TIMEOUT });
    }
    await tab.waitForTimeout(500);
    const hosts = await tab.evaluate(() => document.querySelectorAll('shelfmark-entry').length);
    if (hosts !== 0) throw new Error(`${hosts} hosts on a page with no paper links`);
    const { metrics } = await cdp.send('Performance.getMetrics');
    const script = metrics.find((m) => m.name === 'ScriptDuration')?.value;
    if (script === undefined) throw new Error('no ScriptDuration metric');
    return script * 1000;
  } finally {
    await cdp.detach().catch(() => {});
    await tab.close();
  }
}

/**
 * @param {import('./browser-session.mjs').BenchContext} ctx
 * @returns {Promise<import('./report.mjs').BenchResult[]>}
 */
export async function linkScan(ctx) {
  const withPapers = page(true);
  const none = page(false);
  const empty = page(false, 0);
  const session = await launchBenchBrowser(ctx);
  try {
    // Not counted: the first load also starts the service worker and opens the database.
    await scanOnce(session, withPapers);
    const runs = [];
    const extra = [];
    const floor = [];
    for (let i = 0; i < RUNS; i++) {
      runs.push(await scanOnce(session, withPapers));
      const withScript = await scriptTime(session, NONE_URL, none, true);
      const bare = await scriptTime(session, BARE_NONE_URL, none, false);
      extra.push(withScript - bare);
      floor.push((await scriptTime(session, EMPTY_URL, empty, true)) - (await scriptTime(session, BARE_EMPTY_URL, empty, false)));
    }
    const firstScreen = runs.map((r) => r.firstScreen);
    const waiting = runs.map((r) => r.waiting);
    const longest = runs.map((r) => r.longest);
    return [
      {
        name: 'link-scan-visible-10k',
        value: median(firstScreen),
        unit: 'ms',
        budget: 50,
        ...baselineOf(waiting),
        detail:
          `shelfmark:first-screen − shelfmark:start on 10,000 links / 2,000 papers, median of ${RUNS} loads (${spread(firstScreen)}); ` +
          `baseline: of it, waiting for the background's answer (${spread(waiting)})`,
      },
      {
        name: 'link-scan-longest-task',
        value: median(longest),
        unit: 'ms',
        budget: 50,
        detail: `longest task within start → all hosts shown, median of ${RUNS} loads (${spread(longest)}; ${runs.map((r) => r.longCount).join('/')} long tasks)`,
      },
      {
        name: 'link-scan-none',
        value: median(extra),
        unit: 'ms',
        budget: 2,
        ...baselineOf(floor),
        detail:
          `CDP ScriptDuration, 10,000 links and none to papers, content script vs none, median of ${RUNS} pairs (${spread(extra)}); ` +
          `baseline: the same on an empty page, the content script's own loading (${spread(floor)})`,
      },
    ];
  } finally {
    await closeBenchBrowser(ctx, session);
  }
}
