// The "for you" ranking (src/rank/), in real Chromium on made-up libraries (bench/rank-corpus.mjs):
//   rank-2000            score a 2,000-entry listing against a 10,000-paper library, and explain
//                        the suggested tenth (what the background does per getStates)
//   train-10k            train on 10,000 saved and 50,000 seen papers, yielding every 8 ms; the
//                        detail gives the longest slice (how long a message could wait behind it)
//                        and a retraining after one more save (the saved papers' features kept)
//   rank-precision-lift  a library that likes 2 of 20 planted topics: precision of the 10 best
//                        suggestions on a fresh listing over the base rate (10%), mean of 5 listings
// The module runs in a blank page, bundled with the build's settings: the same code the
// background runs, timed without the extension around it.
import * as esbuild from 'esbuild';
import { ROOT } from '../test/e2e/harness/env.mjs';
import { launchBenchBrowser, closeBenchBrowser } from './browser-session.mjs';
import { median, percentile, spread } from './stats.mjs';

const GLOBAL = '__shelfmarkRankBench';
const RANK_RUNS = 15;

async function bundle() {
  const result = await esbuild.build({
    stdin: {
      contents: [
        "import { train, suggest, scoreAll, isModel } from './src/rank/model';",
        "import { featuresOf } from './src/rank/features';",
        "import { macrotask } from './src/rank/slices';",
        "import { makeCorpus, makeLibrary } from './bench/rank-corpus.mjs';",
        `globalThis.${GLOBAL} = { train, suggest, scoreAll, isModel, featuresOf, macrotask, makeCorpus, makeLibrary };`,
      ].join('\n'),
      resolveDir: ROOT,
      sourcefile: 'bench-rank.ts',
      loader: 'ts',
    },
    bundle: true,
    write: false,
    format: 'iife',
    target: ['chrome120', 'firefox128'],
    minify: true,
    legalComments: 'none',
    logLevel: 'error',
  });
  return result.outputFiles[0].text;
}

/**
 * Runs IN THE PAGE.
 * @param {{ global: string, runs: number }} args
 */
async function measure({ global, runs }) {
  const r = /** @type {any} */ (globalThis)[global];
  const corpus = r.makeCorpus({ seed: 7 });

  // train-10k: 10,000 saved (titles and abstracts), 50,000 seen (features, as stored).
  const big = r.makeLibrary(corpus, { liked: [1, 4, 9], saved: 10_000, seen: 50_000, listing: 2_000, focus: 0.8, seed: 3 });
  const seen = big.seen.map((/** @type {any} */ p) => r.featuresOf(p.title));
  /** @type {number[]} */
  const slices = [];
  let last = performance.now();
  // The background's own yield, timed: how long each slice held the thread.
  const yieldFn = async () => {
    slices.push(performance.now() - last);
    await r.macrotask();
    last = performance.now();
  };
  const featureCache = new Map();
  const t0 = performance.now();
  const model = await r.train({ saved: big.saved, seen }, { sliceMs: 8, yieldFn, featureCache });
  const trainMs = performance.now() - t0;
  slices.push(performance.now() - last);
  if (!r.isModel(model)) throw new Error(`train-10k made no model: ${JSON.stringify(model)}`);
  // What the background does next, after one more save: the others' features are kept.
  const t1 = performance.now();
  await r.train({ saved: [...big.saved, { ...big.saved[0], id: 'arxiv:2403.00001', title: `${big.saved[0].title} again` }], seen }, { sliceMs: 8, featureCache });
  const retrainMs = performance.now() - t1;

  // rank-2000 on that 10,000-paper library; the first call (cold word cache) apart.
  const times = [];
  let suggested = 0;
  for (let i = 0; i <= runs; i++) {
    const s = performance.now();
    suggested = r.suggest(model, big.listing, 0.1).length;
    times.push(performance.now() - s);
  }

  // rank-precision-lift: 2 liked topics of 20, so a tenth of a listing is on them.
  const lifts = [];
  for (let seed = 21; seed < 26; seed++) {
    const lib = r.makeLibrary(corpus, { liked: [2, 5], saved: 150, seen: 3_000, listing: 2_000, focus: 0.9, seed });
    const small = await r.train({ saved: lib.saved, seen: lib.seen.map((/** @type {any} */ p) => r.featuresOf(p.title)) }, { seed });
    const scores = r.scoreAll(small, lib.listing);
    const top = [...scores.keys()].sort((a, b) => scores[b] - scores[a]).slice(0, 10);
    const precision = top.filter((i) => [2, 5].includes(lib.listing[i].topic)).length / 10;
    const base = lib.listing.filter((/** @type {any} */ e) => [2, 5].includes(e.topic)).length / lib.listing.length;
    lifts.push({ precision, base, lift: precision / base });
  }
  return { trainMs, retrainMs, slices, cold: times[0], warm: times.slice(1), suggested, lifts };
}

/**
 * @param {import('./browser-session.mjs').BenchContext} ctx
 * @returns {Promise<import('./report.mjs').BenchResult[]>}
 */
export async function rank(ctx) {
  const code = await bundle();
  const session = await launchBenchBrowser(ctx);
  try {
    const page = await session.openPage('about:blank');
    await page.addScriptTag({ content: code });
    const run = await page.evaluate(measure, { global: GLOBAL, runs: RANK_RUNS });
    const lift = run.lifts.reduce((sum, l) => sum + l.lift, 0) / run.lifts.length;
    return [
      {
        name: 'rank-2000',
        value: median(run.warm),
        unit: 'ms',
        budget: 20,
        detail: `median of ${RANK_RUNS} (${spread(run.warm)}), ${run.suggested} suggested and explained; first (cold) ${run.cold.toFixed(1)} ms`,
      },
      {
        name: 'train-10k',
        value: run.trainMs,
        unit: 'ms',
        budget: 2000,
        detail: `${run.slices.length} slices, longest ${Math.max(...run.slices).toFixed(1)} ms, p95 ${percentile(run.slices, 95).toFixed(1)} ms; retraining after one more save ${run.retrainMs.toFixed(0)} ms`,
      },
      {
        name: 'rank-precision-lift',
        value: lift,
        unit: 'x',
        budget: 3,
        bound: 'min',
        detail: `precision@10 ${run.lifts.map((l) => l.precision.toFixed(1)).join(' ')} over base ${run.lifts[0].base.toFixed(3)}`,
      },
    ];
  } finally {
    await closeBenchBrowser(ctx, session);
  }
}
