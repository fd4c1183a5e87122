import { describe, expect, it } from 'vitest';
import { keyAction } from '../../src/popup/keyboard';
import { countTags, selectPapers } from '../../src/popup/list-view';
import { indexAt, rowTop, scrollToReveal, totalHeight, visibleRange } from '../../src/popup/row-window';
import { PaperSearch } from '../../src/popup/search-index';
import { samplePaper, sampleTag } from './format-samples';

describe('search', () => {
  it('ranks title matches before papers that only mention the words elsewhere', () => {
    const search = new PaperSearch();
    const inAbstract = samplePaper({ title: 'Unrelated Heading', abstract: 'glimmerfish glimmerfish glimmerfish glimmerfish in detail' });
    const inNote = samplePaper({ title: 'Another One', note: 'glimmerfish' });
    const inTitle = samplePaper({ title: 'A Study of Glimmerfish Behaviour', abstract: 'long text '.repeat(50) });
    search.sync([inAbstract, inNote, inTitle]);
    const ranked = search.search('glimmer');
    expect(ranked![0]).toBe(inTitle.id);
    expect(new Set(ranked!)).toEqual(new Set([inAbstract.id, inNote.id, inTitle.id]));
  });

  it('finds authors and tags, needs every word, and follows changes incrementally', () => {
    const search = new PaperSearch();
    const a = samplePaper({ authors: ['Perpetua Wellsby'], tags: ['optics'] });
    const b = samplePaper({ tags: ['optics', 'lasers'] });
    expect(search.sync([a, b])).toBe(2);
    expect(search.search('wellsby')).toEqual([a.id]);
    expect(search.search('optics lasers')).toEqual([b.id]);
    const a2 = { ...a, note: 'zanzibar', updatedAt: a.updatedAt + 1 };
    expect(search.sync([a2, b])).toBe(1);
    expect(search.search('zanzibar')).toEqual([a.id]);
    expect(search.sync([b])).toBe(1);
    expect(search.search('wellsby')).toEqual([]);
    expect(search.size).toBe(1);
  });

  it('matches short words whole, and ignores a short last word that is still being typed', () => {
    const search = new PaperSearch();
    const ml = samplePaper({ title: 'Grand ML Survey', tags: ['ml'] });
    const other = samplePaper({ title: 'Grand Mlekovo Tour' });
    search.sync([ml, other]);
    expect(search.search('ml')).toEqual([ml.id]);
    expect(new Set(search.search('grand zq'))).toEqual(new Set([ml.id, other.id]));
    expect(search.search('grand ml')).toEqual([ml.id]);
    expect(search.search('grand')).toHaveLength(2);
    expect(search.search('zq')).toBeNull();
    expect(search.search('zzzq')).toEqual([]);
  });

  it('leaves abstracts out of a quick search', () => {
    const search = new PaperSearch();
    const paper = samplePaper({ title: 'Plain', abstract: 'mentions quillwort once' });
    search.sync([paper]);
    expect(search.search('quillwort', { quick: true })).toEqual([]);
    expect(search.search('quillwort')).toEqual([paper.id]);
  });

  it('builds a large index in slices that resume where they stopped', () => {
    const search = new PaperSearch();
    const papers = Array.from({ length: 25 }, (_, i) => samplePaper({ title: `Sliced ${i}` }));
    expect(search.syncStep(papers, 10)).toEqual({ changed: 10, done: false });
    expect(search.syncStep(papers, 10)).toEqual({ changed: 10, done: false });
    expect(search.syncStep(papers, 10)).toEqual({ changed: 5, done: true });
    expect(search.size).toBe(25);
    expect(search.syncStep(papers.slice(1), 10)).toEqual({ changed: 1, done: true });
    expect(search.search('sliced')).toHaveLength(24);
  });

  it('stops a slice at its deadline, after one paper at least', () => {
    const search = new PaperSearch();
    const papers = Array.from({ length: 3 }, (_, i) => samplePaper({ title: `Timed ${i}` }));
    const past = performance.now() - 1;
    expect(search.syncStep(papers, Infinity, past)).toEqual({ changed: 1, done: false });
    expect(search.syncStep(papers, Infinity, past)).toEqual({ changed: 1, done: false });
    expect(search.syncStep(papers, Infinity, performance.now() + 60_000)).toEqual({ changed: 1, done: true });
    expect(search.search('timed')).toHaveLength(3);
  });

  it('re-checks a new list even when nothing else was asked for', () => {
    const search = new PaperSearch();
    const a = samplePaper({ title: 'Quillwort Studies' });
    const list = [a];
    expect(search.sync(list)).toBe(1);
    expect(search.sync(list)).toBe(0);
    const changed = [{ ...a, title: 'Marram Studies', updatedAt: a.updatedAt + 1 }];
    expect(search.sync(changed)).toBe(1);
    expect(search.search('marram')).toEqual([a.id]);
    expect(search.search('quillwort')).toEqual([]);
  });
});

