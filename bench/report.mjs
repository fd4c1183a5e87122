// The benchmark report: one table on stdout and bench/results.json, in the format DESIGN.md
// fixes ({ name, value, unit, budget, baseline? }). A miss is marked, never fatal: this is a
// report, the tests are elsewhere.
import { writeFile } from 'node:fs/promises';

/**
 * @typedef {object} BenchResult
 * @property {string} name  one of DESIGN.md's names; never renamed
 * @property {number | null} value  null when the benchmark could not run
 * @property {string} unit
 * @property {number} budget  an upper bound (NaN when it depends on a baseline that could not be measured), or a lower one with `bound: 'min'`
 * @property {'max' | 'min'} [bound]  'min' for figures where more is better (a precision lift); 'max' when absent
 * @property {number} [baseline]  measured in the same run (the floor of annotate-2000-ratio)
 * @property {string} [detail]  spread and context, printed only
 * @property {string} [error]  why there is no value
 */

/** @param {BenchResult} r */
export function verdict(r) {
  if (r.value === null || !Number.isFinite(r.value)) return 'ERROR';
  const within = r.bound === 'min' ? r.value >= r.budget : r.value <= r.budget;
  return within ? 'pass' : 'MISS';
}

/** @param {number | null | undefined} n @param {string} unit */
function fmt(n, unit) {
  if (n === null || n === undefined || !Number.isFinite(n)) return '-';
  return unit === 'x' ? n.toFixed(2) : n.toFixed(1);
}

/**
 * @param {BenchResult[]} results
 * @returns {string}
 */
export function formatTable(results) {
  const rows = results.map((r) => [r.name, fmt(r.value, r.unit), r.unit, Number.isFinite(r.budget) ? `${r.bound === 'min' ? '≥' : '≤'} ${r.budget}` : '-', fmt(r.baseline, r.unit), verdict(r), r.error ?? r.detail ?? '']);
  const head = ['benchmark', 'value', 'unit', 'budget', 'baseline', 'result', 'detail'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (/** @type {string[]} */ cells) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : i === 1 || i === 4 ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(head), line(widths.map((w, i) => (i === head.length - 1 ? '------' : '-'.repeat(w)))), ...rows.map(line)].join('\n');
}

/**
 * Only the fields DESIGN.md names (plus `error` for a benchmark that could not run), rounded.
 * @param {BenchResult[]} results
 */
export function toJson(results) {
  const round = (/** @type {number} */ n) => Math.round(n * 100) / 100;
  return results.map((r) => ({
    name: r.name,
    value: r.value === null ? null : round(r.value),
    unit: r.unit,
    budget: r.budget,
    ...(r.bound === 'min' ? { bound: 'min' } : {}),
    ...(r.baseline !== undefined ? { baseline: round(r.baseline) } : {}),
    ...(r.error ? { error: r.error } : {}),
  }));
}

/**
 * @param {string} file
 * @param {BenchResult[]} results
 */
export async function writeResults(file, results) {
  await writeFile(file, `${JSON.stringify(toJson(results), null, 2)}\n`);
}
