// The background as a Firefox event page: foreign, malformed and oversized messages get a clear
// answer (or none), nothing is stored, and it keeps answering. Chromium: the .chromium twin.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launchFirefox } from './harness/firefox.mjs';

/** Sent from the popup's context; a rejection comes back as `{ rejected: message }`. */
function send(message) {
  return browser.runtime.sendMessage(message).then(
    (answer) => ({ answer }),
    (error) => ({ rejected: String(error?.message ?? error) }),
  );
}

const paper = {
  id: 'arxiv:2601.09998',
  aliases: ['arxiv:2601.09998'],
  title: 'Another invented paper for the message checks',
  authors: ['Nobody Real'],
  source: { site: 'arxiv', pageKind: 'listing', url: 'https://arxiv.org/list/cs.LG/new' },
};

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
    for (const foreign of [{ hello: 'world' }, 'ping', { shelfmark: 2, type: 'save' }]) {
      const result = await popup.evaluate(send, foreign);
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
    assert.match(oversized.answer?.error ?? '', /^Invalid "save" request: paper\.title/);

    const badTag = await popup.evaluate(send, { shelfmark: 1, type: 'addTag', payload: { id: paper.id, tag: ' ', paper } });
    assert.deepEqual(badTag.answer, { ok: false, error: 'A tag cannot be empty.' });

    const states = await popup.evaluate(send, { shelfmark: 1, type: 'getStates', payload: { papers: [paper] } });
    assert.deepEqual(states.answer, { ok: true, value: { states: {} } }, 'nothing was saved by the rejected requests');
  });

  it('keeps answering after rejections', async () => {
    const saved = await popup.evaluate(send, { shelfmark: 1, type: 'addTag', payload: { id: paper.id, tag: 'Checked', paper } });
    assert.equal(saved.answer?.ok, true);
    assert.deepEqual(saved.answer.value.tags.map((t) => t.name), ['Checked']);
    const suggestions = await popup.evaluate(send, { shelfmark: 1, type: 'suggestTags', payload: { prefix: 'CHE' } });
    assert.deepEqual(suggestions.answer?.value?.tags?.map((t) => t.name), ['Checked']);
  });
});