describe('list view', () => {
  const p1 = samplePaper({ title: 'beta', tags: ['ML', 'vision'], tagKeys: ['ml', 'vision'], status: 'reading', date: '2020-01-01', savedAt: 3 });
  const p2 = samplePaper({ title: 'Alpha', tags: ['ml'], tagKeys: ['ml'], status: 'unread', date: '2023-01-01', savedAt: 1 });
  const p3 = samplePaper({ title: 'gamma', status: 'reading', date: undefined, savedAt: 2 });
  const all = [p1, p2, p3];

  it('keeps papers carrying every selected tag and the chosen status', () => {
    const ids = (choices: Partial<Parameters<typeof selectPapers>[1]>) =>
      selectPapers(all, { ranked: null, tags: [], status: 'all', sort: 'saved', ...choices }).map((p) => p.title);
    expect(ids({ tags: ['ml'] })).toEqual(['beta', 'Alpha']);
    expect(ids({ tags: ['ml', 'vision'] })).toEqual(['beta']);
    expect(ids({ status: 'reading' })).toEqual(['beta', 'gamma']);
    expect(ids({ status: 'done' })).toEqual([]);
  });

  it('sorts by date saved, title or paper date, and by rank when searching', () => {
    const titles = (choices: Partial<Parameters<typeof selectPapers>[1]>) =>
      selectPapers(all, { ranked: null, tags: [], status: 'all', sort: 'saved', ...choices }).map((p) => p.title);
    expect(titles({ sort: 'saved' })).toEqual(['beta', 'gamma', 'Alpha']);
    expect(titles({ sort: 'title' })).toEqual(['Alpha', 'beta', 'gamma']);
    expect(titles({ sort: 'date' })).toEqual(['Alpha', 'beta', 'gamma']);
    expect(titles({ ranked: [p3.id, p2.id, 'arxiv:gone'], sort: 'title' })).toEqual(['gamma', 'Alpha']);
  });

  it('sorts each list once per order without sharing results or reordering the input', () => {
    const choices = { ranked: null, tags: [], status: 'all', sort: 'title' } as const;
    const first = selectPapers(all, choices);
    first.reverse();
    expect(selectPapers(all, choices).map((p) => p.title)).toEqual(['Alpha', 'beta', 'gamma']);
    expect(all.map((p) => p.title)).toEqual(['beta', 'Alpha', 'gamma']);
    // A new list (a liveQuery result after a change) is sorted afresh.
    const renamed = { ...p3, title: 'aardvark' };
    expect(selectPapers([p1, p2, renamed], choices).map((p) => p.title)).toEqual(['aardvark', 'Alpha', 'beta']);
  });

  it('counts papers per tag with the tag table’s name and colour', () => {
    expect(countTags(all, [sampleTag('ML', '#111111')])).toEqual([
      { key: 'ml', name: 'ML', color: '#111111', count: 2 },
      { key: 'vision', name: 'vision', color: expect.stringMatching(/^#/u), count: 1 },
    ]);
  });
});

describe('row windowing', () => {
  const layout = { count: 10_000, rowHeight: 80, openIndex: 5, openHeight: 200 };

  it('places rows around one taller open row', () => {
    expect(totalHeight(layout)).toBe(10_000 * 80 + 120);
    expect(rowTop(layout, 5)).toBe(400);
    expect(rowTop(layout, 6)).toBe(600);
    expect(indexAt(layout, 599)).toBe(5);
    expect(indexAt(layout, 600)).toBe(6);
    expect(indexAt(layout, 10e9)).toBe(9_999);
  });

  it('renders only the rows in view plus overscan', () => {
    const [first, last] = visibleRange(layout, 800_000 - 600, 600, 2);
    expect(last).toBe(10_000);
    expect(last - first).toBeLessThan(14);
    expect(visibleRange({ ...layout, count: 0 }, 0, 600)).toEqual([0, 0]);
  });

  it('scrolls just enough to reveal a row', () => {
    expect(scrollToReveal(layout, 5, 0, 500)).toBe(100);
    expect(scrollToReveal(layout, 1, 0, 500)).toBeNull();
    expect(scrollToReveal(layout, 0, 300, 500)).toBe(0);
  });
});

describe('keyboard', () => {
  it('maps shortcuts outside text fields only', () => {
    expect(keyAction({ key: '/', inTextField: false })).toBe('focus-search');
    expect(keyAction({ key: 'j', inTextField: false })).toBe('next');
    expect(keyAction({ key: 'ArrowUp', inTextField: false })).toBe('previous');
    expect(keyAction({ key: 's', inTextField: false })).toBe('cycle-status');
    expect(keyAction({ key: 'Delete', inTextField: false })).toBe('remove');
    expect(keyAction({ key: 'Enter', inTextField: false })).toBe('open');
    expect(keyAction({ key: 'Enter', inTextField: false, onControl: true })).toBeNull();
    expect(keyAction({ key: 's', inTextField: true })).toBeNull();
    expect(keyAction({ key: 'Delete', inTextField: true })).toBeNull();
    expect(keyAction({ key: 'ArrowDown', inTextField: true })).toBe('next');
    expect(keyAction({ key: 't', inTextField: false, ctrlKey: true })).toBeNull();
  });
});
