// The sites' page CSS keeps room for hosts that are drawn late (PaperEntry.hostSpaceReserved):
// the CSS, the manifest and the adapters must agree, or a late host would move the page.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { contentScripts } from '../../src/sites/content-scripts';
import { ADAPTERS } from '../../src/sites/registry';
import { FIXTURE_TIMEOUT_MS, pagesOf, parseFixture } from './fixture-pages';
import { matchesAny } from './match-pattern';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SITES = path.join(ROOT, 'src/sites');
const scripts = contentScripts(ADAPTERS);

interface Rule {
  selector: string;
  declarations: Map<string, string>;
}

/** Rules of a plain stylesheet (no at-rules, as these files are): selector → declarations. */
function rulesOf(css: string): Rule[] {
  const withoutComments = css.replace(/\/\*[\s\S]*?\*\//gu, '');
  return [...withoutComments.matchAll(/([^{}]+)\{([^}]*)\}/gu)].map(([, selector = '', body = '']) => ({
    selector: selector.trim().replace(/\s+/gu, ' '),
    declarations: new Map(
      body
        .split(';')
        .map((part) => part.split(':').map((side) => side.trim()))
        .filter((pair): pair is [string, string] => pair.length === 2 && pair[0] !== ''),
    ),
  }));
}

const cssFiles = readdirSync(SITES).filter((file) => file.endsWith('.css'));

/** The rule that keeps room (padding-bottom) in a site's CSS. */
function roomRule(file: string): Rule {
  const rules = rulesOf(readFileSync(path.join(SITES, file), 'utf8'));
  const room = rules.find((rule) => rule.declarations.has('padding-bottom'));
  if (!room) throw new Error(`${file} keeps no room (no padding-bottom rule)`);
  return room;
}

describe('site page CSS', () => {
  it('every src/sites CSS file is some adapter’s, and the manifest injects it only where that site’s script runs', () => {
    const declared = ADAPTERS.flatMap((adapter) => (adapter.css ? [adapter.css.file] : []));
    expect([...declared].sort()).toEqual([...cssFiles].sort());
    const injected = scripts.flatMap((script) => script.css ?? []);
    expect([...injected].sort()).toEqual([...cssFiles].sort());
    const scriptPatterns = new Set(scripts.filter((script) => script.js).flatMap((script) => script.matches));
    for (const script of scripts.filter((entry) => entry.css)) {
      for (const pattern of script.matches) expect(scriptPatterns.has(pattern), pattern).toBe(true);
    }
  });

  for (const adapter of ADAPTERS.filter((candidate) => candidate.css)) {
    const file = adapter.css!.file;

    it(`${file}: the room kept under a title line is what its host takes back`, () => {
      const rules = rulesOf(readFileSync(path.join(SITES, file), 'utf8'));
      const room = roomRule(file);
      const host = rules.find((rule) => rule.selector === `${room.selector} + shelfmark-entry`);
      expect(host, 'a rule for the host right after the title line').toBeDefined();
      const kept = room.declarations.get('padding-bottom');
      expect(kept).toMatch(/^\d+px$/u);
      expect(host!.declarations.get('margin')).toBe(`-${kept} 0 0`);
      expect(host!.declarations.get('min-height')).toBe(kept);
      expect(host!.declarations.get('box-sizing')).toBe('border-box');
    });

    it(`${adapter.id}: entries marked hostSpaceReserved are exactly those whose anchor ${file} keeps room under, on pages it is injected into`, () => {
      const room = roomRule(file);
      let reserved = 0;
      for (const [url, page] of pagesOf(adapter.id)) {
        const injected = matchesAny(adapter.css!.hosts, url);
        const entries = adapter.findEntries(parseFixture(adapter.id, page), new URL(url));
        for (const entry of entries) {
          const expected = injected && entry.anchor.matches(room.selector);
          expect(entry.hostSpaceReserved === true, `${page} ${entry.id}`).toBe(expected);
          if (entry.hostSpaceReserved) reserved += 1;
        }
      }
      // The long listings are where this matters: a site's CSS that keeps room for no fixture entry is untested.
      expect(reserved).toBeGreaterThan(0);
    }, FIXTURE_TIMEOUT_MS * 2);
  }
});
