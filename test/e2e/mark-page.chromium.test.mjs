// "Mark this page" in real Chromium, end to end (issue 10): a blog the manifest does not list gets
// no Shelfmark until the user clicks the toolbar button (CDP Extensions.triggerAction, which
// grants activeTab exactly as a click does, ../shared/browser-testing.md §3.10) and then the
// popup's data-action="mark-page"; every paper link then gets its host, and a paper saved there
// through its arXiv link shows saved on the arXiv listing. And the popup opened over a listing
// after the background stopped for being idle still shows the tab's line (tab-memory.ts).
import assert from 'node:assert/strict';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium } from 'playwright-core';
import { ARXIV_NEW, allInState } from './driver/shelfmark.mjs';
import { launchChromium } from './harness/chromium.mjs';
import { ROOT, TMP } from './harness/env.mjs';

/** The first paper of the arXiv /new fixture. */
const SHARED_ID = 'arxiv:2609.10001';

const BLOG = 'https://fernhollow-lab.example.org/blog/2025/what-we-read';
// The blog fixture cites this made-up arXiv id; here it becomes the first paper of the arXiv /new fixture.
const BLOG_ARXIV_ID = '2401.01234';

/** The fixtures, with the blog citing a paper the arXiv listing shows. */
function blogCitingArxivListing() {
  const dir = path.join(TMP, `mark-page-fixtures-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  cpSync(path.join(ROOT, 'test', 'fixtures'), dir, { recursive: true });
  const blog = path.join(dir, 'links', 'blog-prose.html');
  writeFileSync(blog, readFileSync(blog, 'utf8').replaceAll(BLOG_ARXIV_ID, SHARED_ID.slice('arxiv:'.length)));
  const expected = JSON.parse(readFileSync(path.join(dir, 'links', 'blog-prose.expected.json'), 'utf8'));
  const ids = expected.map((/** @type {{ paper: { id: string } }} */ entry) => entry.paper.id.replace(`arxiv:${BLOG_ARXIV_ID}`, SHARED_ID));
  return { dir, ids: ids.sort() };
}

/** @type {import('playwright-core').Browser[]} */
const connections = [];

/**
 * The action popup, once it is open.
 * @param {string} port
 */
async function findPopup(port) {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
    connections.push(browser);
    const popup = browser.contexts().flatMap((context) => context.pages()).find((page) => page.url().endsWith('/popup.html'));
    if (popup) return popup;
    if (Date.now() > deadline) throw new Error('the toolbar button opened no popup');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('Chromium: mark this page', { timeout: 240_000 }, () => {
  /** @type {import('./harness/chromium.mjs').ChromiumSession} */
  let session;
  /** @type {import('playwright-core').Browser | undefined} */
  let cdpBrowser;
  let port = '';
  const { dir, ids } = blogCitingArxivListing();

  before(async () => {
    // A debugging port beside Playwright's pipe: Extensions.triggerAction needs a browser-level
    // session, which a persistent context does not give.
    session = await launchChromium({ fixturesDir: dir, args: ['--remote-debugging-port=0', '--enable-unsafe-extension-debugging'] });
    port = readFileSync(path.join(session.userDataDir, 'DevToolsActivePort'), 'utf8').split('\n')[0];
    cdpBrowser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
  });
  after(async () => {
    await session?.close();
    for (const browser of [cdpBrowser, ...connections]) await browser?.close().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  });

  it('marks a blog once from the popup; a paper saved there shows saved on arXiv', async () => {
    const blog = await session.openPage(BLOG);
    await blog.waitForLoadState('load');
    assert.equal(await blog.locator('shelfmark-entry').count(), 0, 'no host before the user asks');
    assert.equal(await session.contentScriptWorlds(blog), 0, 'no content script before the user asks');

    // The toolbar button, clicked for the blog's tab: opens the popup and grants activeTab.
    const bcdp = await cdpBrowser.newBrowserCDPSession();
    const { targetInfos } = await bcdp.send('Target.getTargets', { filter: [{}] });
    const tab = targetInfos.find((target) => target.type === 'tab' && target.url === BLOG);
    assert.ok(tab, 'the blog tab is a CDP tab target');
    await bcdp.send('Extensions.triggerAction', { id: session.extensionId, targetId: tab.targetId });
    // The popup is a new page target; a CDP connection lists the pages open when it connects.
    const popup = await findPopup(port);
    await popup.locator('[data-action="mark-page"]').click();
    await popup.getByRole('status').filter({ hasText: 'Marking paper links' }).waitFor();

    await blog.locator('html[data-shelfmark="ready"]').waitFor({ state: 'attached', timeout: 15_000 });
    const hostIds = await blog.evaluate(() => Array.from(document.querySelectorAll('shelfmark-entry'), (host) => host.getAttribute('data-shelfmark-id')));
    assert.deepEqual([...hostIds].sort(), ids, 'one host per paper per group, nothing else');
    // Each host sits right after a link, inline in the prose.
    assert.equal(await blog.evaluate(() => Array.from(document.querySelectorAll('shelfmark-entry')).every((host) => host.previousElementSibling?.localName === 'a' && getComputedStyle(host).display === 'inline-flex')), true);

    // Save the cited paper through its link on the blog: both of its hosts there turn saved.
    const host = blog.locator(`shelfmark-entry[data-shelfmark-id="${SHARED_ID}"]`).first();
    await host.click({ position: { x: 5, y: 6 } });
    await blog.waitForFunction(allInState, { id: SHARED_ID, state: 'saved' }, { timeout: 10_000 });

    const listing = await session.openPage(ARXIV_NEW);
    await listing.locator('html[data-shelfmark="ready"]').waitFor({ state: 'attached', timeout: 15_000 });
    assert.equal(await listing.evaluate(allInState, { id: SHARED_ID, state: 'saved' }), true, 'saved on the arXiv listing too');
    await bcdp.detach();
  });

  it("still shows the listing's line in the popup after the background stopped for being idle", async () => {
    const listing = await session.openPage(ARXIV_NEW);
    await listing.locator('html[data-shelfmark="ready"]').waitFor({ state: 'attached', timeout: 15_000 });
    const bcdp = await cdpBrowser.newBrowserCDPSession();
    const { targetInfos } = await bcdp.send('Target.getTargets', { filter: [{}] });
    // The first test's popup, if it is still open, is not the one to read.
    for (const target of targetInfos.filter((t) => t.url.endsWith('/popup.html'))) await bcdp.send('Target.closeTarget', { targetId: target.targetId });
    // The listing's content script has reported its summary: the toolbar badge counts the saved paper.
    const expected = await listing.evaluate(() => new Set(Array.from(document.querySelectorAll('shelfmark-entry'), (host) => host.getAttribute('data-shelfmark-id'))).size);
    await session.serviceWorker.evaluate(async () => {
      for (;;) {
        // @ts-expect-error chrome exists in the worker
        const tabs = await chrome.tabs.query({});
        // @ts-expect-error chrome exists in the worker
        const badges = await Promise.all(tabs.map((tab) => chrome.action.getBadgeText({ tabId: tab.id })));
        if (badges.includes('1')) return;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    });
    // What Chromium does to an idle worker after 30 s; the popup's request starts a new one. A
    // global set now is gone only if the worker really stopped (stopAllWorkers returns before).
    // Twice: a tab that was just shown asks again at the first restart (its catch-up) and reports
    // its summary anew; a tab read for a while has nothing to say when the popup opens.
    for (let stop = 0; stop < 2; stop++) {
      await session.serviceWorker.evaluate(() => {
        /** @type {any} */ (globalThis).__shelfmarkTestAlive = true;
      });
      await session.stopServiceWorker();
      await listing.waitForTimeout(1_000);
    }
    const tab = (await bcdp.send('Target.getTargets', { filter: [{}] })).targetInfos.find((target) => target.type === 'tab' && target.url === ARXIV_NEW);
    assert.ok(tab, 'the listing tab is a CDP tab target');
    await bcdp.send('Extensions.triggerAction', { id: session.extensionId, targetId: tab.targetId });
    const popup = await findPopup(port);
    const line = popup.locator('[data-page-summary]');
    await line.waitFor({ timeout: 15_000 });
    assert.match(await line.innerText(), new RegExp(`^1 of ${expected} saved here`));
    assert.equal(await session.serviceWorker.evaluate(() => /** @type {any} */ (globalThis).__shelfmarkTestAlive === true), false, 'the popup spoke to a restarted worker');
    await bcdp.detach();
  });
});
