// Triage (seen history, issue 11) in Chromium: the scenario of triage-kit.mjs, with the marks also
// read inside the closed shadow roots (CDP pierces them).
import { after, before, describe, it } from 'node:test';
import { launchChromium } from './harness/chromium.mjs';
import { removeFixtures } from './triage-fixtures.mjs';
import { bulkSaveAndVersionBadge, seenOnOneListingThenAnother, triageFixtures } from './triage-kit.mjs';

/**
 * Each host's marks, read from the data-mark elements inside its closed shadow root.
 * @param {import('playwright-core').BrowserContext} context
 * @param {import('playwright-core').Page} page
 */
async function shadowMarks(context, page) {
  const cdp = await context.newCDPSession(page);
  try {
    const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    /** @type {Record<string, string>} */
    const out = {};
    /** @param {any} node @param {(node: any) => void} visit */
    const walk = (node, visit) => {
      visit(node);
      for (const child of node.children ?? []) walk(child, visit);
      if (node.contentDocument) walk(node.contentDocument, visit);
    };
    /** @param {any} node @param {string} name */
    const attribute = (node, name) => {
      const list = node.attributes ?? [];
      for (let i = 0; i < list.length; i += 2) if (list[i] === name) return list[i + 1];
      return undefined;
    };
    walk(root, (node) => {
      if (node.nodeName !== 'SHELFMARK-ENTRY') return;
      const marks = [];
      for (const shadow of node.shadowRoots ?? []) walk(shadow, (inner) => {
        const mark = attribute(inner, 'data-mark');
        if (mark) marks.push(mark);
      });
      out[attribute(node, 'data-shelfmark-id')] = marks.join(' ');
    });
    return out;
  } finally {
    await cdp.detach();
  }
}

describe('Chromium: triage', { timeout: 180_000 }, () => {
  /** @type {import('./harness/chromium.mjs').ChromiumSession} */
  let session;
  /** @type {string} */
  let fixturesDir;
  before(async () => {
    fixturesDir = triageFixtures();
    session = await launchChromium({ fixturesDir });
  });
  after(async () => {
    await session?.close();
    removeFixtures(fixturesDir);
  });

  it('seen on one listing, marked seen on another; new only for entries added since; history cleared', async () => {
    await seenOnOneListingThenAnother(
      {
        openPage: (url) => session.openPage(url),
        openPopup: () => session.openPopup(),
        ready: (page) => page.locator('html[data-shelfmark="ready"]').waitFor({ state: 'attached', timeout: 15_000 }),
        shadowMarks: (page) => shadowMarks(session.context, page),
      },
      fixturesDir,
    );
  });

  it('bulk save of 50 selected entries is one undoable step; a replaced entry shows its newer-version badge', async () => {
    await bulkSaveAndVersionBadge(
      {
        openPage: (url) => session.openPage(url),
        openPopup: () => session.openPopup(),
        ready: (page) => page.locator('html[data-shelfmark="ready"]').waitFor({ state: 'attached', timeout: 15_000 }),
        shadowMarks: (page) => shadowMarks(session.context, page),
        press: (page, key) => page.keyboard.press(key),
      },
    );
  });
});
