// A listing's identity for the seen history: its URL without the parts that change from one
// visit to the next without changing what is listed. arXiv `/list/cs.LG/new?skip=0&show=2000`
// and `/list/cs.LG/new` are one listing, every day; a search's query stays part of its key.

// Paging, page size, ordering and trackers: the same listing, another slice or view of it.
const VOLATILE_PARAMS = new Set(['skip', 'show', 'start', 'size', 'page', 'p', 'order', 'sort', 'fbclid', 'gclid']);
const LISTING_KEY_MAX = 1_000;

export function listingKey(url: URL): string {
  const params = [...url.searchParams]
    .filter(([name]) => !VOLATILE_PARAMS.has(name.toLowerCase()) && !name.toLowerCase().startsWith('utm_'))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const query = new URLSearchParams(params).toString();
  const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/u, '') : url.pathname;
  return `${url.origin}${path}${query ? `?${query}` : ''}`.slice(0, LISTING_KEY_MAX);
}
