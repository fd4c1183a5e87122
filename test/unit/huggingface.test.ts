// Hugging Face behaviour beyond the fixture comparison (test/unit/adapters.test.ts runs every
// page in test/fixtures/huggingface/pages.json): URL matching, the 217-result search, and
// re-scanning subtrees after client-side navigation.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { huggingface } from '../../src/sites/huggingface';

// happy-dom replaces the global URL, so fixture paths are built with node:path.
const FIXTURES = path.join(import.meta.dirname, '../fixtures/huggingface/');
const pages = JSON.parse(readFileSync(`${FIXTURES}pages.json`, 'utf8')) as Record<string, string>;

function load(file: string): Document {
  return new DOMParser().parseFromString(readFileSync(FIXTURES + file, 'utf8'), 'text/html');
}

// Parsing the big pages dominates the run time; tests that only read a page share one copy.
const shared = new Map<string, Document>();
function loadShared(file: string): Document {
  let doc = shared.get(file);
  if (!doc) shared.set(file, (doc = load(file)));
  return doc;
}

describe('huggingface page matching', () => {
  it.each([
    'https://huggingface.co/papers',
    'https://huggingface.co/papers/',
    'https://huggingface.co/papers?q=diffusion',
    'https://huggingface.co/papers/trending',
    'https://huggingface.co/papers/date/2026-09-28',
    'https://huggingface.co/papers/week/2026-W39',
    'https://huggingface.co/papers/month/2026-09',
    'https://huggingface.co/papers/2609.31620',
    'https://huggingface.co/papers/2609.31620#community',
    'https://huggingface.co/collections/someone/a-list-65f0c0ffee',
  ])('understands %s', (url) => {
    expect(huggingface.matches(new URL(url))).toBe(true);
  });

  it.each([
    'https://huggingface.co/',
    'https://huggingface.co/models',
    'https://huggingface.co/papers/submit',
    'https://huggingface.co/papers/date/yesterday',
    'https://huggingface.co/papers/week/2026-39',
    'https://huggingface.co/collections/someone',
    'https://huggingface.co/someone/some-model',
    'https://arxiv.org/abs/2609.31620',
    'https://example.com/papers/2609.31620',
  ])('ignores %s', (url) => {
    const pageUrl = new URL(url);
    expect(huggingface.matches(pageUrl)).toBe(false);
    expect(huggingface.findEntries(loadShared('daily.html'), pageUrl)).toEqual([]);
  });

  it('reads ?q= as a search and an empty ?q= as the daily listing', () => {
    const doc = loadShared('date.html');
    const kinds = (url: string) => huggingface.findEntries(doc, new URL(url)).map((e) => e.paper.source?.pageKind);
    expect(new Set(kinds('https://huggingface.co/papers?q=reward'))).toEqual(new Set(['search']));
    expect(new Set(kinds('https://huggingface.co/papers?q=%20'))).toEqual(new Set(['daily']));
  });
});

describe('huggingface search page', () => {
  const url = new URL('https://huggingface.co/papers?q=reinforcement');
  const entries = huggingface.findEntries(loadShared('search-217.html'), url);

  it('finds all 217 results, each once', () => {
    expect(entries).toHaveLength(217);
    expect(new Set(entries.map((e) => e.element)).size).toBe(217);
    expect(new Set(entries.map((e) => e.paper.id)).size).toBe(217);
  });

  it('keeps papers that share a title apart', () => {
    const twins = entries.filter((e) => e.paper.title === 'Lantern Policies for Quiet Reward Fields');
    expect(twins).toHaveLength(2);
    expect(new Set(twins.map((e) => e.paper.id)).size).toBe(2);
    expect(new Set(twins.map((e) => e.paper.abstract)).size).toBe(2);
  });
});

describe('huggingface client-side navigation', () => {
  function grid(doc: Document): Element {
    const first = doc.querySelector('article');
    if (!first?.parentElement) throw new Error('fixture has no grid');
    return first.parentElement;
  }

  it('finds only the cards in an added subtree, and a card passed as the root itself', () => {
    const url = new URL('https://huggingface.co/papers');
    const page = load('daily.html');
    const before = huggingface.findEntries(page, url);
    expect(before.length).toBeGreaterThan(0);

    // Cards of another day, rendered by the app into the same grid without a reload.
    const other = loadShared('date.html');
    const incoming = Array.from(grid(other).querySelectorAll('article'), (card) => page.importNode(card, true));
    const wrapper = page.createElement('div');
    wrapper.append(...incoming.slice(1));
    grid(page).append(incoming[0]!, wrapper);

    const fromWrapper = huggingface.findEntries(wrapper, url);
    const fromCard = huggingface.findEntries(incoming[0]!, url);
    const expectedIds = huggingface.findEntries(other, new URL('https://huggingface.co/papers/date/2026-09-25')).map(
      (e) => e.paper.id,
    );
    expect(fromCard.map((e) => e.element)).toEqual([incoming[0]]);
    expect(fromWrapper.map((e) => e.element)).toEqual(incoming.slice(1));
    expect([...fromCard, ...fromWrapper].map((e) => e.paper.id)).toEqual(expectedIds);
    // The daily island never described these papers: they are read from the cards alone.
    for (const entry of [...fromCard, ...fromWrapper]) expect(entry.paper.abstract).toBeUndefined();

    const after = huggingface.findEntries(page, url);
    expect(after).toHaveLength(before.length + incoming.length);
    expect(new Set(after.map((e) => e.element)).size).toBe(after.length);
  });

  it('uses the island for a re-rendered card it describes', () => {
    const url = new URL('https://huggingface.co/papers');
    const page = load('daily.html');
    const [first] = huggingface.findEntries(page, url);
    const card = first!.element;
    const replacement = card.cloneNode(true) as Element;
    card.replaceWith(replacement);
    const [again] = huggingface.findEntries(replacement, url);
    expect(again!.paper).toEqual(first!.paper);
    expect(again!.paper.abstract).toBeTruthy();
  });

  it('returns nothing for a subtree without cards', () => {
    const page = loadShared('daily.html');
    const heading = page.querySelector('h1')!;
    expect(huggingface.findEntries(heading, new URL('https://huggingface.co/papers'))).toEqual([]);
  });
});

describe('huggingface robustness', () => {
  it('never throws on a document it does not understand', () => {
    const doc = new DOMParser().parseFromString('<p>hello <article><h3><a href="http://[bad">x</a></h3></article>', 'text/html');
    for (const url of Object.keys(pages)) expect(() => huggingface.findEntries(doc, new URL(url))).not.toThrow();
    const paperUrl = new URL('https://huggingface.co/papers/2609.31620');
    expect(huggingface.findEntries(doc, paperUrl)).toEqual([]);
  });

  it('does not let page markup into the metadata', () => {
    const url = new URL('https://huggingface.co/papers/date/2026-09-24');
    const doc = load('hostile.html');
    const entries = huggingface.findEntries(doc, url);
    expect(entries.map((e) => e.paper.title)).toContain('Fixture <script>alert("title")</script> Policies');
    expect(entries.some((e) => e.paper.title.length === 5000)).toBe(true);
    // Parsing the page ran nothing and created no element from the text.
    expect(doc.querySelectorAll('article script, article img[onerror]')).toHaveLength(0);
  });
});
