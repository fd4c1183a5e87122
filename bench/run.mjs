#!/usr/bin/env node
// `npm run bench`: builds (package.json), then runs every benchmark in real Chromium with the
// built extension, prints one table and writes bench/results.json. Budgets missed are marked
// MISS; the exit code stays 0 (this is a report). A benchmark that cannot run is marked ERROR
// with the reason, the others still run, and the exit code is 1 only then.
//
//   node bench/run.mjs                 every group
//   node bench/run.mjs --only=sync     some groups (comma-separated ids below)
import { loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { annotate } from './annotate.mjs';
import { contentSize } from './content-size.mjs';
import { cvf } from './cvf.mjs';
import { snapshotExtension } from './extension-snapshot.mjs';
import { findEntries } from './find-entries.mjs';
import { linkScan } from './link-scan.mjs';
import { popup } from './popup.mjs';
import { library } from './library.mjs';
import { rank } from './rank.mjs';
import { formatTable, verdict, writeResults } from './report.mjs';
import { sync, syncTraining } from './sync.mjs';
import { syncStorage } from './sync-storage.mjs';
import { triage } from './triage.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const RESULTS_FILE = path.join(HERE, 'results.json');

/**
 * Each group owns its browser; `names` and `budgets` let a group that fails still leave one row
 * per benchmark. `timeout` bounds a group so a hung page cannot stall the run.
 * @type {{ id: string, run: (ctx: import('./browser-session.mjs').BenchContext) => Promise<import('./report.mjs').BenchResult[]>, timeout: number, rows: [string, string, number][] }[]}
 */
const GROUPS = [
  { id: 'size', run: contentSize, timeout: 10_000, rows: [['content-script-gz-kb', 'KB', 25]] },
  { id: 'find-entries', run: findEntries, timeout: 90_000, rows: [['find-entries-2000', 'ms', 20]] },
  {
    id: 'cvf',
    run: cvf,
    timeout: 240_000,
    rows: [
      ['find-entries-cvf-1294', 'ms', 20],
      ['annotate-visible-cvf', 'ms', 50],
    ],
  },
  {
    id: 'annotate',
    run: annotate,
    timeout: 360_000,
    rows: [
      ['annotate-visible-2000', 'ms', 50],
      ['annotate-2000', 'ms', Number.NaN], // 1.2 × the floor measured in the run
      ['annotate-2000-ratio', 'x', 1.2],
      ['longest-task-2000', 'ms', 50],
    ],
  },
  {
    id: 'sync',
    run: sync,
    timeout: 180_000,
    rows: [
      ['sync-p50', 'ms', 50],
      ['sync-p95', 'ms', 50],
      ['sync-after-sw-restart', 'ms', 150],
    ],
  },
  {
    id: 'sync-training',
    run: syncTraining,
    timeout: 480_000,
    rows: [
      ['sync-p95-during-training', 'ms', 50],
      ['sync-p95-during-first-training', 'ms', 50],
    ],
  },
  {
    id: 'popup',
    run: popup,
    timeout: 360_000,
    rows: [
      ['import-10k', 'ms', 2000],
      ['popup-first-render-10k', 'ms', 150],
      ['popup-search-keystroke-10k', 'ms', 16],
      ['popup-first-key-10k', 'ms', 50],
    ],
  },
  {
    id: 'triage',
    run: triage,
    timeout: 480_000,
    rows: [
      ['annotate-visible-2000-seen150k', 'ms', 50],
      ['annotate-2000-seen150k', 'ms', Number.NaN], // 1.2 × the empty history's, same run
      ['longest-task-2000-seen150k', 'ms', 50],
      ['seen-store-kb-150k', 'KB', Number.POSITIVE_INFINITY], // reported, no budget
    ],
  },
  {
    id: 'library',
    run: library,
    timeout: 360_000,
    rows: [['library-first-render-10k', 'ms', 300]],
  },
  {
    id: 'rank',
    run: rank,
    timeout: 180_000,
    rows: [
      ['rank-2000', 'ms', 20],
      ['train-10k', 'ms', 2000],
      ['rank-precision-lift', 'x', 3],
    ],
  },
  {
    id: 'link-scan',
    run: linkScan,
    timeout: 300_000,
    rows: [
      ['link-scan-visible-10k', 'ms', 50],
      ['link-scan-longest-task', 'ms', 50],
      ['link-scan-none', 'ms', 2],
    ],
  },
  { id: 'sync-storage', run: syncStorage, timeout: 240_000, rows: [['sync-storage-bytes-10k', 'KB', 100]] },
];

function selectedGroups() {
  const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
  if (!only) return GROUPS;
  const ids = only.split(',');
  const unknown = ids.filter((id) => !GROUPS.some((g) => g.id === id));
  if (unknown.length) throw new Error(`unknown group(s) ${unknown.join(', ')}; known: ${GROUPS.map((g) => g.id).join(', ')}`);
  return GROUPS.filter((g) => ids.includes(g.id));
}

/**
 * @param {(typeof GROUPS)[number]} group
 * @param {import('./browser-session.mjs').BenchContext} ctx
 * @returns {Promise<import('./report.mjs').BenchResult[]>}
 */
async function runGroup(group, ctx) {
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${group.timeout / 1000} s`)), group.timeout);
  });
  const started = Date.now();
  try {
    const results = await Promise.race([group.run(ctx), timeout]);
    console.log(`  ${group.id}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return results;
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    console.log(`  ${group.id}: FAILED after ${((Date.now() - started) / 1000).toFixed(1)} s: ${message}`);
    return group.rows.map(([name, unit, budget]) => ({ name, value: null, unit, budget, error: message }));
  } finally {
    clearTimeout(timer);
    // A timed-out group's browser is still open: closing it also fails its pending calls.
    for (const session of [...ctx.sessions]) {
      ctx.sessions.delete(session);
      await session.close().catch(() => {});
    }
  }
}

async function main() {
  const groups = selectedGroups();
  const extensionDir = await snapshotExtension();
  const load = loadavg().map((n) => n.toFixed(1)).join(' ');
  console.log(`Shelfmark benchmarks: Chromium, extension snapshot ${path.relative(process.cwd(), extensionDir)}, load average ${load}`);
  /** @type {import('./browser-session.mjs').BenchContext} */
  const ctx = { extensionDir, sessions: new Set() };
  const results = [];
  for (const group of groups) results.push(...(await runGroup(group, ctx)));
  console.log(`\n${formatTable(results)}\n`);
  const misses = results.filter((r) => verdict(r) === 'MISS').map((r) => r.name);
  const errors = results.filter((r) => verdict(r) === 'ERROR').map((r) => r.name);
  const measured = results.length - errors.length;
  if (misses.length) console.log(`Over budget: ${misses.join(', ')}`);
  else if (measured > 0) console.log('Every figure measured is within budget.');
  if (errors.length) console.log(`Could not measure: ${errors.join(', ')}`);
  console.log(`Load average at the end: ${loadavg().map((n) => n.toFixed(1)).join(' ')} (2 cores; figures are medians, see detail)`);
  await writeResults(RESULTS_FILE, results);
  console.log(`Wrote ${path.relative(process.cwd(), RESULTS_FILE)}`);
  if (errors.length) process.exitCode = 1;
}

await main();
