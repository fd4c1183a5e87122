// The arXiv listing walk stops at a limit (the content script's first screen); any limit, including
// ones that end inside a later dl#articles (/new has three, catchup too), must give exactly the full
// result's first entries.
import { expect, it } from 'vitest';
import { arxiv } from '../../src/sites/arxiv';
import { pagesOf, parseFixture } from './fixture-pages';
import { serializeEntries } from './serialize-entries';

const listings = pagesOf('arxiv').filter(([url]) => new URL(url).pathname.match(/^\/(list|catchup)/u));

it('there are listing fixtures to walk', () => {
  expect(listings.length).toBeGreaterThan(3);
});

for (const [url, file] of listings) {
  it(`${file}: every limit gives the full result's prefix`, () => {
    const doc = parseFixture('arxiv', file);
    const all = arxiv.findEntries(doc, new URL(url));
    // Every limit on small pages; on long ones the start, the end and a stride between.
    const limits = all.length <= 40 ? [...Array(all.length + 3).keys()] : [0, 1, 2, 3, 17, 60, 61, all.length - 1, all.length, all.length + 1];
    for (const limit of limits) {
      const some = arxiv.findEntries(doc, new URL(url), { limit });
      expect(some.length).toBe(Math.min(limit, all.length));
      expect(serializeEntries(some)).toEqual(serializeEntries(all.slice(0, limit)));
      expect(some.map((entry) => entry.element)).toEqual(all.slice(0, limit).map((entry) => entry.element));
    }
  });
}
