// The triage (seen history) scenario, shared by triage.chromium.test.mjs and
// triage.firefox.test.mjs over a small driver: open a page, open the popup, evaluate in a page.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { crossSiteFixtures } from './triage-fixtures.mjs';

export const LG_NEW = 'https://arxiv.org/list/cs.LG/new';
export const AI_NEW = 'https://arxiv.org/list/cs.AI/new';
/** Listed on cs.LG/new only from its second visit on: "new since your last visit". */
export const ADDED = ['arxiv:2609.10004', 'arxiv:2609.10005'];

/**
 * The committed fixtures plus cs.AI/new, another listing of the same papers; cs.LG/new is served
 * first without the ADDED papers (in their place, two others), until `restoreLgNew`.
 */
export function triageFixtures() {
  const dir = crossSiteFixtures();
  const arxiv = path.join(dir, 'arxiv');
  const original = readFileSync(path.join(arxiv, 'list-new.html'), 'utf8');
  writeFileSync(path.join(arxiv, 'list-ai-new.html'), original);
  writeFileSync(path.join(arxiv, 'list-new-original.html'), original);
  const pages = JSON.parse(readFileSync(path.join(arxiv, 'pages.json'), 'utf8'));
  pages[AI_NEW] = 'list-ai-new.html';
  writeFileSync(path.join(arxiv, 'pages.json'), JSON.stringify(pages, null, 2));
  let before = original;
  for (const id of ADDED) before = before.replaceAll(id.slice('arxiv:'.length), id.slice('arxiv:'.length).replace('.1', '.9'));
  writeFileSync(path.join(arxiv, 'list-new.html'), before);
  return dir;
}

/** @param {string} dir */
export function restoreLgNew(dir) {
  const arxiv = path.join(dir, 'arxiv');
  writeFileSync(path.join(arxiv, 'list-new.html'), readFileSync(path.join(arxiv, 'list-new-original.html')));
}

/** In the page: each host's id and its marks (the test build mirrors them as data-marks). */
export function marksOnPage() {
  /** @type {Record<string, string>} */
  const out = {};
  for (const host of document.querySelectorAll('shelfmark-entry')) {
    out[host.getAttribute('data-shelfmark-id') ?? ''] = host.getAttribute('data-marks') ?? '';
  }
  return out;
}

/**
 * In an extension page: a Shelfmark request, answered value (or throws the error).
 * @param {{ type: string, payload: unknown }} arg
 */
export async function requestFromExtensionPage({ type, payload }) {
  const api = /** @type {any} */ (globalThis).browser ?? /** @type {any} */ (globalThis).chrome;
  const answer = await api.runtime.sendMessage({ shelfmark: 1, type, payload });
  if (!answer?.ok) throw new Error(answer?.error ?? 'no answer');
  return answer.value;
}

/**
 * In an extension page: ids in the seen store, and moves every listing's visit back by `ms`
 * (as if that much time had passed since).
 * @param {number} ms
 */
export function seenIdsAndAgeVisits(ms) {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('shelfmark');
    open.onerror = () => reject(String(open.error));
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction(['seen', 'visits'], 'readwrite');
      const ids = tx.objectStore('seen').getAllKeys();
      const visits = tx.objectStore('visits');
      const cursor = visits.openCursor();
      cursor.onsuccess = () => {
        const at = cursor.result;
        if (!at) return;
        at.update({ ...at.value, at: at.value.at - ms, startedAt: at.value.startedAt - ms });
        at.continue();
      };
      tx.oncomplete = () => {
        db.close();
        resolve(ids.result);
      };
      tx.onerror = () => reject(String(tx.error));
    };
  });
}

/**
 * @typedef {{ evaluate: (fn: Function, arg?: any) => Promise<any>, close: () => Promise<void> }} DriverPage
 * @typedef {{
 *   openPage: (url: string) => Promise<DriverPage>,
 *   openPopup: () => Promise<DriverPage>,
 *   ready: (page: DriverPage) => Promise<void>,
 *   shadowMarks?: (page: DriverPage) => Promise<Record<string, string>>,
 * }} TriageDriver
 */

/**
 * @param {DriverPage} page
 * @param {(marks: Record<string, string>) => boolean} check
 */
async function marksWhen(page, check) {
  let marks = {};
  for (let i = 0; i < 100; i++) {
    marks = await page.evaluate(marksOnPage);
    if (check(marks)) return marks;
    await sleep(100);
  }
  assert.fail(`marks never matched: ${JSON.stringify(marks)}`);
}

/**
 * @param {TriageDriver} driver
 * @param {string} fixturesDir
 */
