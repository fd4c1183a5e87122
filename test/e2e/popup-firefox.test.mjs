// The reading-list popup in Firefox ESR (puppeteer over WebDriver BiDi; the popup opened as a
// page by the harness): a paper saved on an arXiv listing appears in the open popup; search,
// status, notes, remove and undo, then export a backup and import it back.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ARXIV_NEW, SAVE_TOGGLE, readStoredPaper } from './content-kit.mjs';
import { launchFirefox } from './harness/firefox.mjs';

/** In the popup: the stored record of `id`, read from the extension's IndexedDB. */
const stored = (popup, id) => popup.evaluate(`(${readStoredPaper})(${JSON.stringify(id)})`);

async function waitFor(check, what, timeout = 10_000) {
  const end = Date.now() + timeout;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Clicks the button whose text or aria-label is `name` inside `scope`. */
function clickButton(popup, scope, name) {
  return popup.evaluate(
    (s, n) => {
      const button = [...document.querySelectorAll(`${s} button`)].find((b) => b.getAttribute('aria-label') === n || b.textContent.trim() === n);
      if (!button) throw new Error(`no button ${n} in ${s}`);
      button.click();
    },
    scope,
    name,
  );
}

/** Hands `content` to the popup's import input as the chosen file. */
function chooseFile(popup, content, name) {
  return popup.evaluate(
    (text, fileName) => {
      const input = document.querySelector('input[type=file]');
      const files = new DataTransfer();
      files.items.add(new File([text], fileName));
      input.files = files.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
    },
    content,
    name,
  );
}

describe('Firefox: reading-list popup', { timeout: 180_000 }, () => {
  /** @type {import('./harness/firefox.mjs').FirefoxSession} */
  let session;
  before(async () => {
    session = await launchFirefox();
  });
  after(() => session?.close());

  it('lists a paper saved in another tab, and edits, removes, restores, exports and imports it', async () => {
    const popup = await session.openPopup();
    await popup.waitForFunction(() => document.querySelector('h1')?.textContent === 'Shelfmark' && document.body.textContent.includes('Your reading list is empty'), { timeout: 10_000 });
    // The stylesheet is inlined into popup.html by the build; the page's CSP lets it apply.
    assert.equal(await popup.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--accent').trim() !== ''), true);

    const listing = await session.openPage(ARXIV_NEW);
    await listing.waitForFunction(() => document.documentElement.getAttribute('data-shelfmark') === 'ready', { timeout: 15_000 });
    const host = await listing.$('shelfmark-entry');
    const id = await host.evaluate((h) => h.getAttribute('data-shelfmark-id'));
    await host.scrollIntoView();
    const box = await host.boundingBox();
    await listing.mouse.click(box.x + SAVE_TOGGLE.x, box.y + SAVE_TOGGLE.y);
    await listing.waitForFunction((i) => document.querySelector(`shelfmark-entry[data-shelfmark-id="${i}"]`)?.getAttribute('data-state') === 'saved', { timeout: 10_000 }, id);

    await popup.bringToFront();
    const row = `li.row[data-paper-id="${id}"]`;
    await popup.waitForSelector(row, { timeout: 10_000 });

    await popup.type('input[type=search]', 'zzqqxxnothing');
    await popup.waitForFunction(() => document.body.textContent.includes('No saved paper matches.'));
    await clickButton(popup, '.empty', 'Clear search and filters');
    await popup.waitForSelector(row);

    await popup.select(`${row} select.status`, 'done');
    await waitFor(async () => (await stored(popup, id))?.status === 'done', 'status done');

    await clickButton(popup, row, 'Notes');
    await popup.waitForSelector(`${row} textarea`);
    await popup.type(`${row} textarea`, 'firefox note');
    await waitFor(async () => (await stored(popup, id))?.note === 'firefox note', 'the note');

    await clickButton(popup, row, 'Remove');
    await popup.waitForFunction((r) => !document.querySelector(r), {}, row);
    await clickButton(popup, '.toast', 'Undo');
    await popup.waitForSelector(row);
    assert.equal((await stored(popup, id))?.note, 'firefox note');

    // Export: the Blob handed to the download link is the backup.
    await popup.evaluate(() => {
      const create = URL.createObjectURL.bind(URL);
      window.__exported = [];
      URL.createObjectURL = (blob) => {
        window.__exported.push(blob);
        return create(blob);
      };
    });
    await popup.evaluate(() => document.querySelector('details.data-menu').setAttribute('open', ''));
    await popup.click('button[data-format="backup"]');
    const text = await popup.evaluate(() => window.__exported[0].text());
    const backup = JSON.parse(text);
    assert.equal(backup.format, 'shelfmark-backup');
    assert.deepEqual(backup.papers.map((p) => p.id), [id]);

    await clickButton(popup, row, 'Remove');
    await popup.waitForFunction((r) => !document.querySelector(r), {}, row);
    // Import through the file input's change event with the exported text as the chosen file.
    await chooseFile(popup, text, 'shelfmark-backup.json');
    await popup.waitForFunction(() => document.querySelector('.import-report')?.textContent.includes('1 added, 0 updated, 0 unchanged'), { timeout: 10_000 });
    await popup.waitForSelector(row);
    assert.equal((await stored(popup, id))?.status, 'done');

    // BibTeX: the parser is a second script, loaded on the first BibTeX import.
    await clickButton(popup, '.import-notice', 'OK');
    await chooseFile(popup, '@misc{doe2024, title={An Invented {BibTeX} Entry}, author={Doe, Jo}, eprint={2408.00042}, archivePrefix={arXiv}}', 'refs.bib');
    await popup.waitForFunction(() => document.querySelector('.import-report')?.textContent.includes('1 added, 0 updated, 0 unchanged'), { timeout: 10_000 });
    await popup.waitForSelector('li.row[data-paper-id="arxiv:2408.00042"]');

    // A backup cut short: the background page reads and checks it (a blob: URL the popup made),
    // refuses it whole, and nothing changes.
    await clickButton(popup, '.import-notice', 'OK');
    const before = await popup.evaluate(() => document.querySelectorAll('li.row').length);
    await chooseFile(popup, text.slice(0, 300), 'cut.json');
    await popup.waitForSelector('.import-notice.error .import-error', { timeout: 10_000 });
    const error = await popup.evaluate(() => document.querySelector('.import-notice.error .import-error').textContent);
    assert.match(error, /^This is not a valid JSON file \(.*\)\. Was it cut short\?$/);
    assert.equal(await popup.evaluate(() => document.querySelectorAll('li.row').length), before);
    assert.equal((await stored(popup, id))?.status, 'done');
  });
});
