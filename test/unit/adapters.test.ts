// Every registered adapter against every fixture page listed in test/fixtures/<adapter>/pages.json:
// the entries found must equal <page>.expected.json (regenerate with `npm run fixtures:update`,
// then review the diff), and must be valid messages for the background.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { PaperMetadataSchema } from '../../src/shared/messages';
import { ADAPTERS } from '../../src/sites/registry';
import { FIXTURES, FIXTURE_TIMEOUT_MS, pagesOf, parseFixture } from './fixture-pages';
import { serializeEntries } from './serialize-entries';

for (const adapter of ADAPTERS) {
  describe(`${adapter.id} fixtures`, () => {
    for (const [url, file] of pagesOf(adapter.id)) {
      it(`${file} (${url})`, () => {
        const doc = parseFixture(adapter.id, file);
        const pageUrl = new URL(url);
        expect(adapter.matches(pageUrl)).toBe(true);
        const entries = adapter.findEntries(doc, pageUrl);
        const expected: unknown = JSON.parse(readFileSync(path.join(FIXTURES, adapter.id, file.replace(/\.html$/u, '.expected.json')), 'utf8'));
        expect(serializeEntries(entries)).toEqual(expected);

        for (const entry of entries) {
          expect(entry.element.contains(entry.anchor), `${entry.paper.id}: anchor inside its entry`).toBe(true);
          expect(entry.paper.aliases[0]).toBe(entry.paper.id);
          // What a scan looks the entry up by is what saving it stores.
          expect([entry.id, ...entry.aliases]).toEqual([entry.paper.id, ...entry.paper.aliases]);
          const checked = v.safeParse(PaperMetadataSchema, entry.paper);
          expect(checked.issues?.map((issue) => issue.message) ?? [], entry.paper.id).toEqual([]);
        }
        // Distinct entries never share an element: one host per entry.
        expect(new Set(entries.map((entry) => entry.element)).size).toBe(entries.length);
      }, FIXTURE_TIMEOUT_MS);
    }

    it('finds nothing, and does not throw, on pages it does not understand', () => {
      const [url] = pagesOf(adapter.id)[0] ?? [];
      const pageUrl = new URL(url ?? 'https://example.org/');
      const empty = new DOMParser().parseFromString('<!DOCTYPE html><title>x</title><p>nothing here</p>', 'text/html');
      expect(adapter.findEntries(empty, pageUrl)).toEqual([]);
      expect(adapter.findEntries(document.createDocumentFragment(), pageUrl)).toEqual([]);
      expect(adapter.findEntries(empty, new URL('https://example.org/list/cs.LG/new'))).toEqual([]);
    });
  });
}
