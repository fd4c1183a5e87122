// sync-p50, sync-p95, sync-after-sw-restart: a change made in tab A (an arXiv listing) reaches
// tab B (a Hugging Face paper page showing the same paper).
//
// The change is a save/unsave toggle: it flips the host's light-DOM mirror `data-state`, which
// tab B can watch (tags live only inside the closed shadow root, and a tag change travels the
// same path: one background write, one broadcast, one setState). The click is a real, trusted
// mouse click on the save button inside A's closed shadow root (located through CDP, which
// pierces closed roots). Both ends are read with in-page clocks, `performance.timeOrigin +
// performance.now()` (browser-testing.md G15): t0 when A's main world sees the click (a capture
// listener on window runs before the content script's own), t1 when a MutationObserver in B's
// main world sees `data-state` change. Node-side timings would add Playwright round trips.
//
// Tab B shows the same paper as tab A: the Hugging Face paper-page fixture, with its arXiv id
// swapped for one listed on A's page, served at that paper's real URL.
import { readFile } from 'node:fs/promises';
import { closeBenchBrowser, launchBenchBrowser } from './browser-session.mjs';
import { writeBackupFile } from './papers-10k.mjs';
import { median, percentile, spread } from './stats.mjs';

const CHANGES = 60;
const WARMUP = 4;
const RESTARTS = 5;
const WAIT_MS = 10_000;
const PROBE = '__shelfmarkSyncProbe';
const READY = 'html[data-shelfmark="ready"]';

/**
 * Runs IN TAB B: records when any host of the paper changes `data-state`.
 * @param {{ probe: string, id: string }} args
 */
function watchState({ probe, id }) {
  /** @type {{ state: string | null, at: number }[]} */
  const seen = [];
  /** @type {any} */ (window)[probe] = { seen };
  new MutationObserver((records) => {
    const at = performance.timeOrigin + performance.now();
    for (const record of records) {
      const host = /** @type {Element} */ (record.target);
      if (host.getAttribute('data-shelfmark-id') !== id) continue;
      const state = host.getAttribute('data-state');
      if (record.oldValue !== state) seen.push({ state, at });
    }
  }).observe(document.body, { attributes: true, attributeOldValue: true, subtree: true, attributeFilter: ['data-state'] });
}

/**
 * Runs IN TAB A: records when a click reaches the paper's host (retargeted out of its shadow root).
 * @param {{ probe: string, id: string }} args
 */
function watchClicks({ probe, id }) {
  /** @type {number[]} */
  const clicks = [];
  /** @type {any} */ (window)[probe] = { clicks };
  window.addEventListener(
    'click',
    (event) => {
      const host = /** @type {Element} */ (event.target).closest?.('shelfmark-entry');
      if (host?.getAttribute('data-shelfmark-id') === id) clicks.push(performance.timeOrigin + performance.now());
    },
    true,
  );
}

/**
 * Runs IN TAB B: waits until the watcher has seen `count` changes.
 * @param {{ probe: string, count: number, timeout: number }} args
 */
function waitForChanges({ probe, count, timeout }) {
  const seen = /** @type {any} */ (window)[probe].seen;
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + timeout;
    const check = () => {
      if (seen.length >= count) resolve(seen[count - 1]);
      else if (Date.now() > deadline) reject(new Error(`tab B saw ${seen.length} state changes, expected ${count}`));
      // Tab B is in the background: its timers are throttled, but this only bounds the wait.
      else setTimeout(check, 5);
    };
    check();
  });
}

/**
 * Centre of the save button inside the host's closed shadow root, through CDP.
 * @param {import('playwright-core').CDPSession} cdp
 * @param {string} id
 */
