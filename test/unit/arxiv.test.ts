// arXiv adapter behaviour beyond the fixture snapshots: identity across sections, the exact
// anchor and entry elements, scoped re-scans, and pages that must not break it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { arxiv } from '../../src/sites/arxiv';

const DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/arxiv');
const parse = (file: string) => new DOMParser().parseFromString(readFileSync(path.join(DIR, file), 'utf8'), 'text/html');
const NEW_URL = new URL('https://arxiv.org/list/cs.LG/new');

describe('arxiv.matches', () => {
  it.each([
    ['https://arxiv.org/list/cs.LG/new', true],
    ['https://arxiv.org/list/astro-ph/pastweek?show=1000', true],
    ['https://arxiv.org/list/math.GT/2609', true],
    ['https://arxiv.org/catchup/cs.LG/2026-09-22', true],
    ['https://arxiv.org/abs/2401.01234', true],
    ['https://arxiv.org/search/?query=x', true],
    ['https://arxiv.org/', false],
    ['https://arxiv.org/pdf/2401.01234', false],
    ['https://arxiv.org/listing', false],
    ['https://export.arxiv.org/list/cs.LG/new', false],
    ['https://example.org/list/cs.LG/new', false],
  ])('%s → %s', (url, expected) => expect(arxiv.matches(new URL(url))).toBe(expected));
});

describe('arXiv /new', () => {
  const doc = parse('list-new.html');
  const entries = arxiv.findEntries(doc, NEW_URL);

  it('extracts all three sections, one entry per occurrence', () => {
    expect(entries).toHaveLength(doc.querySelectorAll('dl#articles > dt').length);
    expect(doc.querySelectorAll('dl#articles')).toHaveLength(3);
  });

  it('gives a paper listed twice the same id, with two separate entries', () => {
    const twice = entries.filter((entry) => entry.paper.id === 'arxiv:2609.10101');
    expect(twice).toHaveLength(2);
    expect(twice[0]?.element).not.toBe(twice[1]?.element);
    expect(twice.map((entry) => entry.paper.version)).toEqual([1, 2]);
  });

  it('anchors on the title line inside the dd that follows the id dt', () => {
    for (const entry of entries) {
      expect(entry.element.localName).toBe('dd');
      expect(entry.anchor.classList.contains('list-title')).toBe(true);
      const dt = entry.element.previousElementSibling;
      expect(dt?.querySelector('a[title="Abstract"]')?.getAttribute('id')).toBe(entry.paper.id.replace(/^arxiv:/u, ''));
    }
  });

  it('dates new and cross-listed entries with the listing day, not replacements', () => {
    const dated = entries.filter((entry) => entry.paper.date === '2026-09-22').map((entry) => entry.paper.id);
    expect(dated).toHaveLength(7);
    expect(entries.slice(7).every((entry) => entry.paper.date === undefined)).toBe(true);
  });

  it('re-scanning one list finds only its entries', () => {
    const replacements = doc.querySelectorAll('dl#articles')[2]!;
    expect(arxiv.findEntries(replacements, NEW_URL).map((entry) => entry.paper.id)).toEqual([
      'arxiv:2508.04321',
      'arxiv:2609.10101',
      'arxiv:hep-th/0601001',
    ]);
  });

  it('skips a broken entry without losing its neighbours', () => {
    const copy = parse('list-new.html');
    const firstDt = copy.querySelector('dl#articles > dt')!;
    firstDt.querySelector('a[title="Abstract"]')!.setAttribute('href', '/abs/not-an-id');
    firstDt.querySelector('a[title="Abstract"]')!.setAttribute('id', 'nope');
    copy.querySelectorAll('dl#articles > dd')[1]!.replaceChildren();
    const found = arxiv.findEntries(copy, NEW_URL);
    expect(found.map((entry) => entry.paper.id)).toEqual(entries.slice(1).map((entry) => entry.paper.id));
    expect(found[0]?.paper.title).toBe('');
  });
});

describe('hostile listing', () => {
  const entries = arxiv.findEntries(parse('list-hostile.html'), new URL('https://arxiv.org/list/cs.CR/new'));

  it('keeps markup-looking text as text and skips entries it cannot identify', () => {
    expect(entries.map((entry) => entry.paper.id)).toEqual(['arxiv:2609.20001', 'arxiv:2609.20002', 'arxiv:2609.20003', 'arxiv:2609.20004', 'arxiv:2609.20005']);
    expect(entries[0]?.paper.title).toBe('<script>alert("made-up")</script> Escaping Token Routers');
    expect(entries[1]?.paper.authors[0]).toBe('<img src=x onerror=alert(1)>');
    expect(entries[0]?.anchor.querySelector('script')).toBeNull();
  });

  it('keeps a 5,000-character title whole and RTL text unchanged', () => {
    expect(entries[3]?.paper.title).toHaveLength(5000);
    expect(entries[2]?.paper.title).toContain('\u202Eevil.exe\u202C');
  });
});

describe('pages the adapter must survive', () => {
  it('an empty listing yields no entries', () => {
    expect(arxiv.findEntries(parse('list-empty.html'), new URL('https://arxiv.org/list/q-fin.TR/new'))).toEqual([]);
  });

  it('a listing served where an abstract page is expected yields no entries, and vice versa', () => {
    expect(arxiv.findEntries(parse('list-new.html'), new URL('https://arxiv.org/abs/2609.10001'))).toEqual([]);
    expect(arxiv.findEntries(parse('abs-new-id.html'), NEW_URL)).toEqual([]);
  });

  it('never throws, whatever the root', () => {
    const throwing = {
      querySelector: () => {
        throw new Error('hostile');
      },
      querySelectorAll: () => {
        throw new Error('hostile');
      },
    } as unknown as ParentNode;
    for (const url of ['https://arxiv.org/list/cs.LG/new', 'https://arxiv.org/abs/2401.01234', 'https://arxiv.org/search/?q=x']) {
      expect(arxiv.findEntries(throwing, new URL(url))).toEqual([]);
    }
  });
});

describe('abstract pages', () => {
  it('reads an old-style id in its math.GT/ form as math/0309136, with the version from the URL', () => {
    const [entry] = arxiv.findEntries(parse('abs-old-id.html'), new URL('https://arxiv.org/abs/math.GT/0309136v2'));
    expect(entry?.paper).toMatchObject({ id: 'arxiv:math/0309136', version: 2, absUrl: 'https://arxiv.org/abs/math/0309136' });
    expect(entry?.element.id).toBe('abs');
    expect(entry?.anchor.localName).toBe('h1');
  });

  it('finds the paper from the page when the URL has no id form it knows', () => {
    const [entry] = arxiv.findEntries(parse('abs-new-id.html'), new URL('https://arxiv.org/abs/2609.01234v2'));
    expect(entry?.paper.aliases).toEqual(['arxiv:2609.01234', 'doi:10.5555/madeup.2026.0017']);
  });
});
