import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startContent, type ContentHandle } from '../../src/content/controller';
import { resetSeenUpkeep } from '../../src/background/seen-upkeep';
import { VISIT_GAP_MS } from '../../src/db/seen';
import { eventually, fakeAdapter, hosts, madeUpPapers, renderListing, rootOf, TestBackground, userClick, type FakePaper } from './content-kit';
import { resetFakeBrowser } from './fake-browser';

/** An IntersectionObserver the test drives (happy-dom has no layout). */
class FakeObserver {
  static all: FakeObserver[] = [];
  readonly observed = new Set<Element>();
  constructor(readonly callback: IntersectionObserverCallback) {
    FakeObserver.all.push(this);
  }
  observe = (element: Element) => void this.observed.add(element);
  unobserve = (element: Element) => void this.observed.delete(element);
  disconnect = () => this.observed.clear();
  show(elements: Element[], visible = true) {
    const entries = elements
      .filter((element) => this.observed.has(element))
      .map((target) => ({ target, isIntersecting: visible, intersectionRatio: visible ? 1 : 0 }) as unknown as IntersectionObserverEntry);
    this.callback(entries, this as unknown as IntersectionObserver);
  }
}

let background: TestBackground;
let handles: ContentHandle[];

beforeEach(() => {
  resetFakeBrowser();
  resetSeenUpkeep();
  FakeObserver.all = [];
  document.documentElement.removeAttribute('data-shelfmark');
  document.body.replaceChildren();
  history.replaceState({}, '', '/list/cs.LG/new');
  background = new TestBackground();
  handles = [];
});
afterEach(() => {
  for (const handle of handles) handle.destroy();
  vi.useRealTimers();
});

async function visit(papers: FakePaper[]) {
  for (const handle of handles.splice(0)) handle.destroy();
  document.body.replaceChildren();
  renderListing(document, papers);
  const handle = startContent({
    adapter: fakeAdapter(),
    transport: background.transport(),
    seen: { dwellMs: 30, flushMs: 10, createObserver: (callback) => new FakeObserver(callback) },
  });
  handles.push(handle);
  await handle.ready;
  return handle;
}

const itemOf = (id: string) => document.querySelector(`li.paper[data-id="${id}"]`)!;
const markOf = (id: string) => rootOf(hosts(document, id)[0]!).querySelector('[data-mark]')?.getAttribute('data-mark') ?? null;
const observer = () => FakeObserver.all.at(-1)!;

