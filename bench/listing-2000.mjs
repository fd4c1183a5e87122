// The 2,000-entry arXiv pastweek listing (test/fixtures/arxiv, generated with made-up text),
// at its real URL where the content script runs, and at a second URL where no content script
// matches: there the benchmarks time the adapter and the floor without the extension interfering.
export const LISTING_URL = 'https://arxiv.org/list/cs.LG/pastweek?show=2000';
export const BARE_LISTING_URL = 'https://arxiv.org/shelfmark-bench/pastweek-2000';
export const LISTING_ENTRIES = 2000;

/**
 * Serves the listing at BARE_LISTING_URL too.
 * @param {import('./browser-session.mjs').ChromiumSession} session
 */
export function serveBareListing(session) {
  if (!session.fixtures) throw new Error('the benchmark browser must serve fixtures');
  session.fixtures.alias(BARE_LISTING_URL, LISTING_URL);
}
