// @vitest-environment node
// Conventions enforced by a test, not by memory (DESIGN.md "Style"): a site is one file,
// src/sites/<id>.ts, registered in registry.ts, with fixtures and expected output in
// test/fixtures/<id>/; the manifest's content_scripts are generated from the adapters (build.mjs,
// src/sites/content-scripts.ts), so the content script runs exactly where some adapter works,
// and each page gets one content script.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadSites, manifestFor } from '../../build.mjs';
import { SITE_NAME, SITE_NAME_MAX } from '../../src/shared/paper';
import { GENERIC_BUNDLE, bundleNameOf, contentScripts, type ContentScriptItem } from '../../src/sites/content-scripts';
import { ADAPTERS, adapterFor } from '../../src/sites/registry';
import type { SiteAdapter } from '../../src/sites/types';
import { matchPatternRegExp, matchesAny } from './match-pattern';
import type { SerializedEntry } from './serialize-entries';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const FIXTURES = path.join(ROOT, 'test/fixtures');
const scripts = contentScripts(ADAPTERS);
const jsScripts = scripts.filter((item) => item.js);

/** The content scripts the browser would inject at `url`. */
function scriptsAt(url: string): ContentScriptItem[] {
  return jsScripts.filter((item) => matchesAny(item.matches, url) && !matchesAny(item.exclude_matches, url));
}

function pagesOf(adapterId: string): Record<string, string> {
  return JSON.parse(readFileSync(path.join(FIXTURES, adapterId, 'pages.json'), 'utf8')) as Record<string, string>;
}

function expectedOf(adapterId: string, file: string): SerializedEntry[] {
  return JSON.parse(readFileSync(path.join(FIXTURES, adapterId, file.replace(/\.html$/u, '.expected.json')), 'utf8')) as SerializedEntry[];
}

