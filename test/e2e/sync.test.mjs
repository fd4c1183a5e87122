// Cross-device sync (issue 13), both browsers. Two browser profiles stand for two devices (a
// third joins late); the test does what the browser's sync would between machines: it reads the
// sync storage area in one extension and writes it into the other's, so storage.onChanged
// (area "sync") fires there. Real Chrome Sync or Firefox Sync between machines cannot run here:
// what is tested is everything on each side of it.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { forEachBrowser, launch } from './driver/index.mjs';
import { annotated, ARXIV_NEW, eventually, hostSelector, inventedPaper, SAVE_TOGGLE, send, waitForState } from './driver/shelfmark.mjs';

/** IN AN EXTENSION PAGE: everything in the sync storage area. */
function readSyncArea() {
  const api = /** @type {any} */ (globalThis).browser ?? /** @type {any} */ (globalThis).chrome;
  return api.storage.sync.get(null);
}

/** IN AN EXTENSION PAGE: makes the sync area hold exactly `items` (what arrives from another device). */
async function writeSyncArea(/** @type {Record<string, unknown>} */ items) {
  const api = /** @type {any} */ (globalThis).browser ?? /** @type {any} */ (globalThis).chrome;
  const stale = Object.keys(await api.storage.sync.get(null)).filter((key) => !(key in items));
  if (stale.length) await api.storage.sync.remove(stale);
  await api.storage.sync.set(items);
}

/** IN AN EXTENSION PAGE: the sync status the background last wrote. */
async function readSyncStatus() {
  const api = /** @type {any} */ (globalThis).browser ?? /** @type {any} */ (globalThis).chrome;
  return (await api.storage.local.get('syncStatus')).syncStatus ?? null;
}

/** IN AN EXTENSION PAGE: the number of papers in the extension's IndexedDB. */
function countPapers() {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('shelfmark');
    open.onerror = () => reject(String(open.error));
    open.onsuccess = () => {
      const count = open.result.transaction('papers').objectStore('papers').count();
      count.onsuccess = () => {
        open.result.close();
        resolve(count.result);
      };
    };
  });
}

/** @param {import('./driver/index.mjs').Driver} driver @param {string} type @param {object} payload */
async function ask(driver, type, payload) {
  const { answer, rejected } = await driver.inExtension(send, { shelfmark: 1, type, payload });
  if (rejected) throw new Error(`${type}: ${rejected}`);
  if (!answer?.ok) throw new Error(`${type}: ${answer?.error}`);
  return answer.value;
}

/** @param {import('./driver/index.mjs').Driver} driver @param {string} id */
async function stateOf(driver, id) {
  const { states } = await ask(driver, 'getStates', { papers: [{ id, aliases: [id] }] });
  return states[id] ? { saved: true, tags: states[id].tags.map((/** @type {{name: string}} */ t) => t.name).sort(), status: states[id].status } : null;
}

/**
 * IN AN EXTENSION PAGE: the note stored with a paper (the papers table, as IndexedDB holds it).
 * @param {string} id
 * @returns {Promise<string | null>}
 */
function storedNote(id) {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('shelfmark');
    open.onerror = () => reject(String(open.error));
    open.onsuccess = () => {
      const request = open.result.transaction('papers').objectStore('papers').get(id);
      request.onsuccess = () => {
        open.result.close();
        resolve(request.result ? request.result.note : null);
      };
      request.onerror = () => reject(String(request.error));
    };
  });
}

/** Until the device's last change is written to its sync area (debounced: a second or more). */
async function written(/** @type {import('./driver/index.mjs').Driver} */ driver) {
  await eventually(async () => {
    const status = await driver.inExtension(readSyncStatus);
    return status !== null && status.state !== 'off' && !status.pending;
  }, 'the sync write', 30_000);
}

/**
 * What the browser's sync does: `from`'s sync area arrives at `to`; resolves once `to` has merged
 * it (its status's lastSyncAt moves on) and written back whatever `from` lacked.
 */
async function carry(/** @type {import('./driver/index.mjs').Driver} */ from, /** @type {import('./driver/index.mjs').Driver} */ to) {
  await written(from);
  await written(to);
  const items = await from.inExtension(readSyncArea);
  assert.ok(Object.keys(items).length > 0, 'the sending device wrote its sync area');
  if (JSON.stringify(items) === JSON.stringify(await to.inExtension(readSyncArea))) return;
  const before = (await to.inExtension(readSyncStatus))?.lastSyncAt ?? 0;
  await to.inExtension(writeSyncArea, items);
  await eventually(async () => ((await to.inExtension(readSyncStatus))?.lastSyncAt ?? 0) > before, 'the merge of what arrived', 30_000);
  await written(to);
}

async function turnSyncOn(/** @type {import('./driver/index.mjs').Driver} */ driver) {
  await ask(driver, 'updateSettings', { patch: { sync: { enabled: true } } });
  await written(driver);
}

const P = (/** @type {number} */ n) => inventedPaper(`arxiv:2502.${String(90_000 + n).padStart(5, '0')}`);

