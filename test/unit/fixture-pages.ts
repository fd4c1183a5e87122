// The adapter fixture pages (test/fixtures/<adapter>/pages.json: real URL → file), read for unit
// tests. The 2,000-entry listing is left to the benchmark and the e2e suite (real browsers):
// happy-dom takes 5-20 s to parse its 2.6 MB; list-pastweek-250.html comes from the same
// generator code (five dated sections, cross-lists, versions, comments) and stands in for it here.
// Likewise CVF's 1,294-entry listing (2.7 MB), for which cvf/listing.html stands in.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures');
const BENCH_ONLY = new Set(['arxiv/list-pastweek-2000.html', 'cvf/listing-1294.html']);

/** [url, file] of every fixture page of an adapter that unit tests read. */
export function pagesOf(adapterId: string): [url: string, file: string][] {
  const index = path.join(FIXTURES, adapterId, 'pages.json');
  if (!existsSync(index)) return [];
  const pages = Object.entries(JSON.parse(readFileSync(index, 'utf8')) as Record<string, string>);
  return pages.filter(([, file]) => !BENCH_ONLY.has(`${adapterId}/${file}`));
}

export function parseFixture(adapterId: string, file: string): Document {
  return new DOMParser().parseFromString(readFileSync(path.join(FIXTURES, adapterId, file), 'utf8'), 'text/html');
}

/**
 * Per-test timeout for tests that parse a fixture page: happy-dom takes seconds for the larger
 * pages when the machine is loaded (the default 5 s failed at load 18), and speed is the
 * benchmarks' business, not these tests'.
 */
export const FIXTURE_TIMEOUT_MS = 30_000;
