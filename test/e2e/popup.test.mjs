// The reading-list popup, in both browsers: a paper saved on an arXiv listing appears in the open
// popup; search, status, notes, remove and undo, then export a backup and import it back, a
// BibTeX file, and a cut-short backup refused whole; a 50,000-entry BibTeX file parsed in a worker.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, it } from 'node:test';
import { forEachBrowser } from './driver/index.mjs';
import { TMP } from './harness/env.mjs';
import { ARXIV_NEW, SAVE_TOGGLE, annotated, eventually, readStoredPaper, waitForState } from './driver/shelfmark.mjs';

/** @type {string[]} */
const scratch = [];
after(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

/**
 * A file on disk to choose in the popup's file input.
 * @param {string} name
 * @param {string} content
 */
function fileToImport(name, content) {
  const dir = mkdtempSync(path.join(TMP, 'popup-import-'));
  scratch.push(dir);
  const file = path.join(dir, name);
  writeFileSync(file, content);
  return file;
}

/** @param {string} text */
const bodyHas = (text) => document.body.textContent?.includes(text) ?? false;

/**
 * A BibTeX file of `count` made-up arXiv entries (ids 2409.00001 on).
 * @param {number} count
 */
function madeUpBibtex(count) {
  const entries = [];
  for (let i = 1; i <= count; i += 1) {
    const n = String(i).padStart(5, '0');
    entries.push(`@misc{made${i},\n  title = {Invented Result Number ${i}},\n  author = {Doe, Jo and Roe, Ann},\n  eprint = {2409.${n}},\n  archivePrefix = {arXiv},\n  primaryClass = {cs.LG},\n  year = {2024}\n}\n`);
  }
  return entries.join('');
}

/**
 * Until `fn` is true in `tab`, asked every half second; an evaluation that fails is asked again.
 * @param {import('./driver/index.mjs').Tab} tab
 * @param {() => boolean} fn
 * @param {number} timeoutMs
 */
async function pollUntil(tab, fn, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let failure;
  while (Date.now() < deadline) {
    try {
      if (await tab.evaluate(fn)) return;
    } catch (error) {
      failure = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`not true after ${timeoutMs} ms${failure ? ` (last failure: ${failure})` : ''}: ${fn}`);
}

forEachBrowser('reading-list popup', { timeout: 480_000 }, (suite) => {
  it('lists a paper saved in another tab, and edits, removes, restores, exports and imports it', async () => {
    const { driver } = suite;
    /** @param {string} id */
    const stored = (id) => driver.inExtension(readStoredPaper, id);

    const popup = await driver.openExtensionPage('popup.html');
    await popup.waitFor(() => document.querySelector('h1')?.textContent === 'Shelfmark' && (document.body.textContent ?? '').includes('Your reading list is empty'));
    // The stylesheet is inlined into popup.html by the build; the page's CSP lets it apply.
    assert.equal(await popup.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--accent').trim() !== ''), true);

    const listing = await driver.openPage(ARXIV_NEW);
    await annotated(listing);
    const id = /** @type {string} */ (await listing.evaluate(() => document.querySelector('shelfmark-entry')?.getAttribute('data-shelfmark-id')));
    assert.ok(id);
    await listing.click('shelfmark-entry', { position: SAVE_TOGGLE });
    await waitForState(listing, id, 'saved');

    await popup.bringToFront();
    const row = `li.row[data-paper-id="${id}"]`;
    await popup.waitFor((r) => document.querySelector(r) !== null, row);
    const title = await popup.evaluate((r) => document.querySelector(`${r} .title`)?.textContent ?? '', row);
    assert.ok(title.length > 0);

    // Search as you type: a word of the title keeps it; nonsense empties the list.
    const search = 'input[aria-label="Search saved papers"]';
    await popup.fill(search, title.split(/\s+/u).find((w) => w.length > 3) ?? title);
    await popup.waitFor((r) => document.querySelector(r) !== null, row);
    await popup.fill(search, 'zzqqxxnothing');
    await popup.waitFor(bodyHas, 'No saved paper matches.');
    await popup.fill(search, '');
    await popup.waitFor((r) => document.querySelector(r) !== null, row);

    await popup.select(`${row} select[aria-label="Reading status"]`, 'reading');
    await eventually(async () => (await stored(id))?.status === 'reading', 'status reading');

    await popup.click(`${row} button[aria-label="Notes"]`);
    await popup.waitFor((r) => document.querySelector(`${r} textarea`) !== null, row);
    await popup.fill(`${row} textarea`, 'to discuss on Friday');
    await eventually(async () => (await stored(id))?.note === 'to discuss on Friday', 'the note');

    await popup.press('Escape');
    await popup.click(`${row} button[aria-label="Remove"]`);
    await popup.waitFor((r) => document.querySelector(r) === null, row);
    await popup.click('.toast button', { hasText: 'Undo' });
    await popup.waitFor((r) => document.querySelector(r) !== null, row);
    assert.equal(await popup.evaluate((r) => /** @type {HTMLSelectElement} */ (document.querySelector(`${r} select[aria-label="Reading status"]`)).value, row), 'reading');
    assert.equal((await stored(id))?.note, 'to discuss on Friday');

    // Export: the Blob the popup hands to its download link is the backup.
    await popup.evaluate(() => {
      const create = URL.createObjectURL.bind(URL);
      /** @type {any} */ (window).__exported = [];
      URL.createObjectURL = (blob) => {
        /** @type {any} */ (window).__exported.push(blob);
        return create(blob);
      };
    });
    await popup.click('summary', { hasText: 'Export / import' });
    await popup.click('button[data-format="backup"]');
    await popup.waitFor(() => /** @type {any} */ (window).__exported.length > 0);
    const text = await popup.evaluate(() => /** @type {any} */ (window).__exported[0].text());
    const backup = JSON.parse(text);
    assert.equal(backup.format, 'shelfmark-backup');
    assert.deepEqual(backup.papers.map((/** @type {{ id: string }} */ p) => p.id), [id]);

    // Remove the paper, import the file: it comes back with its status and note. (The open
    // menu covers the first row: closed for the click, opened again for the import.)
    await popup.click('summary', { hasText: 'Export / import' });
    await popup.click(`${row} button[aria-label="Remove"]`);
    await popup.waitFor((r) => document.querySelector(r) === null, row);
    await popup.click('summary', { hasText: 'Export / import' });
    const importInput = 'input[aria-label="Import a file"]';
    await popup.upload(importInput, fileToImport('shelfmark-backup.json', text));
    await popup.waitFor(() => document.querySelector('.import-report')?.textContent?.includes('1 added, 0 updated, 0 unchanged') ?? false);
    await popup.waitFor((r) => document.querySelector(r) !== null, row);
    assert.equal((await stored(id))?.status, 'reading');
    assert.equal((await stored(id))?.note, 'to discuss on Friday');

    // BibTeX: parsed in a worker the popup starts for the file (bibtex-worker.js).
    await popup.click('.import-notice button', { hasText: 'OK' });
    const bib = '@misc{doe2024, title={An Invented {BibTeX} Entry}, author={Doe, Jo}, eprint={2408.00042}, archivePrefix={arXiv}, primaryClass={cs.LG}}';
    await popup.upload(importInput, fileToImport('refs.bib', bib));
    await popup.waitFor(() => document.querySelector('.import-report')?.textContent?.includes('1 added, 0 updated, 0 unchanged') ?? false);
    await popup.waitFor(() => document.querySelector('li.row[data-paper-id="arxiv:2408.00042"]')?.textContent?.includes('An Invented BibTeX Entry') ?? false);

    // A backup cut short: the background reads and checks it, refuses it whole, nothing changes.
    await popup.click('.import-notice button', { hasText: 'OK' });
    const before = await popup.evaluate(() => document.querySelectorAll('li.row').length);
    await popup.upload(importInput, fileToImport('cut.json', text.slice(0, 300)));
    await popup.waitFor(() => document.querySelector('.import-notice.error .import-error') !== null);
    const error = await popup.evaluate(() => document.querySelector('.import-notice.error .import-error')?.textContent ?? '');
    assert.match(error, /^This is not a valid JSON file \(.*\)\. Was it cut short\?$/);
    assert.equal(await popup.evaluate(() => document.querySelectorAll('li.row').length), before);
    assert.equal((await stored(id))?.status, 'reading');
  });

  it('parses a 50,000-entry BibTeX file in a worker, not on the popup\'s main thread (issue 14)', { timeout: 300_000 }, async () => {
    const { driver } = suite;
    const popup = await driver.openExtensionPage('popup.html');
    await popup.waitFor(() => document.querySelector('h1')?.textContent === 'Shelfmark');
    // Which workers the popup starts, by script.
    await popup.evaluate(() => {
      const Native = Worker;
      /** @type {any} */ (window).__workers = [];
      window.Worker = class extends Native {
        /** @param {string | URL} url @param {WorkerOptions} [options] */
        constructor(url, options) {
          super(url, options);
          /** @type {any} */ (window).__workers.push(new URL(url, location.href).pathname);
        }
      };
    });
    await popup.click('summary', { hasText: 'Export / import' });
    await popup.upload('input[aria-label="Import a file"]', fileToImport('big.bib', madeUpBibtex(50_000)));
    // While the worker parses, the popup's own thread answers (and shows the import under way).
    await popup.waitFor(() => /** @type {any} */ (window).__workers.length > 0, undefined, { timeout: 60_000 });
    const during = await popup.evaluate(() => ({
      workers: /** @type {any} */ (window).__workers,
      parserOnPage: 'shelfmarkBibtex' in window || [...document.scripts].some((script) => script.src.includes('bibtex')),
    }));
    assert.deepEqual(during, { workers: ['/bibtex-worker.js'], parserOnPage: false });
    // Polled from here: in Firefox under load, one poll of the page's own waitFor failed ("Waiting
    // failed") while the popup took in 50,000 new papers; a failed poll is tried again.
    await pollUntil(popup, () => document.querySelector('.import-report')?.textContent?.includes('50000 added, 0 updated, 0 unchanged') ?? false, 240_000);
    for (const id of ['arxiv:2409.00001', 'arxiv:2409.50000']) {
      assert.equal((await driver.inExtension(readStoredPaper, id))?.status, 'unread', id);
    }
  });
});
