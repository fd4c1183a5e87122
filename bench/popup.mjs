// import-10k, popup-first-render-10k, popup-search-keystroke-10k, popup-first-key-10k: the reading-list popup with
// 10,000 generated papers (./papers-10k.mjs), opened as a tab at popup.html (browser-testing.md
// §3.4) sized like a popup. All times are the popup page's own clock.
//
// - import-10k: through the popup's own import path, as a user does it: the generated JSON backup
//   is handed to the "Import a file" input; timed from the input's `change` event (a capture
//   listener) to the import report on screen (a MutationObserver, layout forced). That covers
//   handing the file to the background (`importBackup`, a blob: URL), the background reading,
//   checking and merging it in one transaction, and the report. Each run starts from an empty
//   profile (a second import would only merge). Its baseline is the floor of that write: the
//   same records by bare IndexedDB puts, in the same service worker (`writeFloor`).
// - first render: navigation start (performance.now() = 0) to the first list rows in the DOM and
//   laid out, seen by a MutationObserver from an init script (so it needs nothing from the
//   popup's code). The rows must say there are 10,000 papers (aria-setsize), or it is an error.
//   Its baseline is the floor of that render on this machine: a bench-only page (FLOOR_PAGE, written
//   into the extension's snapshot) with the popup's own HTML, stylesheet and first-screen.js, whose
//   script only puts the rows first-screen.js read into the list as plain text: what any extension
//   page that shows these rows pays (the page's load, the browser's loading of two scripts, the
//   first read). Popup and floor open alternately in the same profile, so both meet the same load.
// - search keystroke: real key presses into the search field; per key, from the `input` event (a
//   capture listener on window, which runs before the popup's own handler) to the list's DOM
//   updated and laid out. A key that leaves the list as it was (no mutation within 1 s) is not a
//   sample; how many there were is reported.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { closeBenchBrowser, launchBenchBrowser, waitInPage } from './browser-session.mjs';
import { writeBackupFile } from './papers-10k.mjs';
import { median, spread } from './stats.mjs';

const IMPORT_RUNS = 3;
const RENDER_RUNS = 5;
const WARMUP_QUERY = 'z';
const QUERIES = ['sparse kernel', 'posterior', 'graph routing'];
const POPUP_SIZE = { width: 800, height: 600 }; // the largest popup Chrome shows
const PROBE = '__shelfmarkPopupProbe';
const ROW = 'li[data-paper-id]';
const FLOOR_PAGE = 'bench-floor.html';

/**
 * Writes the floor page beside popup.html in the extension's snapshot (never in dist/): popup.html
 * with popup.js replaced by a script that lists what first-screen.js read.
 * @param {string} extensionDir
 */
async function writeFloorPage(extensionDir) {
  const html = await readFile(path.join(extensionDir, 'popup.html'), 'utf8');
  const popupScript = /<script[^>]*\bsrc="popup\.js"[^>]*><\/script>/;
  if (!popupScript.test(html)) throw new Error('popup.html no longer loads popup.js: update the floor page');
  await writeFile(path.join(extensionDir, FLOOR_PAGE), html.replace(popupScript, '<script src="bench-floor.js"></script>').replace(/<link rel="modulepreload"[^>]*>/g, ''));
  const script = `(async () => {
    const first = await window.shelfmarkFirstScreen;
    const total = Number(new URLSearchParams(location.search).get('papers'));
    const list = document.createElement('ul');
    for (const paper of first?.papers ?? []) {
      const row = document.createElement('li');
      row.dataset.paperId = paper.id;
      row.setAttribute('aria-setsize', String(total));
      row.textContent = paper.title;
      list.append(row);
    }
    document.getElementById('app').append(list);
  })();`;
  await writeFile(path.join(extensionDir, 'bench-floor.js'), script);
}

/**
 * Runs IN THE POPUP before its own script (init script).
 * @param {{ probe: string, row: string, papers: number }} args
 */
