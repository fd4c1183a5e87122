// find-entries-2000: the arXiv adapter's findEntries over the 2,000-entry listing, in Chromium,
// on the page's own DOM (served where no content script runs). The adapter is pure, so repeated
// calls on one page see the same DOM; the first call (cold: nothing compiled yet, as in the
// content script) is reported apart from the median of the calls after it.
import { closeBenchBrowser, launchBenchBrowser, requireFixture } from './browser-session.mjs';
import { BARE_LISTING_URL, LISTING_ENTRIES, LISTING_URL, serveBareListing } from './listing-2000.mjs';
import { BENCH_GLOBAL, registryBundle } from './registry-bundle.mjs';
import { median, spread } from './stats.mjs';

const RUNS = 15;

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
 * @param {import('./browser-session.mjs').BenchContext} ctx
 * @returns {Promise<import('./report.mjs').BenchResult[]>}
 */
export async function findEntries(ctx) {
  const bundle = await registryBundle();
  const session = await launchBenchBrowser(ctx);
  try {
    requireFixture(session, LISTING_URL);
    serveBareListing(session);
    const page = await session.openPage(BARE_LISTING_URL);
    await page.addScriptTag({ content: bundle });
    const run = await page.evaluate(timeFindEntries, { benchGlobal: BENCH_GLOBAL, listingUrl: LISTING_URL, runs: RUNS });
    if (run.count !== LISTING_ENTRIES) {
      throw new Error(`the ${run.adapter} adapter found ${run.count} entries on the pastweek listing, not ${LISTING_ENTRIES}`);
    }
    return [
      {
        name: 'find-entries-2000',
        value: median(run.warm),
        unit: 'ms',
        budget: 20,
        detail: `median of ${RUNS} calls (${spread(run.warm)}); first, cold call ${run.cold.toFixed(1)} ms`,
      },
    ];
  } finally {
    await closeBenchBrowser(ctx, session);
  }
}
