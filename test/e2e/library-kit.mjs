// The library page's scenarios, written once for both browsers over a small driver:
//   { openLibrary(hash), openPopup(), openPage(url), wait(page, fn, arg), front(page) }
// Steps act through the page's own DOM (extension pages: no closed shadow roots, no isTrusted
// checks on these controls) and read listing pages through the hosts' light-DOM mirrors.
import assert from 'node:assert/strict';
import { ARXIV_NEW } from './content-kit.mjs';

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
