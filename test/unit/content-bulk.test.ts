import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startContent, type ContentHandle } from '../../src/content/controller';
import { barRootOf } from '../../src/content/bulk-bar';
import { resetSeenUpkeep } from '../../src/background/seen-upkeep';
import { VISIT_GAP_MS } from '../../src/db/seen';
import { eventually, fakeAdapter, hosts, madeUpPapers, renderListing, rootOf, TestBackground, userClick, userKey, type FakePaper } from './content-kit';
import { badgeOf, resetFakeBrowser } from './fake-browser';

let background: TestBackground;
let handles: ContentHandle[];

beforeEach(() => {
  resetFakeBrowser();
  resetSeenUpkeep();
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
    firstChunk: 100,
    seen: { createObserver: () => ({ observe() {}, unobserve() {}, disconnect() {} }) },
  });
  handles.push(handle);
  await handle.ready;
  return handle;
}

const bar = () => barRootOf(document.querySelector('shelfmark-bar')!)!;
const barButton = (action: string) => bar().querySelector<HTMLButtonElement>(`button[data-action="${action}"]`)!;
const selectBox = (id: string) => rootOf(hosts(document, id)[0]!).querySelector<HTMLButtonElement>('button[data-action="select"]');
const states = (papers: FakePaper[]) => papers.map((paper) => hosts(document, paper.id)[0]!.getAttribute('data-state'));

describe('acting on many entries', () => {
  it('selects 50 entries with x, saves them with s in one request and one transaction, and z undoes that one step', async () => {
    const papers = madeUpPapers(60);
    await background.seed(papers[3]!.id, ['kept']);
    await visit(papers);
    for (let i = 0; i < 50; i++) {
      userKey(document.body, 'j');
      userKey(document.body, 'x');
    }
    expect(hosts(document).filter((host) => host.hasAttribute('data-selected'))).toHaveLength(50);
    expect(bar().querySelector('.count')!.textContent).toBe('50 selected');

    userKey(document.body, 's');
    await eventually(() => expect(states(papers.slice(0, 50)).every((state) => state === 'saved')).toBe(true));
    expect(background.requestsOf('bulkSave')).toHaveLength(1);
    expect((background.requestsOf('bulkSave')[0]!.payload as { papers: unknown[] }).papers).toHaveLength(50);
    expect(background.requestsOf('save')).toHaveLength(0);
    expect(await background.db.papers.count()).toBe(50);
    expect(states(papers.slice(50))).toEqual(Array(10).fill('unsaved'));
    // The selection is done with.
    expect(hosts(document).filter((host) => host.hasAttribute('data-selected'))).toHaveLength(0);

    userKey(document.body, 'z');
    await eventually(() => expect(states(papers.slice(0, 50)).filter((state) => state === 'saved')).toEqual(['saved']));
    expect(background.requestsOf('undoBulk')).toHaveLength(1);
    // Only what the step saved is gone: the paper saved before keeps its tag.
    expect(await background.db.papers.toCollection().primaryKeys()).toEqual([papers[3]!.id]);
    expect((await background.stored(papers[3]!.id))!.tags).toEqual(['kept']);
  });

  it('selects a range with shift-click, tags it from the bar, and marks a selection seen with one undo', async () => {
    const papers = madeUpPapers(10);
    await visit(papers);
    userKey(document.body, 'j');
    // The select box shows on the focused (current) entry.
    expect(selectBox(papers[0]!.id)!.getAttribute('aria-pressed')).toBe('false');
    expect(selectBox(papers[1]!.id)).toBeNull();
    userClick(selectBox(papers[0]!.id)!);
    for (let i = 0; i < 5; i++) userKey(document.body, 'j');
    selectBox(papers[5]!.id)!.dispatchEvent(Object.defineProperty(new MouseEvent('click', { bubbles: true, composed: true, shiftKey: true }), 'isTrusted', { value: true }));
    expect(hosts(document).filter((host) => host.hasAttribute('data-selected')).map((host) => host.dataset.shelfmarkId)).toEqual(
      papers.slice(0, 6).map((paper) => paper.id),
    );

    bar().querySelector<HTMLInputElement>('input[data-field="bulk-tag"]')!.value = 'Queue';
    userClick(barButton('bulk-tag'));
    await eventually(() => expect(states(papers.slice(0, 6))).toEqual(Array(6).fill('saved')));
    expect(background.requestsOf('bulkSave')[0]!.payload).toMatchObject({ tag: 'Queue' });
    expect((await background.stored(papers[2]!.id))!.tags).toEqual(['Queue']);
    userClick(barButton('bulk-undo'));
    await eventually(() => expect(states(papers.slice(0, 6))).toEqual(Array(6).fill('unsaved')));

    // Mark seen: one markSeen; its undo forgets only what it added.
    userKey(document.body, 'x');
    userKey(document.body, 'k');
    userKey(document.body, 'x');
    userClick(barButton('bulk-seen'));
    await eventually(() => expect(rootOf(hosts(document, papers[4]!.id)[0]!).querySelector('[data-mark="seen"]')).not.toBeNull());
    expect(background.requestsOf('markSeen')).toHaveLength(1);
    expect(await background.db.seen.count()).toBe(2);
    userKey(document.body, 'z');
    await eventually(() => expect(rootOf(hosts(document, papers[4]!.id)[0]!).querySelector('[data-mark]')).toBeNull());
    expect(await background.db.seen.count()).toBe(0);
  });

  it('saves all new on this page in one undoable step, and reports the page for the badge and popup', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-11-03T08:00:00Z') });
    const papers = madeUpPapers(8);
    await visit(papers.slice(0, 5));
    vi.setSystemTime(Date.now() + VISIT_GAP_MS + 86_400_000);
    await background.seed(papers[6]!.id);
    const handle = await visit(papers);
    expect(handle.summary()).toEqual({ total: 8, saved: 1, new: 3, previousVisitAt: Date.parse('2026-11-03T08:00:00Z') });
    await eventually(() => expect(badgeOf(1)).toBe('1'));
    expect(await background.write('pageSummary', { tabId: 1 })).toMatchObject({ total: 8, saved: 1, new: 3 });
    expect(barButton('save-new').textContent).toBe('Save all new on this page (2)');

    userClick(barButton('save-new'));
    await eventually(() => expect(states(papers)).toEqual(['unsaved', 'unsaved', 'unsaved', 'unsaved', 'unsaved', 'saved', 'saved', 'saved']));
    expect(background.requestsOf('bulkSave')).toHaveLength(1);
    await eventually(() => expect(badgeOf(1)).toBe('3'));
    expect(await handle.undoBulk()).toBe(true);
    expect(states(papers).filter((state) => state === 'saved')).toHaveLength(1);
    await eventually(() => expect(badgeOf(1)).toBe('1'));
  });
});