function instrumentPopup({ probe, row, papers }) {
  const state = {
    /** @type {number | null} */ rowsAt: null,
    /** @type {number | null} */ fullAt: null,
    /** @type {number | null} */ importStart: null,
    /** @type {{ at: number, text: string, error: boolean } | null} */ imported: null,
    /** @type {number | null} */ keyAt: null,
    /** @type {{ ms: number, changed: boolean, at: number }[]} */ keystrokes: [],
    /** @type {number | null} */ importMessage: null,
  };
  /** @type {any} */ (window)[probe] = state;
  // How much of the import is the background's part: the `importPapers` round trip, timed by
  // wrapping the runtime the popup sends through (webextension-polyfill hands out Chromium's
  // native `browser`). Only a detail of the report; nothing fails without it.
  const runtime = /** @type {any} */ (globalThis).browser?.runtime;
  if (runtime?.sendMessage) {
    const send = runtime.sendMessage;
    runtime.sendMessage = function (/** @type {any[]} */ ...args) {
      const sent = performance.now();
      const answer = send.apply(this, args);
      if (args[0]?.type === 'importPapers' || args[0]?.type === 'importBackup') {
        answer.then(() => (state.importMessage = performance.now() - sent), () => {});
      }
      return answer;
    };
  }
  document.addEventListener(
    'change',
    (event) => {
      if (/** @type {HTMLInputElement} */ (event.target).type === 'file') state.importStart = performance.now();
    },
    true,
  );
  window.addEventListener(
    'input',
    (event) => {
      if (/** @type {HTMLInputElement} */ (event.target).type !== 'search') return;
      const at = performance.now();
      state.keyAt = at;
      // A message posted now is handled after this task and its microtasks: if the list did not
      // change by then, the key's work is over, and the sample ends here.
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        if (state.keyAt !== at) return;
        void document.body.offsetHeight;
        state.keystrokes.push({ ms: performance.now() - at, changed: false, at });
        state.keyAt = null;
      };
      channel.port2.postMessage(null);
    },
    true,
  );
  new MutationObserver(() => {
    if (state.fullAt === null) {
      const first = document.querySelector(row);
      if (first) {
        void document.body.offsetHeight;
        const now = performance.now();
        state.rowsAt ??= now;
        // The popup may paint a preview of the newest papers before it has read them all.
        if (Number(first.getAttribute('aria-setsize')) === papers) state.fullAt = now;
      }
    }
    if (state.importStart !== null && state.imported === null) {
      const notice = document.querySelector('.import-notice');
      if (notice) {
        void document.body.offsetHeight;
        state.imported = { at: performance.now(), text: notice.textContent ?? '', error: notice.classList.contains('error') };
      }
    }
    if (state.keyAt !== null) {
      void document.body.offsetHeight;
      state.keystrokes.push({ ms: performance.now() - state.keyAt, changed: true, at: state.keyAt });
      state.keyAt = null;
    }
  }).observe(document, { childList: true, subtree: true, characterData: true, attributes: true });
}

/**
 * A popup tab with the probe installed, sized like a popup.
 * @param {import('./browser-session.mjs').ChromiumSession} session
 * @param {number} papers  how many papers the full list has
 */
async function openProbedPopup(session, papers, file = 'popup.html') {
  const page = await session.context.newPage();
  await page.setViewportSize(POPUP_SIZE);
  await page.addInitScript(instrumentPopup, { probe: PROBE, row: ROW, papers });
  await page.bringToFront();
  await page.goto(`chrome-extension://${session.extensionId}/${file}?papers=${papers}`);
  return page;
}

/** @param {import('playwright-core').Page} page */
const probe = (page) => page.evaluate((name) => /** @type {any} */ (window)[name], PROBE);

/**
 * Imports the backup into an empty profile, and leaves the session open.
 * @param {import('./browser-session.mjs').ChromiumSession} session
 * @param {{ file: string, papers: number }} backup
 */
async function importOnce(session, backup) {
  const page = await openProbedPopup(session, backup.papers);
  await page.locator('main[aria-busy="false"]').waitFor({ state: 'attached', timeout: 30_000 });
  // A path, not a buffer: the browser reads the file itself, as it does for a user.
  await page.locator('input[type="file"]').setInputFiles(backup.file);
  await page.waitForFunction((name) => /** @type {any} */ (window)[name].imported !== null, PROBE, { timeout: 120_000, polling: 100 });
  const seen = await probe(page);
  if (seen.imported.error) throw new Error(`the popup refused the generated backup: ${seen.imported.text}`);
  if (!seen.imported.text.includes(`${backup.papers} added`)) throw new Error(`unexpected import report: ${seen.imported.text}`);
  await page.close();
  // The background's own marks (src/background/import-backup.ts), when it sets them.
  const marks = await session.serviceWorker.evaluate(() =>
    Object.fromEntries(performance.getEntriesByType('mark').filter((m) => m.name.startsWith('shelfmark:import-')).map((m) => [m.name.slice(17), m.startTime])),
  );
  const phases = marks.start !== undefined && marks.checked !== undefined && marks.written !== undefined
    ? { check: marks.checked - marks.start, write: marks.written - marks.checked }
    : null;
  return { ms: seen.imported.at - seen.importStart, message: /** @type {number | null} */ (seen.importMessage), phases };
}