export async function seenOnOneListingThenAnother(driver, fixturesDir) {
  // First visit: the top entries stay on screen for more than a second, then are reported.
  const first = await driver.openPage(LG_NEW);
  await driver.ready(first);
  assert.deepEqual(Object.values(await first.evaluate(marksOnPage)).filter(Boolean), [], 'a first visit marks nothing');
  // The listing stays in front (a popup tab opened now would hide it before a second is up).
  await sleep(1500);
  const popup = await driver.openPopup();
  /** @type {string[]} */
  let seen = [];
  for (let i = 0; i < 80 && seen.length === 0; i++) {
    await sleep(100);
    seen = await popup.evaluate(seenIdsAndAgeVisits, 0);
  }
  assert.ok(seen.includes('arxiv:2609.10001'), `the first entry was seen: ${seen}`);
  await first.close();
  // Closing the page sends what it had not reported yet.
  await sleep(500);
  seen = await popup.evaluate(seenIdsAndAgeVisits, 0);

  // Another listing showing the same papers: the seen ones are marked seen, the others not.
  const other = await driver.openPage(AI_NEW);
  await driver.ready(other);
  const marks = await marksWhen(other, (m) => m['arxiv:2609.10001'] === 'seen');
  for (const [id, mark] of Object.entries(marks)) assert.equal(mark, seen.includes(id) ? 'seen' : '', id);
  if (driver.shadowMarks) assert.deepEqual(await driver.shadowMarks(other), marks, 'the mirror matches the shadow roots');
  await other.close();

  // A day later, cs.LG/new lists two papers it did not list before: only those are new.
  // (What was on screen long enough on cs.AI/new is seen too: ask the store again.)
  const seenBefore = /** @type {string[]} */ (await popup.evaluate(seenIdsAndAgeVisits, 26 * 3600_000));
  assert.ok(ADDED.some((id) => !seenBefore.includes(id)), 'an added entry was never on screen long enough to be seen');
  restoreLgNew(fixturesDir);
  const again = await driver.openPage(LG_NEW);
  await driver.ready(again);
  const now = await marksWhen(again, (m) => ADDED.some((id) => m[id] === 'new'));
  for (const [id, mark] of Object.entries(now)) {
    if (seenBefore.includes(id)) assert.equal(mark, 'seen', id);
    else assert.equal(mark, ADDED.includes(id) ? 'new' : '', id);
  }
  await again.close();

  // Cleared from the settings' request: nothing is marked any more.
  assert.ok((await popup.evaluate(requestFromExtensionPage, { type: 'seenHistoryStats', payload: {} })).seen > 0);
  await popup.evaluate(requestFromExtensionPage, { type: 'clearSeenHistory', payload: {} });
  assert.deepEqual(await popup.evaluate(requestFromExtensionPage, { type: 'seenHistoryStats', payload: {} }), { seen: 0, listings: 0, oldest: null });
  await popup.close();
  const cleared = await driver.openPage(AI_NEW);
  await driver.ready(cleared);
  assert.deepEqual(Object.values(await cleared.evaluate(marksOnPage)).filter(Boolean), []);
  await cleared.close();
}

export const PASTWEEK_250 = 'https://arxiv.org/list/cs.LG/pastweek?show=250';
/** Listed under Replacements on cs.LG/new at v3. */
export const REPLACED_ID = 'arxiv:2508.04321';

/**
 * In an extension page: how many papers the reading list holds.
 */
export function storedPaperCount() {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('shelfmark');
    open.onerror = () => reject(String(open.error));
    open.onsuccess = () => {
      const count = open.result.transaction('papers').objectStore('papers').count();
      count.onsuccess = () => {
        open.result.close();
        resolve(count.result);
      };
      count.onerror = () => reject(String(count.error));
    };
  });
}

/** In the page: ids of the hosts in state `state`, once each. */
export function idsInState(state) {
  return [...new Set(Array.from(document.querySelectorAll(`shelfmark-entry[data-state="${state}"]`), (h) => h.getAttribute('data-shelfmark-id')))];
}

/**
 * @param {DriverPage} page
 * @param {() => Promise<boolean>} check
 * @param {string} what
 */
async function until(page, check, what) {
  for (let i = 0; i < 150; i++) {
    if (await check()) return;
    await sleep(100);
  }
  assert.fail(`timed out waiting for ${what}`);
}

/**
 * Bulk save of 50 selected entries is one undoable step; a replaced paper saved at v1 shows its
 * newer-version badge.
 * @param {TriageDriver & { press: (page: DriverPage, key: string) => Promise<void> }} driver
 */
export async function bulkSaveAndVersionBadge(driver) {
  const popup = await driver.openPopup();
  const before = await popup.evaluate(storedPaperCount);
  const page = await driver.openPage(PASTWEEK_250);
  await driver.ready(page);
  for (let i = 0; i < 50; i++) {
    await driver.press(page, 'j');
    await driver.press(page, 'x');
  }
  const selected = await page.evaluate(() => document.querySelectorAll('shelfmark-entry[data-selected]').length);
  assert.ok(selected >= 50, `${selected} hosts selected`);
  await driver.press(page, 's');
  await until(page, async () => (await popup.evaluate(storedPaperCount)) === before + 50, '50 papers saved');
  // The page hears of the write through the broadcast, a moment after the database has it.
  await until(page, async () => (await page.evaluate(idsInState, 'saved')).length >= 50, 'the page showing 50 saved');
  assert.equal((await page.evaluate(idsInState, 'saved')).length, 50);
  // One step: one undo puts every one of them back.
  await driver.press(page, 'z');
  await until(page, async () => (await popup.evaluate(storedPaperCount)) === before, 'the undo');
  await until(page, async () => (await page.evaluate(idsInState, 'saved')).length === 0, 'the page showing none saved');
  await page.close();

  // Saved at v1; cs.LG/new lists it under Replacements at v3.
  await popup.evaluate(requestFromExtensionPage, {
    type: 'save',
    payload: { paper: { id: REPLACED_ID, aliases: [REPLACED_ID], title: 'Invented replaced paper', authors: [], version: 1 } },
  });
  const listing = await driver.openPage(LG_NEW);
  await driver.ready(listing);
  const marks = await marksWhen(listing, (m) => m[REPLACED_ID] !== undefined);
  assert.match(marks[REPLACED_ID] ?? '', /new-version/u);
  if (driver.shadowMarks) assert.match((await driver.shadowMarks(listing))[REPLACED_ID] ?? '', /new-version/u);
  await listing.close();
  await popup.close();
}