describe('seen history on the page', () => {
  const papers = madeUpPapers(6);
  const [a, b, c, d] = papers.map((paper) => paper.id) as [string, string, string, string];

  it('counts an entry seen after it stays on screen, reports the page in one batch, and marks it on another listing', async () => {
    await visit(papers.slice(0, 3));
    expect(markOf(a)).toBeNull();
    observer().show([itemOf(a), itemOf(b)]);
    // c scrolls past too fast to count.
    observer().show([itemOf(c)]);
    observer().show([itemOf(c)], false);
    await eventually(() => expect(background.requestsOf('markSeen')).toHaveLength(1));
    expect(background.requestsOf('markSeen')[0]!.payload).toEqual({ ids: [a, b] });
    // Quiet on this visit: the marks show from the next page on.
    expect(markOf(a)).toBeNull();

    history.replaceState({}, '', '/list/cs.AI/new');
    await visit([papers[0]!, papers[1]!, papers[2]!, papers[3]!]);
    expect([a, b, c, d].map(markOf)).toEqual(['seen', 'seen', null, null]);
    // The marks live in the closed shadow root; the light DOM says nothing about them.
    expect(hosts(document, a)[0]!.getAttributeNames().sort()).toEqual(['data-marks', 'data-shelfmark-id', 'data-state']);
    // One getStates per visit (the listing is shorter than a first screen): no request per entry.
    expect(background.requestsOf('getStates')).toHaveLength(2);
  });

  it('marks entries added to a listing since the last visit as new, and nothing on a first visit', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-11-03T08:00:00Z') });
    await visit(papers.slice(0, 3));
    expect(papers.slice(0, 3).map((paper) => markOf(paper.id))).toEqual([null, null, null]);
    observer().show([itemOf(a)]);
    await eventually(() => expect(background.requestsOf('markSeen')).toHaveLength(1));

    vi.setSystemTime(Date.now() + VISIT_GAP_MS + 86_400_000);
    await visit(papers);
    expect(papers.map((paper) => markOf(paper.id))).toEqual(['seen', null, null, 'new', 'new', 'new']);
  });

  it('marks all on the page as seen, and forgets the page', async () => {
    const handle = await visit(papers.slice(0, 3));
    await handle.markAllSeen();
    expect([a, b, c].map(markOf)).toEqual(['seen', 'seen', 'seen']);
    expect(await background.db.seen.count()).toBe(3);

    await handle.forgetPage();
    expect([a, b, c].map(markOf)).toEqual([null, null, null]);
    expect(await background.db.seen.count()).toBe(0);
    expect(await background.db.visits.count()).toBe(0);
    // Nothing on a forgotten page is tracked any more.
    observer().show([itemOf(a)]);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(await background.db.seen.count()).toBe(0);
  });

  it('with the history off, shows no marks, records nothing, and sends no markSeen', async () => {
    await background.write('updateSettings', { patch: { seenHistory: { enabled: false, retentionDays: 365 } } });
    await visit(papers.slice(0, 3));
    expect(FakeObserver.all).toHaveLength(0);
    expect(background.requestsOf('getStates')[0]!.payload).toMatchObject({ listing: 'http://localhost:3000/list/cs.LG/new' });
    expect(await background.db.visits.count()).toBe(0);
    await background.write('markSeen', { ids: [a] });
    expect(await background.db.seen.count()).toBe(0);
  });

  it('clears the history on request, from an extension page only', async () => {
    const handle = await visit(papers.slice(0, 3));
    await handle.markAllSeen();
    await expect(handle.forgetPage()).resolves.toBeUndefined();
    await background.write('markSeen', { ids: [a, b] });
    expect(await background.write('seenHistoryStats', {})).toMatchObject({ seen: 2 });
    // The content script's transport is typed over the page requests alone: a page sending this anyway is refused.
    const fromPage = background.transport().request as unknown as (type: string, payload: unknown) => Promise<unknown>;
    await expect(fromPage('clearSeenHistory', {})).rejects.toThrow(/cannot be requested from a web page/u);
    await background.write('clearSeenHistory', {});
    expect(await background.write('seenHistoryStats', {})).toEqual({ seen: 0, listings: 0, oldest: null });
  });
});

describe('newer versions of saved arXiv papers', () => {
  const A = 'arxiv:2601.00001';
  const B = 'arxiv:2601.00002';
  const saveAt = (id: string, version: number) =>
    background.write('save', { paper: { id, aliases: [id], title: `Invented ${id}`, authors: [], version } });
  const badge = (id: string) => rootOf(hosts(document, id)[0]!).querySelector<HTMLAnchorElement>('[data-mark="new-version"]');

  it('shows "v3 — saved v1" linking the new version, and drops it once opened or re-saved', async () => {
    await saveAt(A, 1);
    await saveAt(B, 2);
    await visit([
      { id: A, title: 'Replaced kettles', version: 3 },
      { id: B, title: 'Unchanged spoons', version: 2 },
    ]);
    expect(badge(A)!.textContent).toBe('v3 — saved v1');
    expect(badge(A)!.href).toBe('https://arxiv.org/abs/2601.00001v3');
    expect(badge(B)).toBeNull();
    expect(hosts(document, A)[0]!.getAttribute('data-marks')).toBe('new-version');

    // Opened from the badge: gone, here and on the next visit.
    const link = badge(A)!;
    // happy-dom would try to open the link over the network: what opens is not under test here.
    link.removeAttribute('href');
    userClick(link);
    await eventually(() => expect(badge(A)).toBeNull());
    expect((await background.stored(A))!.versionSeen).toBe(3);
    await visit([{ id: A, title: 'Replaced kettles', version: 3 }]);
    expect(badge(A)).toBeNull();

    // Re-saved at the new version: no badge either.
    await saveAt(B, 2);
    await visit([{ id: B, title: 'Unchanged spoons', version: 4 }]);
    expect(badge(B)!.textContent).toBe('v4 — saved v2');
    await background.write('save', { paper: { id: B, aliases: [B], title: 'Unchanged spoons', authors: [], version: 4 } });
    await eventually(() => expect(badge(B)).toBeNull());
  });
});
