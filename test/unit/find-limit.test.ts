// `findEntries(root, url, { limit })`: the content script reads a long listing's first screen on
// its own. Whatever an adapter returns under a limit must be the start of what it finds without one.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ADAPTERS } from '../../src/sites/registry';
import { serializeEntries } from './serialize-entries';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures');
// Too big for happy-dom (see adapters.test.ts); list-pastweek-250.html has the same shape.
const SKIPPED = new Set(['arxiv/list-pastweek-2000.html']);

function pagesOf(adapterId: string): [url: string, file: string][] {
  const index = path.join(FIXTURES, adapterId, 'pages.json');
  return existsSync(index) ? Object.entries(JSON.parse(readFileSync(index, 'utf8')) as Record<string, string>) : [];
}

for (const adapter of ADAPTERS) {
  describe(`${adapter.id} with a limit`, () => {
    for (const [url, file] of pagesOf(adapter.id)) {
      if (SKIPPED.has(`${adapter.id}/${file}`)) continue;
      it(`${file}: the first entries, in document order`, () => {
        const doc = new DOMParser().parseFromString(readFileSync(path.join(FIXTURES, adapter.id, file), 'utf8'), 'text/html');
        const pageUrl = new URL(url);
        const all = adapter.findEntries(doc, pageUrl);
        for (const limit of [1, 3]) {
          const some = adapter.findEntries(doc, pageUrl, { limit });
          expect(some.length).toBeGreaterThanOrEqual(Math.min(limit, all.length));
          expect(serializeEntries(some)).toEqual(serializeEntries(all.slice(0, some.length)));
          expect(some.map((entry) => entry.element)).toEqual(all.slice(0, some.length).map((entry) => entry.element));
        }
      });
    }
  });
}

describe('arXiv listings stop reading at the limit', () => {
  it('list-pastweek-250.html: 7 of 250', () => {
    const [url] = pagesOf('arxiv').find(([, file]) => file === 'list-pastweek-250.html') ?? [];
    expect(url).toBeDefined();
    const doc = new DOMParser().parseFromString(readFileSync(path.join(FIXTURES, 'arxiv', 'list-pastweek-250.html'), 'utf8'), 'text/html');
    const arxiv = ADAPTERS.find((adapter) => adapter.id === 'arxiv')!;
    expect(arxiv.findEntries(doc, new URL(url!))).toHaveLength(250);
    expect(arxiv.findEntries(doc, new URL(url!), { limit: 7 })).toHaveLength(7);
  });
});
