// The library page's scenarios, written once for both browsers (library.test.mjs runs them):
//   { openLibrary(hash), openPopup(), openPage(url), wait(page, fn, arg), front(page) }
// Steps act through the page's own DOM (extension pages: no closed shadow roots, no isTrusted
// checks on these controls) and read listing pages through the hosts' light-DOM mirrors.
import assert from 'node:assert/strict';
import { ARXIV_NEW } from './driver/shelfmark.mjs';

/** In a page: click the element `selector` matches (or fail). */
export function clickIn(selector) {
  const element = document.querySelector(selector);
  if (!element) throw new Error(`nothing matches ${selector}`);
  element.click();
}

const hostCount = () => document.querySelectorAll('shelfmark-entry').length;

/** Theme, sites on/off and the backup date, from the library's settings. */
export async function settingsScenario(d) {
  const library = await d.openLibrary('#settings');
  await d.wait(library, () => document.querySelector('#settings-sites input[data-site="arxiv"]') !== null);

  // Dark theme: this page and the popup follow it at once.
  await library.evaluate(clickIn, 'input[name="theme"][value="dark"]');
  await d.wait(library, () => document.documentElement.dataset.theme === 'dark');
  const popup = await d.openPopup();
  await d.wait(popup, () => document.documentElement.dataset.theme === 'dark' && document.querySelector('[data-action="open-library"]') !== null);
  assert.equal(await popup.evaluate(() => getComputedStyle(document.body).backgroundColor), 'rgb(23, 25, 29)');
  await d.front(library);
  await library.evaluate(clickIn, 'input[name="theme"][value="light"]');
  await d.wait(popup, () => document.documentElement.dataset.theme === 'light');

  // Sites off and on again: an open listing loses and regains its hosts without a reload.
  const listing = await d.openPage(ARXIV_NEW);
  await d.wait(listing, () => document.documentElement.getAttribute('data-shelfmark') === 'ready');
  assert.ok((await listing.evaluate(hostCount)) > 0);
  await d.front(library);
  await library.evaluate(clickIn, 'input[data-site="arxiv"]');
  await d.wait(listing, () => document.querySelectorAll('shelfmark-entry').length === 0);
  await library.evaluate(clickIn, 'input[data-site="arxiv"]');
  await d.wait(listing, () => document.querySelectorAll('shelfmark-entry').length > 0);

  // Backup now: the date of the last backup shows.
  assert.match(await library.evaluate(() => document.querySelector('[data-last-backup]').textContent), /No backup made yet/u);
  await library.evaluate(clickIn, '[data-action="backup-now"]');
  await d.wait(library, () => /^Last backup: /u.test(document.querySelector('[data-last-backup]').textContent));
  return { library, popup, listing };
}

/** In an extension page: every stored paper, read straight from IndexedDB. */
export function storedPapers() {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('shelfmark');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const read = open.result.transaction('papers').objectStore('papers').getAll();
      read.onsuccess = () => {
        open.result.close();
        resolve(read.result.map((p) => ({ id: p.id, tags: p.tags, status: p.status })));
      };
      read.onerror = () => reject(read.error);
    };
  });
}

/** In an extension page: one request to the background, as the pages send them. */
export async function sendRequest({ type, payload }) {
  const result = await (globalThis.browser ?? globalThis.chrome).runtime.sendMessage({ shelfmark: 1, type, payload });
  if (!result?.ok) throw new Error(result?.error ?? `no answer to ${type}`);
  return result.value;
}

/** In an extension page: counts the requests it sends from now on, by type (window.__sent). */
export function countRequests() {
  const runtime = (globalThis.browser ?? globalThis.chrome).runtime;
  const send = runtime.sendMessage.bind(runtime);
  window.__sent = [];
  runtime.sendMessage = (message, ...rest) => {
    window.__sent.push(message?.type);
    return send(message, ...rest);
  };
}