describe('site adapter conventions', () => {
  it('adapter ids are unique', () => {
    expect(new Set(ADAPTERS.map((adapter) => adapter.id)).size).toBe(ADAPTERS.length);
  });

  it('every src/sites/*.ts that exports an adapter is registered', async () => {
    const registered = new Set<SiteAdapter>(ADAPTERS);
    for (const file of readdirSync(path.join(ROOT, 'src/sites')).filter((name) => name.endsWith('.ts'))) {
      const module = (await import(/* @vite-ignore */ path.join(ROOT, 'src/sites', file))) as Record<string, unknown>;
      for (const [name, value] of Object.entries(module)) {
        const looksLikeAdapter = typeof value === 'object' && value !== null && 'findEntries' in value && 'hosts' in value;
        if (looksLikeAdapter) expect(registered.has(value as SiteAdapter), `${file} exports ${name}, not in registry.ts`).toBe(true);
      }
    }
  });

  for (const adapter of ADAPTERS) {
    describe(adapter.id, () => {
      it('lives in src/sites/<id>.ts, exported under its id (camelCase)', async () => {
        expect(adapter.id).toMatch(SITE_NAME);
        expect(adapter.id.length).toBeLessThanOrEqual(SITE_NAME_MAX);
        expect(`content-${adapter.id}`).not.toBe(GENERIC_BUNDLE);
        const file = path.join(ROOT, 'src/sites', `${adapter.id}.ts`);
        expect(existsSync(file), file).toBe(true);
        const module = (await import(/* @vite-ignore */ file)) as Record<string, unknown>;
        const exportName = adapter.id.replace(/-([a-z0-9])/gu, (_, letter: string) => letter.toUpperCase());
        expect(module[exportName]).toBe(adapter);
      });

      it('declares well-formed hosts, page kinds and page CSS', () => {
        expect(adapter.hosts.length).toBeGreaterThan(0);
        for (const pattern of adapter.hosts) expect(() => matchPatternRegExp(pattern), pattern).not.toThrow();
        expect(adapter.pageKinds.length).toBeGreaterThan(0);
        for (const kind of adapter.pageKinds) expect(kind, kind).toMatch(SITE_NAME);
        if (adapter.css) {
          expect(adapter.css.file).toMatch(new RegExp(`^${adapter.id}(?:-[a-z0-9-]+)?\\.css$`, 'u'));
          expect(existsSync(path.join(ROOT, 'src/sites', adapter.css.file)), adapter.css.file).toBe(true);
          for (const pattern of adapter.css.hosts) expect(adapter.hosts, `css host ${pattern}`).toContain(pattern);
        }
      });

      it('has fixture pages, each with an expected-output file', () => {
        const dir = path.join(FIXTURES, adapter.id);
        expect(existsSync(path.join(dir, 'pages.json')), `${dir}/pages.json`).toBe(true);
        const pages = Object.entries(pagesOf(adapter.id));
        expect(pages.length).toBeGreaterThanOrEqual(1);
        for (const [, file] of pages) {
          expect(existsSync(path.join(dir, file)), file).toBe(true);
          expect(existsSync(path.join(dir, file.replace(/\.html$/u, '.expected.json'))), `${file} expected output`).toBe(true);
        }
      });

      it('its fixture URLs get its content script, and only that one, and the registry gives them to it', () => {
        for (const url of Object.keys(pagesOf(adapter.id))) {
          // The link finder also runs on any page the user turns it on for (popup "Mark this
          // page", "Always on this site"): such fixture pages are, by design, in no content script.
          const userEnabled = adapter.id === 'links' && new URL(url).hostname.endsWith('.example.org');
          expect(scriptsAt(url).map((item) => item.js), url).toEqual(userEnabled ? [] : [[`${bundleNameOf(adapter)}.js`]]);
          // Generic finders share hosts; the content script picks among them by what the page holds.
          if (adapter.generic) expect(adapterFor(new URL(url))?.generic, url).toBe(true);
          else expect(adapterFor(new URL(url))?.id, url).toBe(adapter.id);
        }
      });

      it('its expected entries name it as their site, with one of its page kinds', () => {
        for (const [url, file] of Object.entries(pagesOf(adapter.id))) {
          for (const entry of expectedOf(adapter.id, file)) {
            expect(entry.paper.source?.site, `${file} ${entry.paper.id}`).toBe(adapter.id);
            expect(adapter.pageKinds, `${file} ${entry.paper.id}`).toContain(entry.paper.source?.pageKind);
            expect(entry.paper.source?.url, file).toBe(new URL(url).href);
          }
        }
      });
    });
  }

  it('no two site scripts run on one page: site hosts do not overlap', () => {
    const urls = ADAPTERS.flatMap((adapter) => Object.keys(pagesOf(adapter.id)));
    for (const url of urls) expect(scriptsAt(url).length, url).toBeLessThanOrEqual(1);
  });

  it('match patterns are well formed', () => {
    expect(matchPatternRegExp('https://arxiv.org/catchup*').test('https://arxiv.org/catchup/cs.LG/2026-09-22?abs=True')).toBe(true);
    expect(matchPatternRegExp('https://arxiv.org/list/*').test('https://arxiv.org/abs/2401.01234')).toBe(false);
    expect(matchPatternRegExp('https://*.nature.com/*').test('https://www.nature.com/articles/x')).toBe(true);
    expect(matchPatternRegExp('https://*.nature.com/*').test('https://evilnature.com/articles/x')).toBe(false);
  });

  it('build.mjs writes these content scripts into both browsers’ manifests, and bundles each one', async () => {
    const sites = (await loadSites()) as { contentScripts: unknown; bundles: { name: string; adapters: string[] }[] };
    expect(sites.contentScripts).toEqual(scripts);
    const base = JSON.parse(readFileSync(path.join(ROOT, 'manifest.json'), 'utf8')) as Record<string, unknown>;
    expect(base.content_scripts, 'manifest.json leaves content_scripts to build.mjs').toBeUndefined();
    for (const browser of ['chrome', 'firefox']) {
      const manifest = manifestFor(base, { browser, testHooks: false }, sites) as { content_scripts: unknown };
      expect(manifest.content_scripts).toEqual(scripts);
    }
    const bundled = sites.bundles.map((bundle) => `${bundle.name}.js`).sort();
    expect(bundled).toEqual([...new Set(jsScripts.flatMap((item) => item.js ?? []))].sort());
    for (const adapter of ADAPTERS) {
      expect(sites.bundles.find((bundle) => bundle.name === bundleNameOf(adapter))?.adapters).toContain(adapter.id);
    }
  });
});