async function saveButtonCentre(cdp, id) {
  const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
  /** @type {any} */
  let host;
  const visit = (/** @type {any} */ node) => {
    if (host) return;
    if (node.localName === 'shelfmark-entry') {
      const attrs = node.attributes ?? [];
      for (let i = 0; i < attrs.length; i += 2) if (attrs[i] === 'data-shelfmark-id' && attrs[i + 1] === id) host = node;
    }
    for (const child of [...(node.children ?? []), ...(node.shadowRoots ?? [])]) visit(child);
  };
  visit(root);
  const shadow = host?.shadowRoots?.[0];
  if (!shadow) throw new Error(`no shadow root on the host of ${id} in tab A`);
  const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: shadow.nodeId, selector: 'button[data-action="save"]' });
  if (!nodeId) throw new Error(`no save button in the host of ${id}`);
  const { model } = await cdp.send('DOM.getBoxModel', { nodeId });
  const [x1, y1, , , x3, y3] = model.border;
  return { x: (x1 + x3) / 2, y: (y1 + y3) / 2 };
}

/**
 * Opens tab A (the arXiv listing) and tab B (the paper's Hugging Face page, same paper) with their
 * probes; `toggle()` makes one change in A and answers its latency to B, with its in-page times.
 * @param {import('./browser-session.mjs').ChromiumSession} session
 */
