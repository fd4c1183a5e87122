// Conventions enforced by a test, not by memory (DESIGN.md "Style"): every adapter is one file
// named by its id, has fixtures with expected output, and the manifest runs the content script
// exactly where some adapter works.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ADAPTERS, adapterFor } from '../../src/sites/registry';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const manifest = JSON.parse(readFileSync(path.join(ROOT, 'manifest.json'), 'utf8')) as {
  content_scripts: { matches: string[] }[];
};
const manifestPatterns = manifest.content_scripts.flatMap((script) => script.matches);

/** A WebExtension match pattern (`https://host/path*`) as a RegExp over full URLs. */
function matchPatternRegExp(pattern: string): RegExp {
  const match = /^(https?|\*):\/\/([^/]+)(\/.*)$/u.exec(pattern);
  if (!match) throw new Error(`unsupported match pattern ${pattern}`);
  const [, scheme = '', host = '', pathPart = ''] = match;
  const escape = (text: string) => text.replace(/[.+?^${}()|[\]\\]/gu, '\\$&');
  const schemeRe = scheme === '*' ? 'https?' : scheme;
  const hostRe = host.startsWith('*.') ? `(?:[^/]+\\.)?${escape(host.slice(2))}` : escape(host);
  const pathRe = pathPart.split('*').map(escape).join('.*');
  return new RegExp(`^${schemeRe}://${hostRe}${pathRe}$`, 'u');
}

function pagesOf(adapterId: string): Record<string, string> {
  return JSON.parse(readFileSync(path.join(ROOT, 'test/fixtures', adapterId, 'pages.json'), 'utf8')) as Record<string, string>;
}

describe('site adapter conventions', () => {
  it('adapter ids are unique', () => {
    expect(new Set(ADAPTERS.map((adapter) => adapter.id)).size).toBe(ADAPTERS.length);
  });

  for (const adapter of ADAPTERS) {
    describe(adapter.id, () => {
      it('lives in src/sites/<id>.ts, exported under its id', async () => {
        const file = path.join(ROOT, 'src/sites', `${adapter.id}.ts`);
        expect(existsSync(file), file).toBe(true);
        const module = (await import(/* @vite-ignore */ file)) as Record<string, unknown>;
        expect(module[adapter.id]).toBe(adapter);
      });

      it('has fixture pages, each with an expected-output file', () => {
        const dir = path.join(ROOT, 'test/fixtures', adapter.id);
        expect(existsSync(path.join(dir, 'pages.json')), `${dir}/pages.json`).toBe(true);
        const pages = Object.entries(pagesOf(adapter.id));
        expect(pages.length).toBeGreaterThanOrEqual(1);
        for (const [, file] of pages) {
          expect(existsSync(path.join(dir, file)), file).toBe(true);
          expect(existsSync(path.join(dir, file.replace(/\.html$/u, '.expected.json'))), `${file} expected output`).toBe(true);
        }
      });

      it('its fixture URLs are pages the manifest injects into and the registry gives to it', () => {
        for (const url of Object.keys(pagesOf(adapter.id))) {
          // The link finder also runs on any page the user turns it on for (popup "Mark this
          // page", "Always on this site"): such fixture pages are, by design, not in the manifest.
          const userEnabled = adapter.id === 'links' && new URL(url).hostname.endsWith('.example.org');
          expect(manifestPatterns.some((pattern) => matchPatternRegExp(pattern).test(url)), `${url} in manifest`).toBe(!userEnabled);
          expect(adapterFor(new URL(url))?.id, url).toBe(adapter.id);
        }
      });
    });
  }

  it('manifest content_scripts.matches equal the adapters’ matchPatterns', () => {
    const fromAdapters = ADAPTERS.flatMap((adapter) => adapter.matchPatterns);
    expect([...new Set(manifestPatterns)].sort()).toEqual([...new Set(fromAdapters)].sort());
  });

  it('match patterns are well formed', () => {
    for (const pattern of manifestPatterns) expect(() => matchPatternRegExp(pattern)).not.toThrow();
    expect(matchPatternRegExp('https://arxiv.org/catchup*').test('https://arxiv.org/catchup/cs.LG/2026-09-22?abs=True')).toBe(true);
    expect(matchPatternRegExp('https://arxiv.org/list/*').test('https://arxiv.org/abs/2401.01234')).toBe(false);
  });
});
