// sync-storage-bytes-10k: the browser sync storage a 10,000-paper library takes once sync is on
// (issue 13). The bench's generated library (papers-10k.mjs: ids, tags, statuses, save and change
// times spread over 900 days) is imported, sync is turned on, and once the background has written
// its state, Chromium's own count (`storage.sync.getBytesInUse`, what its quota checks) is the figure.
import { closeBenchBrowser, launchBenchBrowser, waitInPage } from './browser-session.mjs';
import { generateBackup } from './papers-10k.mjs';

/**
 * @param {import('./browser-session.mjs').BenchContext} ctx
 * @returns {Promise<import('./report.mjs').BenchResult[]>}
 */
export async function syncStorage(ctx) {
  const { json } = generateBackup(10_000);
  // What sync carries; the rest (abstracts, authors) stays local and only slows the message.
  const papers = JSON.parse(json).papers.map(({ abstract: _a, authors: _b, ...paper }) => ({ ...paper, authors: [] }));
  const tags = JSON.parse(json).tags;
  const session = await launchBenchBrowser(ctx);
  try {
    const page = await session.openPopup();
    const send = (/** @type {unknown} */ message) => page.evaluate((m) => chrome.runtime.sendMessage(m), message);
    const imported = await send({ shelfmark: 1, type: 'importPapers', payload: { papers, tags } });
    if (!imported?.ok) throw new Error(`import failed: ${imported?.error}`);
    const started = Date.now();
    await send({ shelfmark: 1, type: 'updateSettings', payload: { patch: { sync: { enabled: true } } } });
    await waitInPage(
      page,
      () =>
        chrome.storage.local.get('syncStatus').then(({ syncStatus: s }) => Boolean(s && (s.state === 'ok' || s.state === 'full') && !s.pending)),
      undefined,
      { timeout: 120_000, interval: 200 },
    );
    const firstWriteMs = Date.now() - started;
    const { bytes, status } = await page.evaluate(async () => ({
      bytes: await chrome.storage.sync.getBytesInUse(null),
      status: (await chrome.storage.local.get('syncStatus')).syncStatus,
    }));
    return [
      {
        name: 'sync-storage-bytes-10k',
        value: Math.round((bytes / 1024) * 10) / 10,
        unit: 'KB',
        budget: 100,
        detail: `${bytes} bytes in ${Object.keys(await page.evaluate(() => chrome.storage.sync.get(null))).length} items; ${status.papers} papers, ${status.left} left out, titles ${status.titleMax ? `to ${status.titleMax} characters` : 'left out'}; first write ${firstWriteMs} ms after turning sync on`,
      },
    ];
  } finally {
    await closeBenchBrowser(ctx, session);
  }
}
