// `findEntries(root, url, { limit })`: the content script reads a long listing's first screen on
// its own. Whatever an adapter returns under a limit must be the start of what it finds without one.
import { describe, expect, it } from 'vitest';
import { ADAPTERS } from '../../src/sites/registry';
import { FIXTURE_TIMEOUT_MS, pagesOf, parseFixture } from './fixture-pages';
import { serializeEntries } from './serialize-entries';

for (const adapter of ADAPTERS) {
  describe(`${adapter.id} with a limit`, () => {
    for (const [url, file] of pagesOf(adapter.id)) {
      it(`${file}: the first entries, in document order`, () => {
        const doc = parseFixture(adapter.id, file);
        const pageUrl = new URL(url);
        const all = adapter.findEntries(doc, pageUrl);
        for (const limit of [1, 3]) {
          const some = adapter.findEntries(doc, pageUrl, { limit });
          expect(some.length).toBeGreaterThanOrEqual(Math.min(limit, all.length));
          expect(serializeEntries(some)).toEqual(serializeEntries(all.slice(0, some.length)));
          expect(some.map((entry) => entry.element)).toEqual(all.slice(0, some.length).map((entry) => entry.element));
        }
      }, FIXTURE_TIMEOUT_MS);
    }
  });
}

describe('arXiv listings stop reading at the limit', () => {
  it('list-pastweek-250.html: 7 of 250', () => {
    const [url] = pagesOf('arxiv').find(([, file]) => file === 'list-pastweek-250.html') ?? [];
    expect(url).toBeDefined();
    const doc = parseFixture('arxiv', 'list-pastweek-250.html');
    const arxiv = ADAPTERS.find((adapter) => adapter.id === 'arxiv')!;
    expect(arxiv.findEntries(doc, new URL(url!))).toHaveLength(250);
    expect(arxiv.findEntries(doc, new URL(url!), { limit: 7 })).toHaveLength(7);
  });
});
