// Every fixture page, opened at its real URL, must get exactly one <shelfmark-entry> per entry
// its adapter finds (the expected JSON beside the page), each right after the entry's title line.
import { readFileSync } from 'node:fs';
import { fixturePages } from './harness/fixtures.mjs';

/**
 * @typedef {{ url: string, site: string, ids: string[], anchorTags: string[] }} PageExpectation
 * @returns {PageExpectation[]}
 */
export function pageExpectations() {
  return fixturePages().map(({ url, file, site }) => {
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
export function readHosts() {
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
export function hostProblems(expected, seen) {
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
