// Serves the committed fixture pages at their REAL URLs by request interception, so the
// manifest's real match patterns decide where the content script runs, and nothing reaches the
// network: every request that is not a fixture is answered 404 here.
//
// Each test/fixtures/<site>/pages.json maps a real URL to a fixture file beside it, either
//   { "https://arxiv.org/list/cs.LG/new": "list-new.html", ... }
// or a list of { "url": ..., "file": ... } objects (extra keys are ignored).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './env.mjs';

export const FIXTURES_DIR = process.env.SHELFMARK_FIXTURES
  ? path.resolve(process.env.SHELFMARK_FIXTURES)
  : path.join(ROOT, 'test', 'fixtures');

/** A page no content script may touch: not arxiv.org, not huggingface.co. */
export const NON_MATCHING_URL = 'https://example.org/';

/**
 * A page on an origin the Firefox test build lists in `web_accessible_resources`, on a path no
 * content script matches: the Firefox harness opens the popup from here (browser-testing.md §4).
 */
export const POPUP_LAUNCHER_URL = 'https://arxiv.org/';

const INLINE_PAGES = new Map([
  [NON_MATCHING_URL, page('Example Domain', 'A page outside every content-script match pattern.')],
  [POPUP_LAUNCHER_URL, page('Shelfmark e2e', 'A blank page on a matched origin, outside the matched paths.')],
]);

/**
 * @param {string} title
 * @param {string} text
 */
