// The sites' page CSS keeps room for hosts that are drawn late (PaperEntry.hostSpaceReserved):
// the CSS, the manifest and the adapters must agree, or a late host would move the page.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ADAPTERS } from '../../src/sites/registry';
import { pagesOf, parseFixture } from './fixture-pages';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SITES = path.join(ROOT, 'src/sites');
const manifest = JSON.parse(readFileSync(path.join(ROOT, 'manifest.json'), 'utf8')) as {
  content_scripts: { matches: string[]; css?: string[]; js?: string[] }[];
};

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

describe('site page CSS', () => {
  it('every src/sites CSS file is injected by the manifest, only where a content script runs', () => {
    const scriptPatterns = new Set(manifest.content_scripts.filter((script) => script.js).flatMap((script) => script.matches));
    const injected = manifest.content_scripts.flatMap((script) => script.css ?? []);
    expect([...injected].sort()).toEqual([...cssFiles].sort());
    for (const script of manifest.content_scripts.filter((entry) => entry.css)) {
      for (const pattern of script.matches) expect(scriptPatterns.has(pattern), pattern).toBe(true);
    }
  });

  it('arxiv-listing.css: the room kept under a title line is what its host takes back', () => {
    const rules = rulesOf(readFileSync(path.join(SITES, 'arxiv-listing.css'), 'utf8'));
    const room = rules.find((rule) => rule.declarations.has('padding-bottom'))!;
    const host = rules.find((rule) => rule.selector === `${room.selector} + shelfmark-entry`);
    expect(host, 'a rule for the host right after the title line').toBeDefined();
    const kept = room.declarations.get('padding-bottom');
    expect(kept).toMatch(/^\d+px$/u);
    expect(host!.declarations.get('margin')).toBe(`-${kept} 0 0`);
    expect(host!.declarations.get('min-height')).toBe(kept);
    expect(host!.declarations.get('box-sizing')).toBe('border-box');
  });

  it('arXiv listings: entries marked hostSpaceReserved are exactly those whose anchor the CSS keeps room under', () => {
    const rules = rulesOf(readFileSync(path.join(SITES, 'arxiv-listing.css'), 'utf8'));
    const room = rules.find((rule) => rule.declarations.has('padding-bottom'))!;
    const arxiv = ADAPTERS.find((adapter) => adapter.id === 'arxiv')!;
    let reserved = 0;
    for (const [url, file] of pagesOf('arxiv')) {
      const entries = arxiv.findEntries(parseFixture('arxiv', file), new URL(url));
      for (const entry of entries) {
        expect(entry.hostSpaceReserved === true, `${file} ${entry.id}`).toBe(entry.anchor.matches(room.selector));
        if (entry.hostSpaceReserved) reserved += 1;
      }
    }
    // The listings (not search or abstract pages) are where this matters.
    expect(reserved).toBeGreaterThan(250);
  });
});
