// Every fixture page at its real URL, in both browsers: one <shelfmark-entry> per entry its
// adapter finds (the expected JSON beside the page), each right after the entry's title line, on
// every page kind; and the long listings (arXiv's 2,000 entries, CVF's 1,294) drawn as the user
// scrolls, with nothing moved.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { it } from 'node:test';
import { forEachBrowser } from './driver/index.mjs';
import { annotated } from './driver/shelfmark.mjs';
import { fixturePages } from './harness/fixtures.mjs';

/**
 * @typedef {{ url: string, site: string, ids: string[], anchorTags: string[] }} PageExpectation
 * @returns {PageExpectation[]}
 */
function pageExpectations() {
  // The link finder's pages on hosts no content script lists (`*.example.org`) are ones a user
  // turns it on for; mark-page.chromium.test.mjs covers them.
  const userEnabled = (/** @type {{ url: string, site: string }} */ page) => page.site === 'links' && new URL(page.url).hostname.endsWith('.example.org');
  return fixturePages().filter((page) => !userEnabled(page)).map(({ url, file, site }) => {
    /** @type {{ anchor: string, paper: { id: string } }[]} */
    const expected = JSON.parse(readFileSync(file.replace(/\.html$/u, '.expected.json'), 'utf8'));
    return {
      url,
      site,
      ids: expected.map((entry) => entry.paper.id),
      // The expected files name elements as tag.class…; the tag is what a host can be checked by.
      anchorTags: expected.map((entry) => entry.anchor.split(/[.#]/u)[0] ?? ''),
    };
  });
}

/**
 * IN THE PAGE: each host's id and the tag of the element it follows, in document order.
 * @returns {{ ready: string | null, hosts: { id: string | null, after: string | undefined }[] }}
 */
function readHosts() {
  return {
    ready: document.documentElement.getAttribute('data-shelfmark'),
    hosts: Array.from(document.querySelectorAll('shelfmark-entry'), (host) => ({
      id: host.getAttribute('data-shelfmark-id'),
      after: host.previousElementSibling?.localName,
    })),
  };
}

/**
 * What is wrong with one page's hosts, or [].
 * @param {PageExpectation} expected
 * @param {ReturnType<typeof readHosts>} seen
 * @returns {string[]}
 */
function hostProblems(expected, seen) {
  const problems = [];
  if (seen.ready !== 'ready') problems.push(`<html data-shelfmark> is ${JSON.stringify(seen.ready)}`);
  const sorted = (/** @type {(string | null | undefined)[]} */ list) => [...list].map(String).sort();
  const want = sorted(expected.ids);
  const got = sorted(seen.hosts.map((host) => host.id));
  if (want.join('\n') !== got.join('\n')) {
    problems.push(`expected ${want.length} hosts (one per entry), found ${got.length}`);
    const missing = want.filter((id) => !got.includes(id)).slice(0, 3);
    const extra = got.filter((id) => !want.includes(id)).slice(0, 3);
    if (missing.length) problems.push(`missing: ${missing.join(', ')}`);
    if (extra.length) problems.push(`unexpected: ${extra.join(', ')}`);
  }
  const anchorTags = new Set(expected.anchorTags);
  const misplaced = seen.hosts.filter((host) => !anchorTags.has(host.after ?? ''));
  if (misplaced.length) problems.push(`${misplaced.length} hosts not right after a title line (e.g. after <${misplaced[0]?.after}>)`);
  return problems;
}

/**
 * The long listings whose hosts are drawn as the user scrolls: the arXiv listing of 2,000 entries
 * (hosts inside each `dd`) and CVF's CVPR 2019 listing of 1,294 (hosts right after each title `dt`).
 * @typedef {{ name: string, url: string, entries: string, hostInside: boolean, total: number, target: number }} LongListing
 * @type {LongListing[]}
 */
const LONG_LISTINGS = [
  { name: 'the 2,000-entry arXiv listing', url: 'https://arxiv.org/list/cs.LG/pastweek?show=2000', entries: 'dl#articles > dd', hostInside: true, total: 2000, target: 1500 },
  { name: 'the 1,294-entry CVF listing', url: 'https://openaccess.thecvf.com/CVPR2019', entries: 'dl > dt.ptitle', hostInside: false, total: 1294, target: 1000 },
];

/**
 * IN THE PAGE, once annotated: scrolls to entry `target` and reports what the user would see. The
 * listing's CSS keeps room for every host, so annotating and drawing move nothing; hosts far off
 * screen wait, hidden, until the user scrolls near them.
 * @param {LongListing} listing
 */
async function scrollThroughLongListing({ entries, hostInside, total, target: targetIndex }) {
  const items = document.querySelectorAll(entries);
  const tops = () => [0, Math.floor(total / 4), targetIndex, total - 1].map((i) => Math.round(items[i].getBoundingClientRect().top + scrollY));
  const hosts = () => Array.from(document.querySelectorAll('shelfmark-entry'));
  const before = tops();
  const drawnAtFirst = hosts().filter((host) => !host.hidden).length;
  const item = items[targetIndex];
  const target = /** @type {HTMLElement} */ (hostInside ? item.querySelector('shelfmark-entry') : item.nextElementSibling);
  const hiddenBeforeScroll = target.hidden;
  item.scrollIntoView({ block: 'center' });
  // The content script draws in the scroll event, before the frame that shows the new position.
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  const title = /** @type {Element} */ (target.previousElementSibling).getBoundingClientRect();
  const box = target.getBoundingClientRect();
  const next = /** @type {Element} */ (target.nextElementSibling).getBoundingClientRect();
  return {
    isHost: target.localName === 'shelfmark-entry',
    total: hosts().length,
    drawnAtFirst,
    hiddenBeforeScroll,
    hiddenAfterScroll: target.hidden,
    // The host sits in the room kept under its title line, above the next line.
    insideTitleRoom: box.height > 0 && box.top >= title.top && box.bottom <= next.top + 0.5 && box.bottom <= title.bottom + 0.5,
    moved: JSON.stringify(tops()) !== JSON.stringify(before),
    drawnAfterScroll: hosts().filter((host) => !host.hidden).length,
  };
}

/**
 * What is wrong with a long listing's drawing, or [].
 * @param {LongListing} listing
 * @param {Awaited<ReturnType<typeof scrollThroughLongListing>>} seen
 */
function longListingProblems(listing, seen) {
  const problems = [];
  const entry = `entry ${listing.target.toLocaleString('en')}`;
  if (!seen.isHost) return [`no host right after ${entry}`];
  if (seen.total !== listing.total) problems.push(`${seen.total} hosts, not ${listing.total}`);
  if (seen.drawnAtFirst === 0 || seen.drawnAtFirst > 100) problems.push(`${seen.drawnAtFirst} hosts drawn at first (want the first screens only)`);
  if (!seen.hiddenBeforeScroll) problems.push(`${entry} was drawn before the user came near`);
  if (seen.hiddenAfterScroll) problems.push(`${entry} is still hidden once scrolled to`);
  if (!seen.insideTitleRoom) problems.push(`${entry}’s host is not inside the room kept under its title`);
  if (seen.moved) problems.push('drawing hosts moved the entries');
  if (seen.drawnAfterScroll > 200) problems.push(`${seen.drawnAfterScroll} hosts drawn after one scroll`);
  return problems;
}

/**
 * IN THE PAGE (Chromium: the Layout Instability API): every layout shift since the page began.
 * @returns {Promise<number[]>}
 */
function layoutShifts() {
  return new Promise((resolve) => {
    new PerformanceObserver((list, observer) => {
      observer.disconnect();
      resolve(list.getEntries().map((entry) => /** @type {any} */ (entry).value));
    }).observe({ type: 'layout-shift', buffered: true });
    setTimeout(() => resolve([]), 500);
  });
}

forEachBrowser('every fixture page', { timeout: 300_000 }, (suite) => {
  for (const expected of pageExpectations()) {
    it(`${expected.url}: ${expected.ids.length} entries, one host each`, async () => {
      const page = await suite.driver.openPage(expected.url);
      try {
        await annotated(page, 30_000);
        assert.deepEqual(hostProblems(expected, await page.evaluate(readHosts)), []);
      } finally {
        await page.close();
      }
    });
  }

  for (const listing of LONG_LISTINGS) {
    it(`${listing.name}: far entries drawn as they are scrolled to, nothing moved`, async () => {
      const page = await suite.driver.openPage(listing.url);
      try {
        await annotated(page, 30_000);
        // Only Chromium reports layout shifts (as it does for CLS); both measure the entries' places.
        if (suite.browser === 'chromium') assert.deepEqual(await page.evaluate(layoutShifts), []);
        assert.deepEqual(longListingProblems(listing, await page.evaluate(scrollThroughLongListing, listing)), []);
      } finally {
        await page.close();
      }
    });
  }
});