function page(title, text) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1><p>${text}</p></body></html>`;
}

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/**
 * @typedef {{ url: string, file: string, site: string }} FixturePage
 * @typedef {{ status: number, contentType: string, body: string | Buffer }} FixtureResponse
 */

/**
 * Every page listed in test/fixtures/<site>/pages.json.
 * @param {string} [fixturesDir]
 * @returns {FixturePage[]}
 */
export function fixturePages(fixturesDir = FIXTURES_DIR) {
  if (!existsSync(fixturesDir)) return [];
  /** @type {FixturePage[]} */
  const pages = [];
  for (const site of readdirSync(fixturesDir, { withFileTypes: true })) {
    if (!site.isDirectory()) continue;
    const siteDir = path.join(fixturesDir, site.name);
    const listFile = path.join(siteDir, 'pages.json');
    if (!existsSync(listFile)) continue;
    for (const { url, file } of readPagesJson(listFile)) {
      const abs = path.resolve(siteDir, file);
      if (!existsSync(abs)) throw new Error(`${path.relative(ROOT, listFile)}: ${url} → ${file}, which does not exist`);
      pages.push({ url: canonicalUrl(url), file: abs, site: site.name });
    }
  }
  return pages;
}

/**
 * @param {string} listFile
 * @returns {{ url: string, file: string }[]}
 */
function readPagesJson(listFile) {
  const data = JSON.parse(readFileSync(listFile, 'utf8'));
  const rows = Array.isArray(data)
    ? data.map((row) => ({ url: row?.url, file: row?.file ?? row?.fixture ?? row?.path }))
    : Object.entries(data).map(([url, value]) => ({
        url,
        file: typeof value === 'string' ? value : (value?.file ?? value?.fixture ?? value?.path),
      }));
  for (const row of rows) {
    if (typeof row.url !== 'string' || typeof row.file !== 'string') {
      throw new Error(`${path.relative(ROOT, listFile)}: every entry needs a url and a file, got ${JSON.stringify(row)}`);
    }
  }
  return rows;
}

/**
 * URLs compare without their fragment, which never reaches the server.
 * @param {string} url
 */
export function canonicalUrl(url) {
  const parsed = new URL(url);
  parsed.hash = '';
  return parsed.href;
}

/**
 * Answers requests from the fixtures; remembers what it could not answer, for failure messages.
 */
export class FixtureServer {
  /** @param {{ fixturesDir?: string }} [options] */
  constructor({ fixturesDir = FIXTURES_DIR } = {}) {
    this.pages = fixturePages(fixturesDir);
    /** @type {Map<string, FixturePage>} */
    this.byUrl = new Map(this.pages.map((p) => [p.url, p]));
    /** @type {string[]} URLs answered 404. */
    this.misses = [];
    /** @type {Map<string, string>} extra URL → URL of the page to serve there */
    this.aliases = new Map();
    /** @type {string[]} URLs answered from a fixture or an inline page. */
    this.hits = [];
  }

  /**
   * @param {string} url
   * @returns {FixtureResponse}
   */
  respond(url) {
    let key;
    try {
      key = canonicalUrl(url);
    } catch {
      key = url;
    }
    const fixture = this.byUrl.get(this.aliases.get(key) ?? key);
    if (fixture) {
      this.hits.push(key);
      const type = CONTENT_TYPES[/** @type {keyof CONTENT_TYPES} */ (path.extname(fixture.file).toLowerCase())];
      return { status: 200, contentType: type ?? 'application/octet-stream', body: readFileSync(fixture.file) };
    }
    const inline = INLINE_PAGES.get(key);
    if (inline) {
      this.hits.push(key);
      return { status: 200, contentType: 'text/html; charset=utf-8', body: inline };
    }
    this.misses.push(url);
    return { status: 404, contentType: 'text/plain; charset=utf-8', body: `Not a Shelfmark fixture: ${url}\n` };
  }

  /**
   * Serves a fixture page at another URL too: e.g. a real listing's DOM at a URL no content
   * script matches, to prove that the match patterns, not the DOM, decide where it runs.
   * @param {string} url
   * @param {string} fixtureUrl
   */
  alias(url, fixtureUrl) {
    if (!this.byUrl.has(canonicalUrl(fixtureUrl))) throw new Error(`no fixture page at ${fixtureUrl}`);
    this.aliases.set(canonicalUrl(url), canonicalUrl(fixtureUrl));
  }

  /**
   * The bundled demo pages (`npm start`, foundation tests): an arXiv listing and the Hugging Face
   * Papers daily page, whichever of the preferred URLs the fixtures have.
   * @returns {FixturePage[]}
   */
  demoPages() {
    const arxiv =
      this.find('arxiv', (u) => /^\/list\/[^/]+\/new$/u.test(u.pathname)) ?? this.find('arxiv', (u) => u.pathname.startsWith('/list/'));
    const hf =
      this.find('huggingface', (u) => u.pathname === '/papers' && !u.search) ??
      this.find('huggingface', (u) => u.pathname.startsWith('/papers'));
    return [arxiv, hf].filter((p) => p !== undefined);
  }

  /**
   * First fixture page of a site whose URL satisfies `test`.
   * @param {string} site
   * @param {(url: URL) => boolean} [test]
   */
  find(site, test = () => true) {
    return this.pages.find((p) => p.site === site && test(new URL(p.url)));
  }

  /**
   * Playwright: answer every http(s) request of the context.
   * @param {import('playwright-core').BrowserContext} context
   */
  async attachToPlaywright(context) {
    // Only the web: a catch-all route would also swallow the extension's own chrome-extension:// files.
    await context.route((url) => url.protocol === 'http:' || url.protocol === 'https:', async (route) => {
      const { status, contentType, body } = this.respond(route.request().url());
      await route.fulfill({ status, contentType, body });
    });
  }

  /**
   * Puppeteer (WebDriver BiDi in Firefox): answer every http(s) request of one page.
   * Extension-internal URLs (moz-extension:) pass through untouched.
   * @param {import('puppeteer-core').Page} page
   */
  async attachToPuppeteer(page) {
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      if (request.isInterceptResolutionHandled()) return;
      const url = request.url();
      if (!/^https?:/u.test(url)) {
        void request.continue();
        return;
      }
      const { status, contentType, body } = this.respond(url);
      void request.respond({ status, contentType, body });
    });
  }
}
