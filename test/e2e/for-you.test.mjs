// "For you" (issue 15) in both browsers: papers saved on one listing (made-up titles on two
// topics), and the entries seen and passed over there, make another listing suggest the entries
// about what was saved; the explanation opens when `f` jumps to a suggestion; the popup's list has
// them and its "show" scrolls to one; a restarted background (Chromium) ranks with the model it
// stored; turned off in settings, the marks go.
import assert from 'node:assert/strict';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, it } from 'node:test';
import { forEachBrowser } from './driver/index.mjs';
import { ROOT, TMP } from './harness/env.mjs';
import { ARXIV_NEW, SAVE_TOGGLE, annotated, eventually, hostSelector, send, waitForState } from './driver/shelfmark.mjs';

const SECOND = 'https://arxiv.org/list/cs.LG/pastweek?show=250';
const GARDEN = ['Lattice gardening with quiet trellis', 'Trellis pruning for lattice gardening', 'Lattice gardening under moonlit trellis', 'Compost and lattice gardening on a trellis', 'A trellis theory of lattice gardening', 'Trellis lattice gardening at dawn'];
const KELP = ['Marine acoustics of humming kelp', 'Kelp forest acoustics survey', 'Humming kelp and tidal echoes', 'Echoes in kelp acoustics', 'Tidal kelp humming patterns', 'Acoustics of drifting kelp', 'Sonar of humming kelp', 'Kelp echoes at low tide'];
const TITLE = /(<div class=["']list-title mathjax["']><span class=["']descriptor["']>Title:<\/span>)[\s\S]*?(<\/div>)/gu;

/**
 * The committed fixtures with made-up titles on two topics: arXiv /new's first six entries are
 * about lattice gardening (the user saves them), the rest about humming kelp; the 250-entry
 * listing is kelp, but for every 25th entry, which is about gardening.
 * @param {string} browser
 */
function topicFixtures(browser) {
  const dir = path.join(TMP, `for-you-fixtures-${browser}-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  cpSync(path.join(ROOT, 'test', 'fixtures'), dir, { recursive: true });
  const retitle = (/** @type {string} */ file, /** @type {(i: number) => string} */ title) => {
    let i = 0;
    const html = readFileSync(path.join(dir, 'arxiv', file), 'utf8').replace(TITLE, (_, open, close) => `${open}\n          ${title(i++)}\n        ${close}`);
    writeFileSync(path.join(dir, 'arxiv', file), html);
  };
  retitle('list-new.html', (i) => (i < 6 ? GARDEN[i] : KELP[i]));
  retitle('list-pastweek-250.html', (i) => (i % 25 === 3 ? `${GARDEN[i % 6]} revisited ${i}` : `${KELP[i % 8]}, part ${i}`));
  return dir;
}

/** IN THE PAGE: each suggested host's id, the title line above it, and its explanation (test-build mirror). */
function suggested() {
  return Array.from(document.querySelectorAll('shelfmark-entry[data-suggested]')).map((host) => ({
    id: host.getAttribute('data-shelfmark-id'),
    title: host.previousElementSibling?.textContent?.replace('Title:', '').trim() ?? '',
    why: host.getAttribute('data-suggested') ?? '',
    open: host.hasAttribute('data-suggested-open'),
  }));
}

/**
 * IN THE CONTENT SCRIPT: the text of the `data-mark="suggested"` element in the closed shadow root
 * of `id`'s host (content scripts may open closed roots; see chipsOf in driver/shelfmark.mjs).
 * @param {string} id
 */
function markIn(id) {
  const api = /** @type {any} */ (globalThis).chrome?.dom;
  const host = document.querySelector(`shelfmark-entry[data-shelfmark-id="${id}"]`);
  if (!host) return null;
  const root = api?.openOrClosedShadowRoot ? api.openOrClosedShadowRoot(host) : /** @type {any} */ (host).openOrClosedShadowRoot;
  return root?.querySelector('[data-mark="suggested"]')?.textContent ?? null;
}

const dirs = /** @type {string[]} */ ([]);
after(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

forEachBrowser(
  'for you',
  {
    timeout: 180_000,
    launch: (browser) => {
      const fixturesDir = topicFixtures(browser);
      dirs.push(fixturesDir);
      return { fixturesDir };
    },
  },
  (suite) => {
    it('suggests, on another listing, the entries about what was saved, says why, and stops when turned off', async () => {
      const { driver } = suite;
      const first = await driver.openPage(ARXIV_NEW);
      await annotated(first);
      const ids = await first.evaluate(() => Array.from(document.querySelectorAll('shelfmark-entry'), (h) => h.getAttribute('data-shelfmark-id')));
      for (const id of ids.slice(0, 6)) {
        await first.click(hostSelector(id), { position: SAVE_TOGGLE });
        await waitForState(first, id, 'saved');
      }
      // The user scrolls on past the kelp papers: on screen a second or more, they are seen and not
      // saved, what the model learns to tell the saved ones from.
      for (let screen = 0; screen < 4; screen++) {
        await first.evaluate(() => window.scrollBy(0, window.innerHeight));
        await new Promise((resolve) => setTimeout(resolve, 1500));
      }
      await first.close();

      // The model retrains in the background after the saves: the listing is opened until it shows suggestions.
      let tab = await driver.openPage(SECOND);
      /** @type {ReturnType<typeof suggested>} */
      let marks = [];
      await eventually(
        async () => {
          await annotated(tab);
          marks = await tab.evaluate(suggested);
          if (marks.length > 0) return true;
          await tab.close();
          tab = await driver.openPage(SECOND);
          return false;
        },
        'suggestions on the second listing',
        60_000,
      );
      assert.ok(marks.length >= 3, `only ${marks.length} suggested: ${JSON.stringify(marks)}`);
      for (const mark of marks) assert.match(mark.title, /gardening/u, `suggested off-topic: ${mark.title}`);
      assert.ok(marks.length <= 25, 'at most a tenth of the page');
      assert.match(marks[0].why, /Because of: .*(lattice|gardening|trellis)/u);

      // The mark itself is in the closed shadow root, as checks rely on.
      const inRoot = await tab.inContentScript(markIn, marks[0].id);
      assert.equal(inRoot, 'for you');

      // f jumps to the first suggestion and opens its explanation.
      await explainedAfterF(tab);

      // The popup's "suggested on this page" for this tab, and its "show" for the last one listed.
      const last = marks.at(-1);
      const popup = await driver.inExtension(popupView, last.id);
      assert.ok(popup, 'no tab had suggestions for the popup');
      assert.deepEqual(popup.listed.map((/** @type {{ id: string }} */ s) => s.id).sort(), marks.map((mark) => mark.id).sort());
      assert.ok(popup.listed.every((/** @type {{ title: string, why: string }} */ s) => /gardening/u.test(s.title) && /^Because of: /u.test(s.why)));
      assert.deepEqual(popup.shown, { shown: true });
      await tab.waitFor((id) => document.querySelector(`shelfmark-entry[data-shelfmark-id="${id}"]`)?.hasAttribute('data-suggested-open') === true, last.id);

      // Chromium stops an idle service worker: the restarted one ranks the next page with the
      // stored model, on its first answer (no suggestions would come before a new training).
      if (suite.browser === 'chromium') {
        await tab.close();
        await driver.stopBackground();
        tab = await driver.openPage(SECOND);
        await annotated(tab);
        const again = await tab.evaluate(suggested);
        assert.deepEqual(again.map((mark) => mark.id).sort(), marks.map((mark) => mark.id).sort());
      }

      // Turned off in settings: the marks go from the open page.
      await driver.inExtension(send, { shelfmark: 1, type: 'updateSettings', payload: { patch: { forYou: { enabled: false, maxShare: 0.1 } } } });
      await tab.waitFor(() => document.querySelector('shelfmark-entry[data-suggested]') === null);
      await tab.close();
    });
  },
);

/**
 * IN AN EXTENSION PAGE: what the popup asks for the tab it opened over (`pageSuggestions`), for
 * the one tab that has suggestions, and its "show" for `show`. The popup is no tab and a content
 * script takes commands only from such senders; Firefox tells the receiver that a test's extension
 * page is a tab, so there the background page sends the command (see foundation.test.mjs).
 * @param {string} show
 */
async function popupView(show) {
  const api = /** @type {any} */ (globalThis).browser ?? /** @type {any} */ (globalThis).chrome;
  for (const tab of await api.tabs.query({})) {
    const answer = await api.runtime.sendMessage({ shelfmark: 1, type: 'pageSuggestions', payload: { tabId: tab.id } });
    const page = answer?.ok ? answer.value : null;
    if (!page || page.suggestions.length === 0) continue;
    const background = await api.runtime.getBackgroundPage?.().catch(() => null);
    const sender = background?.browser ?? api;
    const shown = await sender.tabs.sendMessage(tab.id, { shelfmark: 1, type: 'pageCommand', command: 'showEntry', id: show });
    return { listed: page.suggestions, shown };
  }
  return null;
}

/** @param {import('./driver/index.mjs').Tab} tab */
async function explainedAfterF(tab) {
  await tab.press('f');
  await tab.waitFor(() => document.querySelector('shelfmark-entry[data-suggested-open]') !== null);
  const open = (await tab.evaluate(suggested)).filter((mark) => mark.open);
  assert.equal(open.length, 1);
  assert.match(open[0].title, /gardening/u);
}
