// annotate-visible-2000-seen150k (+ annotate-2000-seen150k, longest-task-2000-seen150k) and
// seen-store-kb-150k: the 2,000-entry listing annotated with a year of heavy reading in the seen
// history (150,000 seen ids), against the same listing with an empty history, in one browser and
// one run (issue 11: the page budgets must hold with that many).
//
// The history is written straight into IndexedDB from the service worker: 12 months × 12,500
// arXiv ids (every other number of each month), so the listing's month holds ~2,200 seen ids in
// the listing's range and half of its entries are seen. Its size is the growth of the origin's
// usage (navigator.storage.estimate) from writing it.
import { annotateOnce } from './annotate.mjs';
import { closeBenchBrowser, launchBenchBrowser, requireFixture } from './browser-session.mjs';
import { LISTING_URL } from './listing-2000.mjs';
import { median, spread } from './stats.mjs';

const RUNS = 5;
const SEEN = 150_000;

/**
 * Runs IN THE SERVICE WORKER: writes `count` seen ids; answers the origin's usage before and after.
 * @param {number} count
 */
async function seedSeen(count) {
  const usage = async () => (await navigator.storage.estimate()).usage ?? 0;
  const open = () =>
    new Promise((resolve, reject) => {
      const request = indexedDB.open('shelfmark');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(String(request.error));
    });
  const db = /** @type {IDBDatabase} */ (await open());
  if (!db.objectStoreNames.contains('seen')) throw new Error('no seen store: the database is older than v6');
  const before = await usage();
  const perMonth = Math.ceil(count / 12);
  const start = Date.now() - 300 * 86_400_000;
  let written = 0;
  for (let month = 1; month <= 12; month++) {
    await new Promise((resolve, reject) => {
      const tx = db.transaction('seen', 'readwrite');
      const store = tx.objectStore('seen');
      for (let i = 0; i < perMonth && written < count; i++, written++) {
        const id = `arxiv:24${String(month).padStart(2, '0')}.${10_000 + 2 * i}`;
        store.put({ id, at: start + written * 100 });
      }
      tx.oncomplete = resolve;
      tx.onerror = () => reject(String(tx.error));
    });
  }
  db.close();
  // Give the store a moment to settle its files before measuring.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  return { before, after: await usage(), written };
}

/** @param {number[]} values */
const summary = (values) => median(values);

/**
 * @param {import('./browser-session.mjs').BenchContext} ctx
 * @returns {Promise<import('./report.mjs').BenchResult[]>}
 */
export async function triage(ctx) {
  const session = await launchBenchBrowser(ctx);
  try {
    requireFixture(session, LISTING_URL);
    // Not counted: the first load starts the service worker and opens (creates) the database.
    await annotateOnce(session);
    const empty = [];
    for (let i = 0; i < RUNS; i++) empty.push(await annotateOnce(session));
    const seeded = await session.serviceWorker.evaluate(seedSeen, SEEN);
    await annotateOnce(session);
    const full = [];
    for (let i = 0; i < RUNS; i++) full.push(await annotateOnce(session));

    const pick = (/** @type {typeof full} */ runs, /** @type {'firstScreen' | 'all' | 'longest'} */ key) => runs.map((r) => r[key]);
    const kb = (seeded.after - seeded.before) / 1024;
    return [
      {
        name: 'annotate-visible-2000-seen150k',
        value: summary(pick(full, 'firstScreen')),
        unit: 'ms',
        budget: 50,
        baseline: summary(pick(empty, 'firstScreen')),
        detail: `first screen with ${seeded.written.toLocaleString('en')} seen ids, median of ${RUNS} (${spread(pick(full, 'firstScreen'))}); empty history, same run: ${spread(pick(empty, 'firstScreen'))}`,
      },
      {
        name: 'annotate-2000-seen150k',
        value: summary(pick(full, 'all')),
        unit: 'ms',
        budget: Math.round(1.2 * summary(pick(empty, 'all')) * 10) / 10,
        baseline: summary(pick(empty, 'all')),
        detail: `start → all + layout with the history (${spread(pick(full, 'all'))}); budget: 1.2 × the empty history's, same run (${spread(pick(empty, 'all'))})`,
      },
      {
        name: 'longest-task-2000-seen150k',
        value: summary(pick(full, 'longest')),
        unit: 'ms',
        budget: 50,
        baseline: summary(pick(empty, 'longest')),
        detail: `longest task within start → all (${spread(pick(full, 'longest'))}; ${full.map((r) => r.longCount).join('/')} long tasks; empty history: ${empty.map((r) => r.longCount).join('/')})`,
      },
      {
        name: 'seen-store-kb-150k',
        value: kb,
        unit: 'KB',
        // Reported, with no budget (issue 11 asks for the figure, not a bound).
        budget: Number.POSITIVE_INFINITY,
        detail: `growth of navigator.storage.estimate().usage from writing ${seeded.written.toLocaleString('en')} seen ids (${((kb * 1024) / seeded.written).toFixed(1)} bytes each)`,
      },
    ];
  } finally {
    await closeBenchBrowser(ctx, session);
  }
}
