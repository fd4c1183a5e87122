// The background in real Chromium: foreign, malformed, oversized and unauthorised messages get a
// clear answer (or none) and the worker keeps answering; answers arrive as native Promises (G6).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launchChromium } from './harness/chromium.mjs';
import { checkBadMessagesRejected, checkTaggingStillWorks, inventedPaper, send } from './background-messages-kit.mjs';
import { ARXIV_NEW } from './content-kit.mjs';

const paper = inventedPaper('arxiv:2601.09999');

describe('Chromium: background message checks', { timeout: 120_000 }, () => {
  /** @type {import('./harness/chromium.mjs').ChromiumSession} */
  let session;
  /** @type {import('playwright-core').Page} */
  let popup;

  before(async () => {
    session = await launchChromium();
    popup = await session.openPopup();
  });
  after(() => session?.close());

  it('leaves foreign messages unanswered and answers malformed ones with clear errors', async () => {
    await checkBadMessagesRejected((message) => popup.evaluate(send, message), paper);
  });

  it('keeps answering after rejections and after a worker restart', async () => {
    await checkTaggingStillWorks((message) => popup.evaluate(send, message), paper);

    await session.stopServiceWorker();
    const states = await popup.evaluate(send, { shelfmark: 1, type: 'getStates', payload: { papers: [paper] } });
    assert.equal(states.answer?.value?.states?.[paper.id]?.saved, true);
    const info = await session.extensionInfo();
    assert.deepEqual(info.runtimeErrors, []);
  });

  it('refuses extension-only requests from a content script', async () => {
    const page = await session.openPage(ARXIV_NEW);
    await page.locator('html[data-shelfmark="ready"]').waitFor({ state: 'attached', timeout: 15_000 });
    // Evaluate inside the content script's isolated world (browser-testing.md §3.5, recipe 4).
    const cdp = await session.context.newCDPSession(page);
    /** @type {number | undefined} */
    let contextId;
    cdp.on('Runtime.executionContextCreated', ({ context }) => {
      if (context.auxData?.type === 'isolated' && context.origin === `chrome-extension://${session.extensionId}`) {
        contextId = context.id;
      }
    });
    await cdp.send('Runtime.enable');
    assert.ok(contextId, 'the content script world was found');
    const ask = async (message) => {
      const { result } = await cdp.send('Runtime.evaluate', {
        contextId,
        expression: `(${send.toString()})(${JSON.stringify(message)})`,
        awaitPromise: true,
        returnByValue: true,
      });
      return result.value;
    };
    const refused = await ask({ shelfmark: 1, type: 'importPapers', payload: { papers: [{ ...paper, id: 'arxiv:2601.08888' }], tags: [] } });
    assert.deepEqual(refused.answer, { ok: false, error: '"importPapers" cannot be requested from a web page.', refused: true });
    // Nor a backup handed over as a blob the content script made (its page's origin).
    const { result: made } = await cdp.send('Runtime.evaluate', {
      contextId,
      expression: `URL.createObjectURL(new Blob([${JSON.stringify(JSON.stringify({ format: 'shelfmark-backup', schemaVersion: 1, papers: [{ ...paper, id: 'arxiv:2601.08889' }], tags: [] }))}]))`,
      returnByValue: true,
    });
    assert.match(made.value, /^blob:https:\/\/arxiv\.org\//);
    const refusedBackup = await ask({ shelfmark: 1, type: 'importBackup', payload: { url: made.value } });
    assert.deepEqual(refusedBackup.answer, { ok: false, error: '"importBackup" cannot be requested from a web page.', refused: true });
    const fromPopup = await popup.evaluate(send, { shelfmark: 1, type: 'importBackup', payload: { url: made.value } });
    assert.deepEqual(fromPopup.answer, { ok: false, error: 'A backup can only be handed over by Shelfmark’s own pages.', refused: true });
    const states = await popup.evaluate(send, { shelfmark: 1, type: 'getStates', payload: { papers: [{ ...paper, id: 'arxiv:2601.08889', aliases: ['arxiv:2601.08889'] }] } });
    assert.deepEqual(states.answer, { ok: true, value: { states: {} } }, 'the page-made backup was not imported');
    const allowed = await ask({ shelfmark: 1, type: 'suggestTags', payload: { prefix: 'che' } });
    assert.deepEqual(allowed.answer?.value?.tags?.map((t) => t.name), ['Checked']);
    await cdp.detach();
  });
});
