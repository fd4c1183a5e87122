// The harness itself, without a browser: fixture lookup, the 404 default, missing browsers.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { requireBrowser } from './harness/env.mjs';
import { FixtureServer, NON_MATCHING_URL, fixturePages } from './harness/fixtures.mjs';

describe('fixture server', () => {
  /** @type {string} */
  let dir;
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'shelfmark-fixtures-'));
    await mkdir(path.join(dir, 'arxiv'));
    await mkdir(path.join(dir, 'huggingface'));
    await writeFile(
      path.join(dir, 'arxiv', 'pages.json'),
      JSON.stringify({ 'https://arxiv.org/list/cs.LG/new': 'new.html', 'https://arxiv.org/list/cs.LG/recent': { file: 'recent.html' } }),
    );
    await writeFile(path.join(dir, 'arxiv', 'new.html'), '<p>new listing</p>');
    await writeFile(path.join(dir, 'arxiv', 'recent.html'), '<p>recent listing</p>');
    await writeFile(path.join(dir, 'huggingface', 'pages.json'), JSON.stringify([{ url: 'https://huggingface.co/papers', file: 'daily.html' }]));
    await writeFile(path.join(dir, 'huggingface', 'daily.html'), '<p>daily</p>');
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('reads both pages.json shapes', () => {
    const pages = fixturePages(dir).map((p) => [p.site, p.url, path.basename(p.file)]);
    assert.deepEqual(pages.sort(), [
      ['arxiv', 'https://arxiv.org/list/cs.LG/new', 'new.html'],
      ['arxiv', 'https://arxiv.org/list/cs.LG/recent', 'recent.html'],
      ['huggingface', 'https://huggingface.co/papers', 'daily.html'],
    ]);
  });

  it('serves a fixture at its real URL, ignoring the fragment', () => {
    const server = new FixtureServer({ fixturesDir: dir });
    const response = server.respond('https://arxiv.org/list/cs.LG/new#item3');
    assert.equal(response.status, 200);
    assert.match(response.contentType, /^text\/html/u);
    assert.equal(response.body.toString(), '<p>new listing</p>');
  });

  it('answers everything else with a 404 and remembers it', () => {
    const server = new FixtureServer({ fixturesDir: dir });
    assert.equal(server.respond('https://arxiv.org/list/cs.LG/new?skip=25').status, 404);
    assert.equal(server.respond('https://fonts.example.com/a.woff2').status, 404);
    assert.deepEqual(server.misses, ['https://arxiv.org/list/cs.LG/new?skip=25', 'https://fonts.example.com/a.woff2']);
    assert.equal(server.respond(NON_MATCHING_URL).status, 200);
  });

  it('serves a fixture under an alias URL on request only', () => {
    const server = new FixtureServer({ fixturesDir: dir });
    const lookalike = 'https://example.org/list/cs.LG/new';
    assert.equal(server.respond(lookalike).status, 404);
    server.alias(lookalike, 'https://arxiv.org/list/cs.LG/new');
    assert.equal(server.respond(lookalike).body.toString(), '<p>new listing</p>');
    assert.throws(() => server.alias(lookalike, 'https://arxiv.org/nothing'), /no fixture page/u);
  });

  it('picks the /new listing and the daily papers page as demo pages', () => {
    const server = new FixtureServer({ fixturesDir: dir });
    assert.deepEqual(
      server.demoPages().map((p) => p.url),
      ['https://arxiv.org/list/cs.LG/new', 'https://huggingface.co/papers'],
    );
  });

  it('rejects a pages.json entry whose file is missing', async () => {
    await writeFile(path.join(dir, 'huggingface', 'pages.json'), JSON.stringify({ 'https://huggingface.co/papers': 'gone.html' }));
    assert.throws(() => fixturePages(dir), /gone\.html, which does not exist/u);
  });
});

describe('browser binaries', () => {
  it('fail with the install command when missing', () => {
    assert.throws(() => requireBrowser('/nonexistent/chromium', 'Chromium'), /apt-get install -y chromium firefox-esr/u);
  });
});
