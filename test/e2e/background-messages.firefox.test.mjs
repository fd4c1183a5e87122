// The background as a Firefox event page: foreign, malformed and oversized messages get a clear
// answer (or none), nothing is stored, and it keeps answering. Chromium: the .chromium twin.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { checkBadMessagesRejected, checkTaggingStillWorks, inventedPaper, send } from './background-messages-kit.mjs';
import { launchFirefox } from './harness/firefox.mjs';

const paper = inventedPaper('arxiv:2601.09998');

describe('Firefox: background message checks', { timeout: 120_000 }, () => {
  /** @type {import('./harness/firefox.mjs').FirefoxSession} */
  let session;
  /** @type {import('puppeteer-core').Page} */
  let popup;

  before(async () => {
    session = await launchFirefox();
    popup = await session.openPopup();
  });
  after(() => session?.close());

  it('leaves foreign messages unanswered and answers malformed ones with clear errors', async () => {
    await checkBadMessagesRejected((message) => popup.evaluate(send, message), paper);
  });

  it('keeps answering after rejections', async () => {
    await checkTaggingStillWorks((message) => popup.evaluate(send, message), paper);
    const suggestions = await popup.evaluate(send, { shelfmark: 1, type: 'suggestTags', payload: { prefix: 'CHE' } });
    assert.deepEqual(suggestions.answer?.value?.tags?.map((t) => t.name), ['Checked']);
  });
});
