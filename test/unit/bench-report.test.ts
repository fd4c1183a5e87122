// The benchmark report's arithmetic and format (DESIGN.md: results.json is a list of
// { name, value, unit, budget, baseline? }), and the generated reading list the popup
// benchmarks import: it must pass the popup's own backup parser, or import-10k measures an error.
import { describe, expect, it } from 'vitest';
import { generateBackup } from '../../bench/papers-10k.mjs';
import { formatTable, toJson, verdict } from '../../bench/report.mjs';
import { median, percentile } from '../../bench/stats.mjs';
import { parseBackup } from '../../src/formats/backup';

describe('bench statistics', () => {
  it('takes nearest-rank percentiles: always one of the samples', () => {
    const samples = [40, 10, 30, 20, 50, 60, 70, 80, 90, 100];
    expect(percentile(samples, 50)).toBe(50);
    expect(percentile(samples, 95)).toBe(100);
    expect(percentile(samples, 90)).toBe(90);
    expect(percentile([7], 95)).toBe(7);
  });

  it('takes the median of odd and even counts, whatever the order', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('refuses to summarise no samples', () => {
    expect(() => median([])).toThrow('no samples');
  });
});

describe('bench report', () => {
  const results = [
    { name: 'annotate-2000', value: 41.234, unit: 'ms', budget: 100, baseline: 30.456, detail: 'median of 5' },
    { name: 'sync-p95', value: 51, unit: 'ms', budget: 50 },
    { name: 'import-10k', value: null, unit: 'ms', budget: 2000, error: 'timed out after 360 s' },
  ];

  it('marks a figure over its budget and one that could not be measured', () => {
    expect(results.map(verdict)).toEqual(['pass', 'MISS', 'ERROR']);
    const table = formatTable(results);
    expect(table).toMatch(/sync-p95\s+51\.0\s+ms\s+≤ 50\s+-\s+MISS/u);
    expect(table).toMatch(/import-10k\s+-\s+ms\s+≤ 2000\s+-\s+ERROR\s+timed out/u);
  });

  it('reads a lower bound where more is better (a precision lift)', () => {
    const lifts = [2.9, 3, 9.7].map((value) => ({ name: 'rank-precision-lift', value, unit: 'x', budget: 3, bound: 'min' as const }));
    expect(lifts.map(verdict)).toEqual(['MISS', 'pass', 'pass']);
    expect(formatTable(lifts)).toMatch(/rank-precision-lift\s+9\.70\s+x\s+≥ 3\s+-\s+pass/u);
    expect(toJson(lifts)[0]).toEqual({ name: 'rank-precision-lift', value: 2.9, unit: 'x', budget: 3, bound: 'min' });
  });

  it('writes only the fields DESIGN.md names, baseline only where measured', () => {
    expect(toJson(results)).toEqual([
      { name: 'annotate-2000', value: 41.23, unit: 'ms', budget: 100, baseline: 30.46 },
      { name: 'sync-p95', value: 51, unit: 'ms', budget: 50 },
      { name: 'import-10k', value: null, unit: 'ms', budget: 2000, error: 'timed out after 360 s' },
    ]);
  });
});

describe('generated reading list', () => {
  it('is a backup the popup imports in full, the same on every run', () => {
    const first = generateBackup(300);
    expect(generateBackup(300).json).toBe(first.json);
    const batch = parseBackup(first.json, 99);
    expect(batch.papers).toHaveLength(300);
    expect(new Set(batch.papers.map((p) => p.id)).size).toBe(300);
    expect(batch.papers.some((p) => (p.tags?.length ?? 0) > 0)).toBe(true);
    expect(batch.tags.length).toBeGreaterThan(0);
  });
});