/**
 * The floor under import-10k: the same 10,000 records written by bare IndexedDB `put`s, in one
 * transaction, into a scratch database whose papers store has the indexes of the extension's
 * own (read from it after an import), in the same service worker. No reading, checking, merging
 * or messaging: what a single-transaction import of 10,000 records cannot go below here.
 * @param {import('./browser-session.mjs').ChromiumSession} session
 * @param {string} json  the backup
 */
async function writeFloor(session, json) {
  return session.serviceWorker.evaluate(async (text) => {
    /** @param {IDBRequest} request */
    const done = (request) => new Promise((resolve, reject) => {
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const own = /** @type {IDBDatabase} */ (await done(indexedDB.open('shelfmark')));
    const ownStore = own.transaction('papers').objectStore('papers');
    const keyPath = ownStore.keyPath;
    const indexes = [...ownStore.indexNames].map((name) => {
      const index = ownStore.index(name);
      return { name, keyPath: index.keyPath, multiEntry: index.multiEntry };
    });
    own.close();
    const name = 'shelfmark-bench-floor';
    await done(indexedDB.deleteDatabase(name));
    const open = indexedDB.open(name, 1);
    open.onupgradeneeded = () => {
      const store = open.result.createObjectStore('papers', { keyPath });
      for (const index of indexes) store.createIndex(index.name, index.keyPath, { multiEntry: index.multiEntry });
    };
    const db = /** @type {IDBDatabase} */ (await done(open));
    // As stored: every paper also carries the lower-cased keys of its tags.
    const records = JSON.parse(text).papers.map((/** @type {any} */ p) => ({ ...p, tagKeys: p.tags.map((/** @type {string} */ t) => t.toLowerCase()) }));
    const start = performance.now();
    await new Promise((resolve, reject) => {
      const tx = db.transaction('papers', 'readwrite');
      const store = tx.objectStore('papers');
      for (const record of records) store.put(record);
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error);
    });
    const ms = performance.now() - start;
    db.close();
    await done(indexedDB.deleteDatabase(name));
    return ms;
  }, json);
}

/**
 * @param {import('./browser-session.mjs').ChromiumSession} session
 * @param {number} papers
 * @param {string} [file]  popup.html, or the floor page
 */
async function firstRender(session, papers, file) {
  const page = await openProbedPopup(session, papers, file);
  try {
    await waitInPage(page, (name) => /** @type {any} */ (window)[name].fullAt !== null, PROBE, { timeout: 60_000 });
  } catch {
    const rows = await page.locator(ROW).first().getAttribute('aria-setsize').catch(() => null);
    throw new Error(`the popup never listed all ${papers} papers (its list says ${rows ?? 'nothing'})`);
  }
  const seen = await probe(page);
  const mark = await page.evaluate(() => performance.getEntriesByName('shelfmark:popup-rendered', 'mark')[0]?.startTime ?? null);
  return { page, ms: /** @type {number} */ (seen.rowsAt), full: /** @type {number} */ (seen.fullAt), mark };
}

/**
 * Types `text` key by key into the search field, cleared first; one sample per key.
 * @param {import('playwright-core').Page} page
 * @param {string} text
 * @returns {Promise<{ ms: number, changed: boolean, at: number }[]>}
 */
async function typeKeys(page, text) {
  const search = page.locator('input[type="search"]');
  await search.fill('');
  // Clearing is an input too: let its sample land before starting afresh.
  await page.waitForFunction((name) => /** @type {any} */ (window)[name].keyAt === null, PROBE, { timeout: 30_000, polling: 20 });
  await page.evaluate((name) => {
    /** @type {any} */ (window)[name].keystrokes.length = 0;
  }, PROBE);
  await search.focus();
  for (const [i, key] of [...text].entries()) {
    await page.keyboard.type(key);
    await page.waitForFunction(({ name, n }) => /** @type {any} */ (window)[name].keystrokes.length > n, { name: PROBE, n: i }, { timeout: 30_000, polling: 20 });
  }
  return (await probe(page)).keystrokes;
}

/**
 * @param {import('./browser-session.mjs').BenchContext} ctx
 * @returns {Promise<import('./report.mjs').BenchResult[]>}
 */
export async function popup(ctx) {
  const generated = await writeBackupFile('shelfmark-backup-10k.json');
  const backup = { file: generated.file, papers: generated.papers };
  const imports = [];
  /** @type {number[]} */
  const floors = [];
  let session;
  try {
    for (let i = 0; i < IMPORT_RUNS; i++) {
      if (session) await closeBenchBrowser(ctx, session);
      session = await launchBenchBrowser(ctx);
      imports.push(await importOnce(session, backup));
      floors.push(await writeFloor(session, generated.json));
    }
    const s = /** @type {import('./browser-session.mjs').ChromiumSession} */ (session);
    await writeFloorPage(ctx.extensionDir);
    const renders = [];
    const renderFloors = [];
    const fulls = [];
    const marks = [];
    let last;
    for (let i = 0; i < RENDER_RUNS; i++) {
      await last?.close();
      const floor = await firstRender(s, backup.papers, FLOOR_PAGE);
      renderFloors.push(floor.ms);
      await floor.page.close();
      const run = await firstRender(s, backup.papers);
      renders.push(run.ms);
      fulls.push(run.full);
      if (run.mark !== null) marks.push(run.mark);
      last = run.page;
    }
    const page = /** @type {import('playwright-core').Page} */ (last);
    // The popup builds its search index in slices after the list paints; a key typed before that
    // is done is answered by a scan instead (src/popup/scan-search.ts). The first key after
    // opening is its own figure (popup-first-key-10k); the measured keys run against the index.
    const [firstKey] = await typeKeys(page, WARMUP_QUERY);
    // The popup marks when its index is complete (shelfmark:search-indexed); a popup without
    // the mark gets 2 s, as before it had one.
    const indexed = await page
      .waitForFunction(() => performance.getEntriesByName('shelfmark:search-indexed', 'mark')[0]?.startTime ?? null, null, { timeout: 60_000, polling: 100 })
      .then((handle) => /** @type {Promise<number>} */ (handle.jsonValue()))
      .catch(() => null);
    if (indexed === null) await page.waitForTimeout(2_000);
    const keys = [];
    for (const query of QUERIES) keys.push(...(await typeKeys(page, query)));
    const importMs = imports.map((i) => i.ms);
    const messageMs = imports.map((i) => i.message).filter((m) => m !== null);
    const messageNote = messageMs.length ? `; of which the import request's round trip: median ${median(messageMs).toFixed(0)} ms` : '';
    const phases = imports.flatMap((i) => (i.phases ? [i.phases] : []));
    const phaseNote = phases.length
      ? ` (background: reading and checking the file ${median(phases.map((p) => p.check)).toFixed(0)} ms, merging and writing ${median(phases.map((p) => p.write)).toFixed(0)} ms)`
      : '';
    const times = keys.map((k) => k.ms);
    const unchanged = keys.filter((k) => !k.changed).length;
    const markNote = marks.length ? `; the popup's own mark shelfmark:popup-rendered: median ${median(marks).toFixed(1)} ms` : '';
    return [
      {
        name: 'import-10k',
        value: median(importMs),
        unit: 'ms',
        budget: 2000,
        baseline: median(floors),
        detail: `backup file chosen → report shown, ${(generated.json.length / 1024 / 1024).toFixed(1)} MB, median of ${IMPORT_RUNS} fresh profiles (${spread(importMs, 0)})${messageNote}${phaseNote}; baseline: the same records by bare IndexedDB puts in one transaction (${spread(floors, 0)})`,
      },
      {
        name: 'popup-first-render-10k',
        value: median(renders),
        unit: 'ms',
        budget: 150,
        baseline: median(renderFloors),
        detail: `navigation start → first rows laid out, median of ${RENDER_RUNS} opens (${spread(renders)}); all ${backup.papers} listed: median ${median(fulls).toFixed(0)} ms${markNote}; baseline: the floor page, opened before each (${spread(renderFloors)})`,
      },
      {
        name: 'popup-search-keystroke-10k',
        value: median(times),
        unit: 'ms',
        budget: 16,
        detail: `input event → list updated and laid out, ${JSON.stringify(QUERIES)} key by key (${spread(times)}; ${unchanged} of the keys left the list as it was)`,
      },
      {
        name: 'popup-first-key-10k',
        value: firstKey.ms,
        unit: 'ms',
        budget: 50,
        detail: `the first key (${JSON.stringify(WARMUP_QUERY)}) typed as soon as all papers are listed: input event → the key's work done (list updated and laid out, or left as it was); the index is still being built then${indexed === null ? '' : ` (complete ${(indexed - firstKey.at).toFixed(0)} ms after the key)`}`,
      },
    ];
  } finally {
    if (session) await closeBenchBrowser(ctx, session);
  }
}
