// The reading-list popup in real Chromium: a paper saved on an arXiv listing appears in the open
// popup; search, status, notes, remove and undo, then export a backup and import it back.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { ARXIV_NEW, SAVE_TOGGLE, readStoredPaper } from './content-kit.mjs';
import { launchChromium } from './harness/chromium.mjs';

describe('Chromium: reading-list popup', { timeout: 180_000 }, () => {
  /** @type {import('./harness/chromium.mjs').ChromiumSession} */
  let session;
  before(async () => {
    session = await launchChromium();
  });
  after(() => session?.close());

  it('lists a paper saved in another tab, and edits, removes, restores, exports and imports it', async () => {
    const popup = await session.openPopup();
    await popup.getByRole('heading', { name: 'Shelfmark' }).waitFor();
    await popup.getByText('Your reading list is empty').waitFor();
    // The stylesheet is inlined into popup.html by the build; the page's CSP lets it apply.
    assert.equal(await popup.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--accent').trim() !== ''), true);

    const listing = await session.openPage(ARXIV_NEW);
    await listing.locator('html[data-shelfmark="ready"]').waitFor({ state: 'attached', timeout: 15_000 });
    const host = listing.locator('shelfmark-entry').first();
    const id = await host.getAttribute('data-shelfmark-id');
    await host.click({ position: SAVE_TOGGLE });
    await listing.waitForFunction((h) => h.getAttribute('data-state') === 'saved', await host.elementHandle());

    await popup.bringToFront();
    const row = popup.locator(`li.row[data-paper-id="${id}"]`);
    await row.waitFor({ timeout: 10_000 });
    const title = (await row.locator('.title').textContent()) ?? '';
    assert.ok(title.length > 0);

    // Search as you type: a word of the title keeps it; nonsense empties the list.
    const search = popup.getByLabel('Search saved papers');
    await search.fill(title.split(/\s+/u).find((w) => w.length > 3) ?? title);
    await row.waitFor();
    await search.fill('zzqqxxnothing');
    await popup.getByText('No saved paper matches.').waitFor();
    await search.fill('');

    await row.getByLabel('Reading status').selectOption('reading');
    await popup.waitForFunction(async ([fn, key]) => (await new Function(`return (${fn})`)()(key))?.status === 'reading', [readStoredPaper.toString(), id]);

    await row.getByRole('button', { name: 'Notes' }).click();
    await popup.getByLabel(/Notes/u).last().fill('to discuss on Friday');
    await popup.waitForFunction(async ([fn, key]) => (await new Function(`return (${fn})`)()(key))?.note === 'to discuss on Friday', [readStoredPaper.toString(), id], { timeout: 5_000 });

    await popup.keyboard.press('Escape');
    await row.getByRole('button', { name: 'Remove' }).click();
    await row.waitFor({ state: 'detached' });
    await popup.getByRole('button', { name: 'Undo' }).click();
    await row.waitFor();
    assert.equal(await row.getByLabel('Reading status').inputValue(), 'reading');

    // Export the backup, remove the paper, import the file: it comes back with its note.
    await popup.locator('summary', { hasText: 'Export / import' }).click();
    const [download] = await Promise.all([popup.waitForEvent('download'), popup.getByRole('button', { name: 'Full backup (JSON)' }).click()]);
    const file = await download.path();
    const backup = JSON.parse(readFileSync(file, 'utf8'));
    assert.equal(backup.format, 'shelfmark-backup');
    assert.deepEqual(backup.papers.map((p) => p.id), [id]);
    await popup.locator('summary', { hasText: 'Export / import' }).click();
    await row.getByRole('button', { name: 'Remove' }).click();
    await row.waitFor({ state: 'detached' });
    await popup.locator('summary', { hasText: 'Export / import' }).click();
    await popup.getByLabel('Import a file').setInputFiles(file);
    await popup.locator('.import-report').getByText('1 added, 0 updated, 0 unchanged').waitFor();
    await row.waitFor();
    assert.equal(await row.getByLabel('Reading status').inputValue(), 'reading');

    // BibTeX: the parser is a second script, loaded on the first BibTeX import.
    await popup.getByRole('button', { name: 'OK' }).click();
    const bib = '@misc{doe2024, title={An Invented {BibTeX} Entry}, author={Doe, Jo}, eprint={2408.00042}, archivePrefix={arXiv}, primaryClass={cs.LG}}';
    await popup.getByLabel('Import a file').setInputFiles({ name: 'refs.bib', mimeType: 'text/plain', buffer: Buffer.from(bib) });
    await popup.locator('.import-report').getByText('1 added, 0 updated, 0 unchanged').waitFor();
    await popup.locator('li.row[data-paper-id="arxiv:2408.00042"]').getByText('An Invented BibTeX Entry').waitFor();

    // A backup cut short: the background reads and checks it, refuses it whole, nothing changes.
    await popup.getByRole('button', { name: 'OK' }).click();
    const before = await popup.locator('li.row').count();
    const cut = readFileSync(file, 'utf8').slice(0, 300);
    await popup.getByLabel('Import a file').setInputFiles({ name: 'cut.json', mimeType: 'application/json', buffer: Buffer.from(cut) });
    const error = popup.locator('.import-notice.error .import-error');
    await error.waitFor();
    assert.match(await error.textContent(), /^This is not a valid JSON file \(.*\)\. Was it cut short\?$/);
    assert.equal(await popup.locator('li.row').count(), before);
    assert.equal((await session.serviceWorker.evaluate(readStoredPaper, id))?.status, 'reading');
  });
});