async function openPair(session) {
  const fixtures = /** @type {import('../test/e2e/harness/fixtures.mjs').FixtureServer} */ (session.fixtures);
  const listing = fixtures.find('arxiv', (u) => /^\/list\/[^/]+\/new$/u.test(u.pathname));
  const paperPage = fixtures.find('huggingface', (u) => /^\/papers\/\d{4}\.\d{4,5}$/u.test(u.pathname));
  if (!listing || !paperPage) throw new Error('needs an arXiv /list/<cat>/new fixture and a Hugging Face /papers/<arxiv id> fixture');

  const A = await session.openPage(listing.url);
  await A.locator(READY).waitFor({ state: 'attached', timeout: 30_000 });
  const id = await A.evaluate(() =>
    Array.from(document.querySelectorAll('shelfmark-entry'), (h) => h.getAttribute('data-shelfmark-id')).find((i) => /^arxiv:\d{4}\.\d{4,5}$/u.test(i ?? '')),
  );
  if (!id) throw new Error(`no new-style arXiv entry annotated on ${listing.url}`);

  const arxivId = id.slice('arxiv:'.length);
  const templateId = new URL(paperPage.url).pathname.slice('/papers/'.length);
  const html = (await readFile(paperPage.file, 'utf8')).replaceAll(templateId, arxivId);
  const bUrl = `https://huggingface.co/papers/${arxivId}`;
  // Registered after the harness's catch-all, so it answers first.
  await session.context.route(bUrl, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
  const B = await session.openPage(bUrl);
  await B.locator(READY).waitFor({ state: 'attached', timeout: 30_000 });
  const bHosts = await B.locator(`shelfmark-entry[data-shelfmark-id="${id}"]`).count();
  if (bHosts === 0) throw new Error(`tab B (${bUrl}) has no host for ${id}`);

  await B.evaluate(watchState, { probe: PROBE, id });
  await A.evaluate(watchClicks, { probe: PROBE, id });
  await A.bringToFront(); // background tabs are throttled (G7); B stays behind, as a user's would
  const cdp = await session.context.newCDPSession(A);
  const aHost = A.locator(`shelfmark-entry[data-shelfmark-id="${id}"]`).first();

  let changes = 0;
  /** One toggle in A: its latency to B in ms, and the click's and B's epoch times. */
  const timedToggle = async () => {
    const before = await aHost.getAttribute('data-state');
    const expected = before === 'saved' ? 'unsaved' : 'saved';
    const { x, y } = await saveButtonCentre(cdp, id);
    await A.mouse.click(x, y);
    changes += 1;
    const seen = await B.evaluate(waitForChanges, { probe: PROBE, count: changes, timeout: WAIT_MS });
    if (seen.state !== expected) throw new Error(`tab B shows "${seen.state}", expected "${expected}"`);
    // The next click must find A settled (a toggle in flight ignores clicks).
    await A.locator(`shelfmark-entry[data-shelfmark-id="${id}"][data-state="${expected}"]`).first().waitFor({ state: 'attached', timeout: WAIT_MS });
    const clicks = await A.evaluate((probe) => /** @type {any} */ (window)[probe].clicks, PROBE);
    if (clicks.length !== changes) throw new Error(`tab A registered ${clicks.length} clicks on the host, expected ${changes}`);
    const t0 = clicks[changes - 1];
    return { ms: seen.at - t0, t0, t1: seen.at };
  };
  return { A, B, timedToggle, toggle: async () => (await timedToggle()).ms, close: () => cdp.detach() };
}

/**
 * Stops the extension's service worker, as Chromium stops an idle one; the next message starts it
 * again. The function it answers throws unless that happened: a global set before the stop must
 * be gone once a message has woken the worker.
 * @param {import('./browser-session.mjs').ChromiumSession} session
 * @param {import('playwright-core').Page} page  any open page (its clock waits)
 */
async function stopWorker(session, page) {
  const worker = /** @type {import('playwright-core').Worker} */ (session.serviceWorker);
  await worker.evaluate(() => {
    /** @type {any} */ (globalThis).__shelfmarkBenchAlive = true;
  });
  await session.stopServiceWorker();
  // stopAllWorkers returns before the worker is gone; give it time to be really stopped.
  await page.waitForTimeout(500);
  return async () => {
    if (await worker.evaluate(() => /** @type {any} */ (globalThis).__shelfmarkBenchAlive === true)) {
      throw new Error('the service worker was not restarted by ServiceWorker.stopAllWorkers');
    }
  };
}

/**
 * @param {import('./browser-session.mjs').BenchContext} ctx
 * @returns {Promise<import('./report.mjs').BenchResult[]>}
 */
export async function sync(ctx) {
  const session = await launchBenchBrowser(ctx);
  try {
    const { A, toggle, close } = await openPair(session);
    for (let i = 0; i < WARMUP; i++) await toggle();
    const warm = [];
    for (let i = 0; i < CHANGES; i++) warm.push(await toggle());

    const cold = [];
    for (let i = 0; i < RESTARTS; i++) {
      const checkRestarted = await stopWorker(session, A);
      cold.push(await toggle());
      await checkRestarted();
    }
    await close();

    return [
      { name: 'sync-p50', value: percentile(warm, 50), unit: 'ms', budget: 50, detail: `save/unsave in A → B's data-state, ${CHANGES} changes (${spread(warm)})` },
      { name: 'sync-p95', value: percentile(warm, 95), unit: 'ms', budget: 50, detail: `same ${CHANGES} changes` },
      {
        name: 'sync-after-sw-restart',
        value: median(cold),
        unit: 'ms',
        budget: 150,
        detail: `first change after ServiceWorker.stopAllWorkers, median of ${RESTARTS} (${spread(cold)})`,
      },
    ];
  } finally {
    await closeBenchBrowser(ctx, session);
  }
}

/**
 * Runs IN THE SERVICE WORKER: `count` papers seen and passed over, as listings leave them: each id
 * in the seen history and its hashed word features in the ranking's store (sorted feature ids,
 * 8–14 words and their pairs, drawn from a vocabulary of 6,000 features, common ones more often).
 * @param {number} count
 */
async function seedSeenFeatures(count) {
  const open = () =>
    new Promise((resolve, reject) => {
      const request = indexedDB.open('shelfmark');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(String(request.error));
    });
  const db = /** @type {IDBDatabase} */ (await open());
  for (const store of ['seen', 'rankFeatures']) if (!db.objectStoreNames.contains(store)) throw new Error(`no ${store} store in the database`);
  let state = 20_261_215;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const vocabulary = Array.from({ length: 6_000 }, () => Math.floor(next() * (1 << 18)));
  const now = Date.now();
  const BATCH = 5_000;
  for (let from = 0; from < count; from += BATCH) {
    await new Promise((resolve, reject) => {
      const tx = db.transaction(['seen', 'rankFeatures'], 'readwrite');
      const seen = tx.objectStore('seen');
      const features = tx.objectStore('rankFeatures');
      for (let i = from; i < Math.min(count, from + BATCH); i++) {
        // Not an id of the generated library (23MM.1xxxx): these were seen and not saved.
        const id = `arxiv:24${String(1 + (i % 12)).padStart(2, '0')}.${String(10_000 + Math.floor(i / 12)).padStart(5, '0')}`;
        const at = now - (count - i) * 1_000;
        const words = 8 + Math.floor(next() * 7);
        const f = new Uint32Array(2 * words - 1);
        for (let k = 0; k < f.length; k++) f[k] = k < words ? vocabulary[Math.floor(vocabulary.length * next() ** 2)] : Math.floor(next() * (1 << 18));
        f.sort();
        seen.put({ id, at });
        features.put({ id, f, at });
      }
      tx.oncomplete = resolve;
      tx.onerror = () => reject(String(tx.error));
    });
  }
  db.close();
  return count;
}

/**
 * Runs IN THE SERVICE WORKER: the background's training runs so far (`performance.measure`s it
 * makes, src/background/for-you.ts) as epoch [start, end], the start of one running now, and
 * the runs' steps as epoch start and duration.
 * @param {{ measure: string, mark: string }} names
 */
function trainingRuns({ measure, mark }) {
  const epoch = (/** @type {number} */ t) => performance.timeOrigin + t;
  const done = performance.getEntriesByName(measure).map((e) => [epoch(e.startTime), epoch(e.startTime + e.duration)]);
  const started = performance.getEntriesByName(mark, 'mark').at(-1);
  const running = started && !done.some(([start]) => Math.abs(start - epoch(started.startTime)) < 0.01) ? epoch(started.startTime) : null;
  // Each run's steps (their own measures, `${measure}:<step>`), by start: which one a save waits behind.
  /** @type {Record<string, number[][]>} */
  const steps = {};
  for (const e of performance.getEntriesByType('measure')) {
    if (e.name.startsWith(`${measure}:`)) (steps[e.name.slice(measure.length + 1)] ??= []).push([epoch(e.startTime), e.duration]);
  }
  return { done, running, steps };
}

const TRAINING_NAMES = { measure: 'shelfmark:training', mark: 'shelfmark:training-start' };
const LIBRARY = 10_000;
const SEEN_ROWS = 50_000;
const TRAINING_SAMPLES = 40;
/** Worker restarts at most for sync-p95-during-first-training's samples (each first run gives ~15-30). */
const FIRST_RUN_RESTARTS = 4;

/**
 * sync-p95-during-training: the same change as sync-p95 (A → B), with a 10,000-paper library and
 * 50,000 papers seen and passed over, first while no training runs, then while the background
 * retrains its "for you" model (each change is a library change, which retrains it). Each sample
 * is classed by the background's own record of its training runs: a sample counts as during
 * training only if one run spans it from click to B's update, as idle only if none overlaps it.
 * @param {import('./browser-session.mjs').BenchContext} ctx
 * @returns {Promise<import('./report.mjs').BenchResult[]>}
 */
export async function syncTraining(ctx) {
  const { file } = await writeBackupFile('shelfmark-backup-10k.json', LIBRARY);
  const session = await launchBenchBrowser(ctx);
  try {
    const { A, timedToggle, close } = await openPair(session);
    // The library, through the popup's import, as a user's would come.
    const popup = await session.openPage(`chrome-extension://${session.extensionId}/popup.html`);
    await popup.locator('main[aria-busy="false"]').waitFor({ state: 'attached', timeout: 30_000 });
    await popup.locator('input[type="file"]').setInputFiles(file);
    await popup.locator('.import-notice').filter({ hasText: `${LIBRARY} added` }).waitFor({ timeout: 120_000 });
    await popup.close();
    await A.bringToFront();
    const worker = /** @type {import('playwright-core').Worker} */ (session.serviceWorker);
    await worker.evaluate(seedSeenFeatures, SEEN_ROWS);
    // The background keeps what training reads and reads only what changed since (by Dexie's
    // record of its writes and the rows' dates): rows written behind its back, dated in the past,
    // are read by a background that starts afresh, as after Chromium stops an idle worker.
    await stopWorker(session, A);

    const runs = () => worker.evaluate(trainingRuns, TRAINING_NAMES);
    /** Waits until no training has run for `quiet` ms (a change during one trains again after it). */
    const settle = async (quiet = 1_500) => {
      const deadline = Date.now() + 120_000;
      for (;;) {
        const { done, running } = await runs();
        const lastEnd = Math.max(0, ...done.map(([, end]) => end));
        if (running === null && Date.now() - lastEnd > quiet) return;
        if (Date.now() > deadline) throw new Error('the background kept training for 2 minutes');
        await A.waitForTimeout(100);
      }
    };
    /** @param {{ t0: number, t1: number }} s @param {{ done: number[][], running: number | null }} r */
    const overlaps = (s, r) => r.done.some(([start, end]) => start < s.t1 && end > s.t0) || (r.running !== null && r.running < s.t1);
    /** @param {{ t0: number, t1: number }} s @param {{ done: number[][], running: number | null }} r */
    const within = (s, r) => r.done.some(([start, end]) => start <= s.t0 && end >= s.t1) || (r.running !== null && r.running <= s.t0);

    // A first change trains the model on the whole library and history; its run is timed.
    await timedToggle();
    const firstDeadline = Date.now() + 120_000;
    while ((await runs()).done.length === 0 && Date.now() < firstDeadline) await A.waitForTimeout(100);
    await settle();
    const first = (await runs()).done.at(-1);
    if (!first) throw new Error('the background never trained');
    for (let i = 0; i < WARMUP; i++) await timedToggle();

    // Idle: changes while no training runs. Each change schedules a retraining 300 ms later; a
    // sample that a training overlapped is dropped, and the next waits for it to end.
    await settle();
    const idle = [];
    let idleDropped = 0;
    while (idle.length < TRAINING_SAMPLES) {
      const sample = await timedToggle();
      const r = await runs();
      if (overlaps(sample, r)) {
        idleDropped += 1;
        await settle();
      } else {
        idle.push(sample.ms);
        if (r.running !== null) await settle();
      }
    }

    // During training: a change starts a retraining (300 ms after it); changes follow as long as
    // that run goes on (each one queues the next run, which starts once changes pause).
    const during = [];
    /** @type {{ ms: number, t0: number, t1: number }[]} */
    const duringSamples = [];
    let duringDropped = 0;
    const overlapped = new Set();
    const deadline = Date.now() + 150_000;
    while (during.length < TRAINING_SAMPLES) {
      if (Date.now() > deadline) throw new Error(`only ${during.length} changes were made while a training ran`);
      let r = await runs();
      if (r.running === null) {
        await timedToggle();
        const wait = Date.now() + 5_000;
        while ((r = await runs()).running === null && Date.now() < wait) await A.waitForTimeout(20);
        continue;
      }
      const sample = await timedToggle();
      r = await runs();
      if (within(sample, r)) {
        during.push(sample.ms);
        duringSamples.push(sample);
        overlapped.add(r.done.find(([start, end]) => start <= sample.t0 && end >= sample.t1)?.[0] ?? r.running);
      } else {
        duringDropped += 1;
      }
    }
    await settle();
    const { done: all, steps } = await runs();
    const overlappedRuns = all.filter(([start]) => overlapped.has(start));
    const trained = overlappedRuns.map(([start, end]) => end - start);
    // Median and longest of each step over the runs the samples fell in.
    const stepDetail = Object.entries(steps)
      .map(([step, list]) => {
        const inRuns = list.filter(([at]) => overlappedRuns.some(([start, end]) => at >= start && at <= end)).map(([, ms]) => ms);
        return inRuns.length > 0 ? `${step} ${median(inRuns).toFixed(0)} (max ${Math.max(...inRuns).toFixed(0)})` : '';
      })
      .filter(Boolean)
      .join(', ');
    // The slowest changes and the steps they overlapped: what a save waited behind.
    const slowest = [...duringSamples]
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 3)
      .map((s) => {
        const over = Object.entries(steps)
          .filter(([, list]) => list.some(([at, ms]) => at < s.t1 && at + ms > s.t0))
          .map(([step]) => step);
        return `${s.ms.toFixed(0)} in ${over.join('+') || 'none'}`;
      })
      .join(', ');

    // A background's first training reads everything (the library, the history, the features);
    // Chromium stops an idle worker after 30 s, so a user's first save of a session starts one.
    // The worker is stopped (after the runs above are read: its timeline goes with it), the next
    // change starts it and its first training, and changes follow while that run goes on.
    const afterRestart = [];
    const firstRuns = [];
    for (let restart = 0; restart < FIRST_RUN_RESTARTS && afterRestart.length < TRAINING_SAMPLES; restart++) {
      await settle();
      const checkRestarted = await stopWorker(session, A);
      await timedToggle();
      await checkRestarted();
      const wait = Date.now() + 5_000;
      let r;
      while ((r = await runs()).running === null && r.done.length === 0 && Date.now() < wait) await A.waitForTimeout(20);
      // Only the new worker's first run: once it ends, the rest are retrainings again.
      while (afterRestart.length < TRAINING_SAMPLES) {
        const sample = await timedToggle();
        r = await runs();
        const firstRun = r.done[0] ?? (r.running !== null ? [r.running, Infinity] : null);
        if (!firstRun || sample.t1 > firstRun[1]) break;
        if (sample.t0 >= firstRun[0]) afterRestart.push(sample.ms);
      }
      await settle();
      const run = (await runs()).done[0];
      if (run) firstRuns.push(run[1] - run[0]);
    }
    await close();

    const idleP95 = percentile(idle, 95);
    const duringP95 = percentile(during, 95);
    const firstP95 = percentile(afterRestart, 95);
    return [
      {
        name: 'sync-p95-during-training',
        value: duringP95,
        unit: 'ms',
        budget: 50,
        baseline: idleP95,
        detail:
          `${LIBRARY} saved, ${SEEN_ROWS} seen; ${during.length} changes while a training ran (${spread(during)}, p50 ${percentile(during, 50).toFixed(1)}), ` +
          `${trained.length} runs (median ${median(trained).toFixed(0)} ms, first ${(first[1] - first[0]).toFixed(0)} ms${stepDetail ? `; steps' medians (max): ${stepDetail}` : ''}); ` +
          `slowest: ${slowest}; baseline: p95 of ${idle.length} with none running (p50 ${percentile(idle, 50).toFixed(1)}); ratio ${(duringP95 / idleP95).toFixed(2)}x; ` +
          `dropped ${idleDropped} idle, ${duringDropped} between runs`,
      },
      {
        name: 'sync-p95-during-first-training',
        value: firstP95,
        unit: 'ms',
        budget: 50,
        baseline: idleP95,
        detail:
          `the same change during a background's first training (it reads the whole library, history and features): ` +
          `${afterRestart.length} changes in ${firstRuns.length} first runs after a worker restart (${spread(afterRestart)}, p50 ${percentile(afterRestart, 50).toFixed(1)}; ` +
          `runs ${firstRuns.map((ms) => ms.toFixed(0)).join(', ')} ms); baseline: the idle p95 above; ratio ${(firstP95 / idleP95).toFixed(2)}x`,
      },
    ];
  } finally {
    await closeBenchBrowser(ctx, session);
  }
}
