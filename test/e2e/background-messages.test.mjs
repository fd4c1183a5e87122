// The background, in both browsers: foreign, malformed, oversized and unauthorised messages get a
// clear answer (or none), nothing is stored by them, and it keeps answering (also after a service
// worker restart, where the browser can force one). Answers arrive as native Promises (G6).
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { forEachBrowser } from './driver/index.mjs';
import { ARXIV_NEW, annotated, inventedPaper, send } from './driver/shelfmark.mjs';

forEachBrowser('background message checks', { timeout: 120_000 }, (suite) => {
  const paper = inventedPaper('arxiv:2601.09999');
  /** @param {unknown} message */
  const ask = (message) => suite.driver.inExtension(send, message);

  it('leaves foreign messages unanswered and answers malformed ones with clear errors', async () => {
    for (const foreign of [{ hello: 'world' }, 'ping', { shelfmark: 2, type: 'save' }]) {
      const result = await ask(foreign);
      // No listener answers: the browser resolves undefined or reports the closed port.
      assert.ok(result.answer === undefined, `foreign message answered: ${JSON.stringify(result)}`);
    }
    const unknown = await ask({ shelfmark: 1, type: 'dropEverything', payload: {} });
    assert.equal(unknown.answer?.ok, false);
    assert.match(unknown.answer.error, /^Malformed Shelfmark request: type/);

    const oversized = await ask({ shelfmark: 1, type: 'save', payload: { paper: { ...paper, title: 'x'.repeat(20_001) } } });
    assert.deepEqual(Object.keys(oversized.answer ?? {}).sort(), ['error', 'ok', 'refused']);
    assert.match(oversized.answer.error, /^Invalid "save" request: paper\.title/);

    const badTag = await ask({ shelfmark: 1, type: 'addTag', payload: { id: paper.id, tag: ' ', paper } });
    assert.deepEqual(badTag.answer, { ok: false, error: 'A tag cannot be empty.', refused: true });

    // A backup is read only from a blob: URL of the extension's own origin, never from the web or
    // from a web page's blob (which a service worker could otherwise fetch).
    const webUrl = await ask({ shelfmark: 1, type: 'importBackup', payload: { url: 'https://example.org/shelfmark-backup.json' } });
    assert.equal(webUrl.answer?.ok, false);
    assert.match(webUrl.answer.error, /^Invalid "importBackup" request: url/);
    const pageBlob = await ask({ shelfmark: 1, type: 'importBackup', payload: { url: 'blob:https://arxiv.org/00000000-0000-4000-8000-000000000000' } });
    assert.deepEqual(pageBlob.answer, { ok: false, error: 'A backup can only be handed over by Shelfmark’s own pages.', refused: true });

    const states = await ask({ shelfmark: 1, type: 'getStates', payload: { papers: [paper] } });
    // Only the states matter here (the answer also carries the seen history's marks).
    assert.equal(states.answer?.ok, true);
    assert.deepEqual(states.answer.value.states, {}, 'nothing was saved by the rejected requests');
  });

  it('keeps answering after rejections: tagging saves the paper, suggestions find the tag', async () => {
    const saved = await ask({ shelfmark: 1, type: 'addTag', payload: { id: paper.id, tag: 'Checked', paper } });
    assert.equal(saved.answer?.ok, true);
    assert.deepEqual(saved.answer.value.tags.map((/** @type {{ name: string }} */ t) => t.name), ['Checked']);
    const suggestions = await ask({ shelfmark: 1, type: 'suggestTags', payload: { prefix: 'CHE' } });
    assert.deepEqual(suggestions.answer?.value?.tags?.map((/** @type {{ name: string }} */ t) => t.name), ['Checked']);
  });

  it('keeps answering after the service worker is stopped', { skip: suite.browser === 'firefox' && 'Firefox runs an event page a test cannot stop' }, async () => {
    await suite.driver.stopBackground();
    const states = await ask({ shelfmark: 1, type: 'getStates', payload: { papers: [paper] } });
    assert.equal(states.answer?.value?.states?.[paper.id]?.saved, true);
    assert.deepEqual((await suite.driver.extensionInfo()).runtimeErrors, []);
  });

  it('refuses extension-only requests from a content script', async () => {
    const page = await suite.driver.openPage(ARXIV_NEW);
    await annotated(page);
    /** @param {unknown} message */
    const askAsPage = (message) => page.inContentScript(send, message);

    const refused = await askAsPage({ shelfmark: 1, type: 'importPapers', payload: { papers: [{ ...paper, id: 'arxiv:2601.08888' }], tags: [] } });
    assert.deepEqual(refused.answer, { ok: false, error: '"importPapers" cannot be requested from a web page.', refused: true });

    // Nor a backup handed over as a blob the content script made.
    const backup = JSON.stringify({ format: 'shelfmark-backup', schemaVersion: 1, papers: [{ ...paper, id: 'arxiv:2601.08889' }], tags: [] });
    const blobUrl = await page.inContentScript((text) => URL.createObjectURL(new Blob([text])), backup);
    assert.match(blobUrl, /^blob:https:\/\/arxiv\.org\//, 'a blob made by the content script belongs to the page');
    const refusedBackup = await askAsPage({ shelfmark: 1, type: 'importBackup', payload: { url: blobUrl } });
    assert.deepEqual(refusedBackup.answer, { ok: false, error: '"importBackup" cannot be requested from a web page.', refused: true });
    const fromExtension = await ask({ shelfmark: 1, type: 'importBackup', payload: { url: blobUrl } });
    assert.deepEqual(fromExtension.answer, { ok: false, error: 'A backup can only be handed over by Shelfmark’s own pages.', refused: true });
    const states = await ask({ shelfmark: 1, type: 'getStates', payload: { papers: [inventedPaper('arxiv:2601.08889')] } });
    assert.equal(states.answer?.ok, true);
    assert.deepEqual(states.answer.value.states, {}, 'the page-made backup was not imported');

    // What a page may ask, it gets (the tag is the one tagging gave the paper above; adding it
    // again here keeps this test whole when run alone).
    await ask({ shelfmark: 1, type: 'addTag', payload: { id: paper.id, tag: 'Checked', paper } });
    const allowed = await askAsPage({ shelfmark: 1, type: 'suggestTags', payload: { prefix: 'che' } });
    assert.deepEqual(allowed.answer?.value?.tags?.map((/** @type {{ name: string }} */ t) => t.name), ['Checked']);
    await page.close();
  });
});
