// The background's message checks, written once for both browsers: `ask` sends one message from
// an extension page (or a content script) and returns `{ answer }` or `{ rejected }`.
import assert from 'node:assert/strict';

/**
 * IN THE PAGE (serialised): sends one message; a rejection comes back as `{ rejected: message }`.
 * Chromium 156 and Firefox both have the `browser` namespace; `chrome` is the fallback.
 * @param {unknown} message
 */
export function send(message) {
  const api = /** @type {any} */ (globalThis).browser ?? /** @type {any} */ (globalThis).chrome;
  return api.runtime.sendMessage(message).then(
    (/** @type {unknown} */ answer) => ({ answer }),
    (/** @type {any} */ error) => ({ rejected: String(error?.message ?? error) }),
  );
}

/** @param {string} id */
export function inventedPaper(id) {
  return {
    id,
    aliases: [id],
    title: `An invented paper for the message checks (${id})`,
    authors: ['Nobody Real'],
    source: { site: 'arxiv', pageKind: 'listing', url: 'https://arxiv.org/list/cs.LG/new' },
  };
}

/** @typedef {(message: unknown) => Promise<{ answer?: any, rejected?: string }>} Ask */

/**
 * Foreign messages go unanswered; malformed, oversized and invalid ones get clear errors; none
 * of them stores anything.
 * @param {Ask} ask
 * @param {ReturnType<typeof inventedPaper>} paper
 */
export async function checkBadMessagesRejected(ask, paper) {
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
  assert.deepEqual(states.answer, { ok: true, value: { states: {} } }, 'nothing was saved by the rejected requests');
}

/**
 * After the rejections, a valid request still works: tagging saves the paper.
 * @param {Ask} ask
 * @param {ReturnType<typeof inventedPaper>} paper
 */
export async function checkTaggingStillWorks(ask, paper) {
  const saved = await ask({ shelfmark: 1, type: 'addTag', payload: { id: paper.id, tag: 'Checked', paper } });
  assert.equal(saved.answer?.ok, true);
  assert.deepEqual(saved.answer.value.tags.map((/** @type {{ name: string }} */ t) => t.name), ['Checked']);
}
