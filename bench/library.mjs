// library-first-render-10k: the library page (library.html, an extension page in a tab) with
// 10,000 generated papers (./papers-10k.mjs), imported through the page's own file input. Timed
// on the page's own clock from navigation start to the first table row in the DOM and laid out,
// seen by a MutationObserver from an init script (nothing from the page's code). The run is valid
// only if the table then lists all 10,000 (aria-rowcount).
import { closeBenchBrowser, launchBenchBrowser, waitInPage } from './browser-session.mjs';
import { writeBackupFile } from './papers-10k.mjs';
import { median, spread } from './stats.mjs';

const RUNS = 5;
const PROBE = '__shelfmarkLibraryProbe';
const SIZE = { width: 1280, height: 800 };

/** Runs IN THE PAGE before its own script (init script). */
function instrument({ probe, papers }) {
  const state = { rowsAt: null, fullAt: null };
  /** @type {any} */ (window)[probe] = state;
  new MutationObserver(() => {
    if (state.fullAt !== null) return;
    if (document.querySelector('.trow')) {
      void document.body.offsetHeight;
      const now = performance.now();
      state.rowsAt ??= now;
      if (Number(document.querySelector('[role="grid"]')?.getAttribute('aria-rowcount')) === papers + 1) state.fullAt = now;
    }
  }).observe(document, { childList: true, subtree: true, attributes: true });
}

/**
 * @param {import('./browser-session.mjs').BenchContext} ctx
 * @returns {Promise<import('./report.mjs').BenchResult[]>}
 */
export async function library(ctx) {
  const generated = await writeBackupFile('shelfmark-backup-10k-library.json');
  const { file } = generated;
  const session = await launchBenchBrowser(ctx);
  try {
    const url = `chrome-extension://${session.extensionId}/library.html`;
    const importer = await session.context.newPage();
    await importer.goto(url);
    await importer.locator('input[type="file"]').setInputFiles(file);
    await importer.locator('.import-report').waitFor({ timeout: 180_000 });
    const report = await importer.locator('.import-report').textContent();
    if (!report?.includes(`${generated.papers} added`)) throw new Error(`unexpected import report: ${report}`);
    await importer.close();

    const firsts = [];
    const fulls = [];
    for (let i = 0; i < RUNS; i++) {
      const page = await session.context.newPage();
      await page.setViewportSize(SIZE);
      await page.addInitScript(instrument, { probe: PROBE, papers: generated.papers });
      await page.bringToFront();
      await page.goto(url);
      await waitInPage(page, (name) => /** @type {any} */ (window)[name].fullAt !== null, PROBE, { timeout: 60_000 });
      const seen = await page.evaluate((name) => /** @type {any} */ (window)[name], PROBE);
      firsts.push(seen.rowsAt);
      fulls.push(seen.fullAt);
      await page.close();
    }
    return [
      {
        name: 'library-first-render-10k',
        value: median(firsts),
        unit: 'ms',
        budget: 300,
        detail: `navigation start → first table rows laid out, median of ${RUNS} opens (${spread(firsts)}); all ${generated.papers} in the table: median ${median(fulls).toFixed(0)} ms`,
      },
    ];
  } finally {
    await closeBenchBrowser(ctx, session);
  }
}
