// The background in real Chromium: foreign, malformed, oversized and unauthorised messages get a
// clear answer (or none) and the worker keeps answering; answers arrive as native Promises (G6).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launchChromium } from './harness/chromium.mjs';
import { ARXIV_NEW } from './content-kit.mjs';

/** Sent from the page's own context; a rejection comes back as `{ rejected: message }`. */
function send(message) {
  return chrome.runtime.sendMessage(message).then(
    (answer) => ({ answer }),
    (error) => ({ rejected: String(error?.message ?? error) }),
  );
}

const paper = {
  id: 'arxiv:2601.09999',
  aliases: ['arxiv:2601.09999'],
  title: 'An invented paper for the message checks',
  authors: ['Nobody Real'],
  source: { site: 'arxiv', pageKind: 'listing', url: 'https://arxiv.org/list/cs.LG/new' },
};

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
    for (const foreign of [{ hello: 'world' }, 'ping', { shelfmark: 2, type: 'save' }]) {
      const result = await popup.evaluate(send, foreign);
      // No listener answers: Chromium resolves undefined or reports the closed port.
      assert.ok(result.answer === undefined, `foreign message answered: ${JSON.stringify(result)}`);
    }
    const unknown = await popup.evaluate(send, { shelfmark: 1, type: 'dropEverything', payload: {} });
    assert.equal(unknown.answer?.ok, false);
    assert.match(unknown.answer.error, /^Malformed Shelfmark request: type/);

    const oversized = await popup.evaluate(send, {
      shelfmark: 1,
      type: 'save',
      payload: { paper: { ...paper, title: 'x'.repeat(20_001) } },
    });
    assert.deepEqual(Object.keys(oversized.answer ?? {}).sort(), ['error', 'ok']);
    assert.match(oversized.answer.error, /^Invalid "save" request: paper\.title/);

    const badTag = await popup.evaluate(send, { shelfmark: 1, type: 'addTag', payload: { id: paper.id, tag: ' ', paper } });
    assert.deepEqual(badTag.answer, { ok: false, error: 'A tag cannot be empty.' });

    const states = await popup.evaluate(send, { shelfmark: 1, type: 'getStates', payload: { papers: [paper] } });
    assert.deepEqual(states.answer, { ok: true, value: { states: {} } }, 'nothing was saved by the rejected requests');
  });

  it('keeps answering after rejections and after a worker restart', async () => {
    const saved = await popup.evaluate(send, { shelfmark: 1, type: 'addTag', payload: { id: paper.id, tag: 'Checked', paper } });
    assert.equal(saved.answer?.ok, true);
    assert.deepEqual(saved.answer.value.tags.map((t) => t.name), ['Checked']);

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
    assert.deepEqual(refused.answer, { ok: false, error: '"importPapers" cannot be requested from a web page.' });
    const allowed = await ask({ shelfmark: 1, type: 'suggestTags', payload: { prefix: 'che' } });
    assert.deepEqual(allowed.answer?.value?.tags?.map((t) => t.name), ['Checked']);
    await cdp.detach();
  });
});