forEachBrowser('sync between devices', { timeout: 300_000, launch: false }, (suite) => {
  /** @type {import('./driver/index.mjs').Driver} */ let a;
  /** @type {import('./driver/index.mjs').Driver} */ let b;
  /** @type {import('./driver/index.mjs').Driver | undefined} */ let c;
  before(async () => {
    a = await launch(suite.browser);
    b = await launch(suite.browser);
    await turnSyncOn(a);
    await turnSyncOn(b);
  });
  after(async () => {
    await Promise.all([a?.close(), b?.close(), c?.close()]);
  });

  it('a paper saved on a page on A shows as saved on B, on the page and in the popup', async () => {
    const pageA = await a.openPage(ARXIV_NEW);
    await annotated(pageA);
    const id = await pageA.evaluate(() => document.querySelector('shelfmark-entry')?.getAttribute('data-shelfmark-id'));
    assert.ok(id);
    await pageA.click(hostSelector(id), { position: SAVE_TOGGLE });
    await waitForState(pageA, id, 'saved');
    await carry(a, b);
    const pageB = await b.openPage(ARXIV_NEW);
    await annotated(pageB);
    await waitForState(pageB, id, 'saved');
    assert.equal((await stateOf(b, id))?.saved, true);
  });

  it('tags added on A and on B at once both survive, on both', async () => {
    const paper = P(1);
    await ask(a, 'save', { paper });
    await carry(a, b);
    await ask(a, 'addTag', { id: paper.id, tag: 'alpha' });
    await ask(b, 'addTag', { id: paper.id, tag: 'beta' });
    await carry(a, b);
    await carry(b, a);
    assert.deepEqual(await stateOf(a, paper.id), { saved: true, tags: ['alpha', 'beta'], status: 'unread' });
    assert.deepEqual(await stateOf(b, paper.id), { saved: true, tags: ['alpha', 'beta'], status: 'unread' });
  });

  it('a note written on A shows on B; the later of two edits wins on both', async () => {
    const paper = P(5);
    await ask(a, 'save', { paper });
    await ask(a, 'setNote', { id: paper.id, note: 'made-up remark: compare with the lemma in section 2' });
    await carry(a, b);
    assert.equal(await b.inExtension(storedNote, paper.id), 'made-up remark: compare with the lemma in section 2');
    await ask(a, 'setNote', { id: paper.id, note: 'first edit' });
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await ask(b, 'setNote', { id: paper.id, note: 'second edit, a moment later' });
    await carry(a, b);
    await carry(b, a);
    assert.equal(await a.inExtension(storedNote, paper.id), 'second edit, a moment later');
    assert.equal(await b.inExtension(storedNote, paper.id), 'second edit, a moment later');
  });

  it('a removal on A wins over what A had seen; an edit on B that A had not seen keeps the paper', async () => {
    const seen = P(2);
    const unseen = P(3);
    await ask(a, 'save', { paper: seen });
    await ask(a, 'save', { paper: unseen });
    await carry(a, b);
    assert.equal((await stateOf(b, seen.id))?.saved, true);
    // Both removed on A; meanwhile B tags one of them (B has not heard of the removal yet).
    await ask(a, 'unsave', { id: seen.id });
    await ask(a, 'unsave', { id: unseen.id });
    await ask(b, 'addTag', { id: unseen.id, tag: 'keep' });
    await carry(a, b);
    await carry(b, a);
    assert.equal(await stateOf(a, seen.id), null);
    assert.equal(await stateOf(b, seen.id), null);
    assert.deepEqual(await stateOf(a, unseen.id), { saved: true, tags: ['keep'], status: 'unread' });
    assert.deepEqual(await stateOf(b, unseen.id), { saved: true, tags: ['keep'], status: 'unread' });
  });

  it('a third device joining late gets everything', async () => {
    c = await launch(suite.browser);
    await ask(c, 'save', { paper: P(4) });
    await turnSyncOn(c);
    await carry(b, c);
    for (const paper of [P(1), P(3)]) assert.deepEqual(await stateOf(c, paper.id), await stateOf(b, paper.id));
    assert.equal(await stateOf(c, P(2).id), null);
    // And what it had before joining reaches the others.
    await carry(c, a);
    assert.equal((await stateOf(a, P(4).id))?.saved, true);
  });

  it('when sync storage is full: a clear message in the popup and the library, every paper kept locally', async () => {
    const device = c ?? a;
    // 4,000 papers whose ids cannot be compressed (random URL ids): more than the quota holds.
    let seed = 20_261_204;
    const random = () => {
      seed = (seed + 0x6d2b79f5) >>> 0;
      let t = Math.imul(seed ^ (seed >>> 15), seed | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
    };
    const papers = Array.from({ length: 4_000 }, (_, i) => {
      const noise = Array.from({ length: 48 }, () => Math.floor(random() * 36).toString(36)).join('');
      const id = `url:https://example.org/${i.toString(36)}/${noise}`;
      return { id, aliases: [id], title: `Invented ${i}`, authors: [], tags: ['bulk'] };
    });
    const before = await device.inExtension(countPapers);
    await ask(device, 'importPapers', { papers, tags: [] });
    await eventually(async () => (await device.inExtension(readSyncStatus))?.state === 'full', 'the quota-full status', 60_000);
    const status = await device.inExtension(readSyncStatus);
    assert.ok(status.left > 0 && status.bytes <= 102_400, JSON.stringify(status));
    assert.equal(await device.inExtension(countPapers), before + papers.length, 'nothing is removed locally');
    const popup = await device.openExtensionPage('popup.html');
    await popup.waitFor(() => /Sync storage is full/u.test(document.querySelector('[data-sync-problem]')?.textContent ?? ''));
    const library = await device.openExtensionPage('library.html');
    await library.waitFor(() => /not synced to your other devices/u.test(document.querySelector('[data-sync-problem]')?.textContent ?? ''));
    // What fits still reaches the others: the newest papers.
    await carry(device, a === device ? b : a);
  });
});