/** In a page: types `value` into the input `selector` matches, as Preact hears it. */
export function typeIn({ selector, value }) {
  const input = document.querySelector(selector);
  if (!input) throw new Error(`nothing matches ${selector}`);
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

const popupChips = (id) => [...document.querySelectorAll(`li.row[data-paper-id="${id}"] .chips .chip`)].map((chip) => chip.textContent);

async function pollUntil(check, what, timeout = 10_000) {
  const end = Date.now() + timeout;
  let last;
  while (Date.now() < end) {
    last = await check();
    if (last === true) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(last)})`);
}

/**
 * Rename and merge in the tag manager reach an open listing tab (`d.chipsOf`, where the browser
 * lets a test see into closed shadow roots) and the open popup without a reload; tagging 500
 * selected papers is one request and one Undo.
 */
export async function tagsScenario(d) {
  const listing = await d.openPage(ARXIV_NEW);
  await d.wait(listing, () => document.documentElement.getAttribute('data-shelfmark') === 'ready');
  const ids = await listing.evaluate(() => [...new Set([...document.querySelectorAll('shelfmark-entry')].map((h) => h.getAttribute('data-shelfmark-id')))].slice(0, 2));
  const library = await d.openLibrary('#tags');
  await d.wait(library, () => document.querySelector('.tag-manager') !== null);

  // The listing's two papers saved last, so they head the popup's list (it draws only the rows in view).
  const paper = (id, title, tags, savedAt = 1_700_000_000_000) => ({ id, aliases: [id], title, authors: ['Ada Placeholder'], tags, status: 'unread', note: '', savedAt, updatedAt: savedAt });
  const seeds = Array.from({ length: 500 }, (_, i) => paper(`arxiv:2501.${String(10000 + i)}`, `Invented bulk paper ${i}`, ['seed']));
  await library.evaluate(sendRequest, {
    type: 'importPapers',
    payload: { papers: [paper(ids[0], 'Invented listing paper A', ['RL'], 1_700_000_200_000), paper(ids[1], 'Invented listing paper B', ['RL', 'policy'], 1_700_000_100_000), ...seeds], tags: [] },
  });
  const popup = await d.openPopup();
  await d.wait(popup, (id) => document.querySelectorAll(`li.row[data-paper-id="${id}"] .chips .chip`).length > 0, ids[1]);
  assert.deepEqual(await popup.evaluate(popupChips, ids[1]), ['RL', 'policy']);
  if (d.chipsOf) await pollUntil(async () => JSON.stringify(await d.chipsOf(listing, ids[1])) === JSON.stringify([['RL', 'policy']]), 'chips on the listing');

  // Rename "RL" to "Reinforcement".
  await d.front(library);
  await d.wait(library, () => document.querySelector('tr[data-tag-key="rl"]') !== null);
  await library.evaluate(clickIn, 'tr[data-tag-key="rl"] [data-action="rename-tag"]');
  await library.evaluate(typeIn, { selector: 'tr[data-tag-key="rl"] form input', value: 'Reinforcement' });
  await library.evaluate(() => document.querySelector('tr[data-tag-key="rl"] form').requestSubmit());
  await d.wait(library, () => document.querySelector('tr[data-tag-key="reinforcement"]') !== null && document.querySelector('tr[data-tag-key="rl"]') === null);
  await pollUntil(async () => JSON.stringify(await popup.evaluate(popupChips, ids[1])) === '["Reinforcement","policy"]', 'the rename in the popup');
  assert.deepEqual(await popup.evaluate(popupChips, ids[0]), ['Reinforcement']);
  if (d.chipsOf) await pollUntil(async () => JSON.stringify(await d.chipsOf(listing, ids[1])) === JSON.stringify([['Reinforcement', 'policy']]), 'the rename on the listing');

  // Merge "policy" into "reinforcement": the same tag as "Reinforcement" (case-insensitive), so one chip.
  await library.evaluate(clickIn, 'tr[data-tag-key="policy"] [data-action="merge-tag"]');
  await library.evaluate(typeIn, { selector: 'tr[data-tag-key="policy"] form input', value: 'reinforcement' });
  await library.evaluate(() => document.querySelector('tr[data-tag-key="policy"] form').requestSubmit());
  await d.wait(library, () => document.querySelector('tr[data-tag-key="policy"]') === null);
  assert.equal(await library.evaluate(() => document.querySelectorAll('tr[data-tag-key="reinforcement"]').length), 1);
  await pollUntil(async () => JSON.stringify(await popup.evaluate(popupChips, ids[1])) === '["reinforcement"]', 'the merge in the popup');
  if (d.chipsOf) await pollUntil(async () => JSON.stringify(await d.chipsOf(listing, ids[1])) === JSON.stringify([['reinforcement']]), 'the merge on the listing');

  // Bulk: the 500 papers tagged "seed", selected with "select all shown", get "batch" in one step.
  await library.evaluate(() => {
    location.hash = '#papers';
  });
  await d.wait(library, () => document.querySelector('.tag-filter') !== null);
  await library.evaluate(() => [...document.querySelectorAll('.tag-filter button')].find((b) => b.textContent.startsWith('seed')).click());
  await d.wait(library, () => /^500 of 502 papers/u.test(document.querySelector('.summary').textContent));
  await library.evaluate(clickIn, '[data-action="select-all"]');
  await d.wait(library, () => document.querySelector('.bulk-bar .count').textContent === '500 selected');
  await library.evaluate(countRequests);
  await library.evaluate(typeIn, { selector: 'input[aria-label="Tag for the selected papers"]', value: 'batch' });
  await library.evaluate(clickIn, '[data-action="bulk-add-tag"]');
  await d.wait(library, () => /Tagged 500 papers/u.test(document.querySelector('.toast')?.textContent ?? ''));
  assert.deepEqual(await library.evaluate(() => window.__sent), ['bulkEdit']);
  const tagged = await library.evaluate(storedPapers);
  assert.equal(tagged.filter((p) => p.tags.includes('batch')).length, 500);
  await library.evaluate(() => [...document.querySelectorAll('.toast button')].find((b) => b.textContent === 'Undo').click());
  await pollUntil(async () => (await library.evaluate(storedPapers)).every((p) => !p.tags.includes('batch')), 'one Undo to untag all 500');
  assert.deepEqual(await library.evaluate(() => window.__sent), ['bulkEdit', 'restoreFields']);
}

/** In a page: the text of the next file the page saves (downloadText makes a blob: URL of it). */
export function catchDownload() {
  const create = URL.createObjectURL.bind(URL);
  window.__downloads = [];
  URL.createObjectURL = (blob) => {
    void blob.text().then((text) => window.__downloads.push(text));
    return create(blob);
  };
}

/** In a page: hands `text` to the file input as the user's choice of file `name`. */
export function chooseFile({ name, text }) {
  const input = document.querySelector('input[type=file]');
  const files = new DataTransfer();
  files.items.add(new File([text], name, { type: 'application/json' }));
  input.files = files.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

/** Our CSL-JSON export, read back by the import: the same papers, titles, authors and tags. */
export async function cslScenario(d) {
  const library = await d.openLibrary('#papers');
  await d.wait(library, () => document.querySelector('.summary') !== null || document.querySelector('.empty') !== null);
  const paper = (id, title, authors, tags) => ({ id, aliases: [id], title, authors, tags, status: 'unread', note: '', savedAt: 1_700_000_000_000, updatedAt: 1_700_000_000_000 });
  await library.evaluate(sendRequest, {
    type: 'importPapers',
    payload: {
      papers: [
        paper('arxiv:2503.20001', 'Invented round trip one', ['Ada M. Placeholder', 'Jan van der Berg'], ['csl', 'Loop']),
        paper('doi:10.9999/roundtrip.2', 'Invented round trip two', ['Bo Fictional'], ['csl']),
      ],
      tags: [],
    },
  });
  const before = (await library.evaluate(storedPapers)).filter((p) => p.tags.includes('csl'));
  assert.equal(before.length, 2);
  await d.wait(library, () => [...document.querySelectorAll('.tag-filter button')].some((b) => b.textContent.startsWith('csl')));
  await library.evaluate(() => [...document.querySelectorAll('.tag-filter button')].find((b) => b.textContent.startsWith('csl')).click());
  await d.wait(library, () => /^2 of /u.test(document.querySelector('.summary').textContent));
  await library.evaluate(clickIn, '[data-action="select-all"]');
  await library.evaluate(catchDownload);
  await library.evaluate(() => {
    const select = document.querySelector('select[aria-label="Export the selected papers"]');
    select.value = 'csl-json';
    select.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await d.wait(library, () => window.__downloads.length === 1);
  const csl = await library.evaluate(() => window.__downloads[0]);
  assert.equal(JSON.parse(csl).length, 2);

  // Delete both (one step), then import the file: both come back as they were.
  await library.evaluate(clickIn, '[data-action="bulk-delete"]');
  await pollUntil(async () => (await library.evaluate(storedPapers)).every((p) => !p.tags.includes('csl')), 'the papers to go');
  await library.evaluate(chooseFile, { name: 'zotero.json', text: csl });
  await d.wait(library, () => /2 added, 0 updated, 0 unchanged/u.test(document.querySelector('.import-report')?.textContent ?? ''));
  const after = (await library.evaluate(storedPapers)).filter((p) => p.tags.includes('csl'));
  assert.deepEqual(
    after.map((p) => [p.id, p.tags]).sort(),
    before.map((p) => [p.id, p.tags]).sort(),
  );
}
