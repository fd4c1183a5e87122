// "Mark this page" in real Chromium, end to end (issue 10): a blog the manifest does not list gets
// no Shelfmark until the user clicks the toolbar button (CDP Extensions.triggerAction, which
// grants activeTab exactly as a click does, ../shared/browser-testing.md §3.10) and then the
// popup's data-action="mark-page"; every paper link then gets its host, and a paper saved there
// through its arXiv link shows saved on the arXiv listing.
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
});
