import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { forYouService } from '../../src/background/for-you';
import { startContent, type ContentHandle } from '../../src/content/controller';
import { shadowRootOf } from '../../src/content/entry-view';
import type { PaperEntry } from '../../src/sites/types';
import {
  TestBackground,
  chipNames,
  eventually,
  fakeAdapter,
  hosts,
  madeUpPapers,
  renderListing,
  rootOf,
  saveButton,
  trusted,
  userClick,
  userKey,
} from './content-kit';

const A = 'arxiv:2601.00001';
const B = 'arxiv:2601.00002';
const C = 'arxiv:2601.00003';

let background: TestBackground;
let handles: ContentHandle[];

function start(options: { dynamic?: boolean; firstChunk?: number; batchSize?: number } = {}) {
  const adapter = fakeAdapter(options.dynamic);
  const handle = startContent({ adapter, transport: background.transport(), ...options });
  handles.push(handle);
  return { handle, adapter };
}

beforeEach(() => {
  document.documentElement.removeAttribute('data-shelfmark');
  document.body.replaceChildren();
  background = new TestBackground();
  handles = [];
});

afterEach(async () => {
  for (const handle of handles) handle.destroy();
  // The background's "for you" training, started by this test's pages, must not run into the next test's timings.
  await forYouService().idle();
  forYouService().reset();
});

/** Lays the listing's items out 100 px apart, scrolled by `scroll.y` (happy-dom has no layout). */
function layOut(scroll: { y: number }) {
  [...document.querySelectorAll('li.paper')].forEach((item, index) => {
    item.getBoundingClientRect = () => {
      const top = index * 100 - scroll.y;
      return DOMRect.fromRect({ x: 0, y: top, width: 800, height: 100 });
    };
  });
}

describe('where the site keeps room for hosts, off-screen ones are drawn on approach', () => {
  it('inserts every host hidden and empty, draws those within a screen of the viewport, then the rest as the user scrolls', async () => {
    const papers = madeUpPapers(200);
    await background.seed(papers[150]!.id, ['later']);
    renderListing(document, papers);
    const scroll = { y: 0 };
    layOut(scroll);
    const adapter = fakeAdapter(false, true);
    const handle = startContent({ adapter, transport: background.transport(), firstChunk: 5, batchSize: 40 });
    handles.push(handle);
    await handle.ready;

    const all = hosts(document);
    expect(all).toHaveLength(200);
    // Within one viewport height above or below the viewport: items starting at up to 2 × innerHeight.
    const near = Math.floor((2 * window.innerHeight) / 100) + 1;
    const drawn = () => all.filter((host) => shadowRootOf(host) !== undefined).map((host) => papers.findIndex((paper) => paper.id === host.dataset.shelfmarkId));
    expect(drawn()).toEqual([...Array(near).keys()]);
    for (const host of all.slice(near)) expect(host.hidden).toBe(true);
    for (const host of all.slice(0, near)) expect(host.hidden).toBe(false);
    // The state is known for every entry, drawn or not.
    expect(all[150]!.getAttribute('data-state')).toBe('saved');

    scroll.y = 15_000;
    window.dispatchEvent(new Event('scroll'));
    const now = drawn();
    expect(now).toContain(150);
    expect(now).not.toContain(100);
    expect(all[150]!.hidden).toBe(false);
    expect(saveButton(all[150]!).getAttribute('aria-pressed')).toBe('true');
    expect(chipNames(all[150]!)).toEqual(['later']);
    // Only a few screens' worth are drawn, however far the page goes.
    expect(now.length).toBeLessThan(near + 4 * Math.ceil(window.innerHeight / 100));
  });

  it('a state change reaches an entry that is not drawn yet, and shows once it is', async () => {
    const papers = madeUpPapers(200);
    renderListing(document, papers);
    const scroll = { y: 0 };
    layOut(scroll);
    const handle = startContent({ adapter: fakeAdapter(false, true), transport: background.transport(), firstChunk: 5 });
    handles.push(handle);
    await handle.ready;
    const far = hosts(document, papers[180]!.id)[0]!;
    expect(shadowRootOf(far)).toBeUndefined();
    await background.seed(papers[180]!.id, ['from another tab']);
    expect(far.getAttribute('data-state')).toBe('saved');
    scroll.y = 17_500;
    window.dispatchEvent(new Event('scroll'));
    expect(chipNames(far)).toEqual(['from another tab']);
  });
  it('the keyboard reaches entries that are not drawn yet, and draws them', async () => {
    const papers = madeUpPapers(60);
    renderListing(document, papers);
    const scroll = { y: 0 };
    layOut(scroll);
    // happy-dom does not scroll: each entry brought into view moves the made-up viewport to it.
    for (const [index, item] of [...document.querySelectorAll('li.paper')].entries()) {
      (item as HTMLElement).scrollIntoView = () => {
        scroll.y = index * 100;
      };
    }
    const handle = startContent({ adapter: fakeAdapter(false, true), transport: background.transport(), firstChunk: 5 });
    handles.push(handle);
    await handle.ready;
    // Drawn so far: the entries within a screen of the top (happy-dom's window is 768 px tall).
    const target = hosts(document, papers[30]!.id)[0]!;
    expect(shadowRootOf(target)).toBeUndefined();
    // `j` from the top: the first press picks entry 0, each next one moves down by one. No
    // scroll event comes (happy-dom), so only the keyboard's own drawing can show entry 30.
    for (let press = 0; press <= 30; press++) userKey(document.body, 'j');
    expect(shadowRootOf(target)).toBeDefined();
    expect(target.hidden).toBe(false);
    userKey(document.body, 's');
    await eventually(() => expect(target.getAttribute('data-state')).toBe('saved'));
    expect(await background.stored(papers[30]!.id)).toBeDefined();
  });
});

describe('annotating a page', () => {
  it('inserts one closed-shadow host right after each entry title and shows the states', async () => {
    await background.seed(B, ['reading group']);
    renderListing(document, [
      { id: A, title: 'Invented paper on kettles' },
      { id: B, title: 'Invented paper on spoons' },
    ]);
    const { handle } = start();
    await handle.ready;

    const items = [...document.querySelectorAll('li.paper')];
    for (const item of items) {
      const host = item.querySelector('h3')!.nextElementSibling!;
      expect(host.localName).toBe('shelfmark-entry');
      expect(host.getAttribute('data-shelfmark-id')).toBe(item.getAttribute('data-id'));
      expect((host as HTMLElement).shadowRoot).toBeNull();
    }
    expect(hosts(document, A)[0]!.getAttribute('data-state')).toBe('unsaved');
    expect(hosts(document, B)[0]!.getAttribute('data-state')).toBe('saved');
    expect(saveButton(hosts(document, B)[0]!).getAttribute('aria-pressed')).toBe('true');
    expect(saveButton(hosts(document, B)[0]!).getAttribute('aria-label')).toBe('Saved — remove from Shelfmark');
    expect(saveButton(hosts(document, A)[0]!).getAttribute('aria-label')).toBe('Save to Shelfmark');
    expect(chipNames(hosts(document, B)[0]!)).toEqual(['reading group']);
    expect(document.documentElement.getAttribute('data-shelfmark')).toBe('ready');
  });

  it('mirrors only the id and the state on the host, never the tags', async () => {
    await background.seed(A, ['secret-tag']);
    renderListing(document, [{ id: A, title: 'Invented paper on kettles' }]);
    const { handle } = start();
    await handle.ready;
    const host = hosts(document, A)[0]!;
    expect(host.getAttributeNames().sort()).toEqual(['data-shelfmark-id', 'data-state']);
    expect(document.body.textContent).not.toContain('secret-tag');
  });

  it('asks for the first screen, then for the rest, in two getStates however many chunks the hosts go in', async () => {
    const papers = madeUpPapers(250);
    renderListing(document, [...papers, papers[3]!]);
    const { handle, adapter } = start({ firstChunk: 20, batchSize: 80 });
    await handle.ready;
    const asked = background.requestsOf('getStates').map((request) =>
      (request.payload as { papers: { id: string }[] }).papers.map((paper) => paper.id),
    );
    // Deduplicated per request: the second copy of papers[3] is in the rest, the first on screen.
    const ids = (list: typeof papers) => list.map((paper) => paper.id);
    expect(asked).toEqual([ids(papers.slice(0, 20)), ids([...papers.slice(20), papers[3]!])]);
    // The first screen read alone, then the whole page.
    expect(adapter.calls).toBe(2);
    expect(hosts(document)).toHaveLength(251);
    expect(hosts(document).every((host) => host.getAttribute('data-state') === 'unsaved')).toBe(true);
  });

  /** A reading adapter over the listing (fakeAdapter's entries, `change`d), counting what it is asked. */
  function readingAdapter(change: (entry: PaperEntry) => PaperEntry = (entry) => entry) {
    const base = fakeAdapter();
    const counts = { readers: 0, pulled: 0 };
    const adapter = {
      ...base,
      findEntries: (): PaperEntry[] => {
        throw new Error('a reading adapter is read through readEntries only');
      },
      *readEntries(root: ParentNode, url: URL) {
        counts.readers += 1;
        for (const entry of base.findEntries(root, url)) {
          counts.pulled += 1;
          yield change(entry);
        }
      },
    };
    return { adapter, counts };
  }

  const askedSizes = () => background.requestsOf('getStates').map((request) => (request.payload as { papers: unknown[] }).papers.length);

  it('an adapter that reads as it is pulled: the page read once, the first screen asked first, the rest in one request, its text read as the page is', async () => {
    const papers = madeUpPapers(1000);
    await background.seed(papers[700]!.id);
    renderListing(document, papers);
    // How many entries had been pulled when each entry's text (for the ranking) was first read.
    const pulledAtText = new Map<string, number>();
    const { adapter, counts } = readingAdapter((entry) => ({
      ...entry,
      get title() {
        if (!pulledAtText.has(entry.id)) pulledAtText.set(entry.id, counts.pulled);
        return entry.paper.title;
      },
    }));
    const handle = startContent({ adapter, transport: background.transport(), firstChunk: 10 });
    handles.push(handle);
    await handle.ready;
    expect(counts.readers).toBe(1);
    expect(counts.pulled).toBe(1000);
    expect(askedSizes()).toEqual([10, 990]);
    // The rest's text was read with the entries, a slice at a time, not all once the page was read.
    expect(pulledAtText.size).toBe(1000);
    expect(pulledAtText.get(papers[10]!.id)).toBeLessThan(1000);
    expect(hosts(document)).toHaveLength(1000);
    expect(hosts(document, papers[700]!.id)[0]!.getAttribute('data-state')).toBe('saved');
  });

  it('asks about the next two screens first where the first screen is one-line links', async () => {
    renderListing(document, madeUpPapers(300));
    const { adapter } = readingAdapter((entry) => ({ ...entry, compact: true }));
    const handle = startContent({ adapter, transport: background.transport(), firstChunk: 10 });
    handles.push(handle);
    await handle.ready;
    expect(askedSizes()).toEqual([10, 20, 270]);
    expect(hosts(document)).toHaveLength(300);
  });

  it('shows the first screen, with its states, before the rest of the page is read or any other host goes in', async () => {
    const papers = madeUpPapers(120);
    await background.seed(papers[1]!.id);
    renderListing(document, papers);
    const adapter = fakeAdapter();
    const find = adapter.findEntries.bind(adapter);
    const seenAtFullRead: { hosts: number; asked: number }[] = [];
    adapter.findEntries = (root, url, options) => {
      if (options?.limit === undefined) seenAtFullRead.push({ hosts: hosts(document).length, asked: background.requestsOf('getStates').length });
      return find(root, url, options);
    };
    const inserted: { id: string | undefined; state: string | null }[][] = [];
    const observer = new MutationObserver((records) => {
      const added = records.flatMap((record) => [...record.addedNodes]).filter((node): node is HTMLElement => node instanceof HTMLElement && node.localName === 'shelfmark-entry');
      if (added.length) inserted.push(added.map((host) => ({ id: host.dataset.shelfmarkId, state: host.getAttribute('data-state') })));
    });
    observer.observe(document.body, { childList: true, subtree: true });
    // What is checked is the order, not the budget: the real background over fake-indexeddb may
    // take longer than the product's 50 ms wait on a loaded machine.
    const handle = startContent({ adapter, transport: background.transport(), firstChunk: 10, batchSize: 50, headAnswerWaitMs: 5000 });
    handles.push(handle);
    await handle.ready;
    observer.disconnect();
    // The first screen was in, and had its answer, when the rest was read.
    expect(seenAtFullRead).toEqual([{ hosts: 10, asked: 1 }]);
    // The first hosts in are the first screen's, each with its state.
    expect(inserted[0]).toEqual(papers.slice(0, 10).map((paper, i) => ({ id: paper.id, state: i === 1 ? 'saved' : 'unsaved' })));
    expect(hosts(document)).toHaveLength(120);
  });

  it('reads the page once when it is no longer than the first screen', async () => {
    renderListing(document, madeUpPapers(5));
    const { handle, adapter } = start({ firstChunk: 10 });
    await handle.ready;
    expect(adapter.calls).toBe(1);
    expect(background.requestsOf('getStates')).toHaveLength(1);
  });

  it('shows the state of entries inserted after a slow answer arrives, and marks the timings', async () => {
    performance.clearMarks();
    background.delays.getStates = 30;
    await background.seed(madeUpPapers(300)[250]!.id);
    renderListing(document, madeUpPapers(300));
    const { handle } = start({ firstChunk: 10, batchSize: 50 });
    await handle.ready;
    expect(hosts(document).filter((host) => host.getAttribute('data-state') === 'saved')).toHaveLength(1);
    expect(hosts(document).every((host) => host.hasAttribute('data-state'))).toBe(true);
    expect(performance.getEntriesByName('shelfmark:first-screen')).toHaveLength(1);
    expect(performance.getEntriesByName('shelfmark:all')).toHaveLength(1);
  });

  it('puts page text into the shadow root only as text', async () => {
    const hostile = '<img src=x onerror="window.__pwned=1">';
    await background.seed(A, [hostile]);
    renderListing(document, [{ id: A, title: 'Invented paper' }]);
    const { handle } = start();
    await handle.ready;
    const root = rootOf(hosts(document, A)[0]!);
    expect(root.querySelector('img')).toBeNull();
    expect(chipNames(hosts(document, A)[0]!)).toEqual([hostile]);
  });

  it('retries a getStates that fails once (service worker restarting)', async () => {
    background.failNext = 1;
    await background.seed(A);
    renderListing(document, [{ id: A, title: 'Invented paper' }]);
    const { handle } = start();
    await handle.ready;
    expect(background.requestsOf('getStates')).toHaveLength(2);
    expect(hosts(document, A)[0]!.getAttribute('data-state')).toBe('saved');
  });

  it('says so on <html> when the background cannot be reached at all', async () => {
    background.failNext = 2;
    renderListing(document, [{ id: A, title: 'Invented paper' }]);
    const { handle } = start();
    await handle.ready;
    expect(document.documentElement.getAttribute('data-shelfmark')).toBe('unavailable');
    expect(hosts(document, A)[0]!.hasAttribute('data-state')).toBe(false);
  });
});

describe('acting on an entry', () => {
  it('saves on a real click, with the entry metadata, and updates both copies of a duplicated paper', async () => {
    renderListing(document, [
      { id: A, title: 'Invented paper on kettles' },
      { id: B, title: 'Other' },
      { id: A, title: 'Invented paper on kettles' },
    ]);
    const { handle } = start();
    await handle.ready;
    userClick(saveButton(hosts(document, A)[0]!));
    await eventually(() => expect(hosts(document, A).map((h) => h.getAttribute('data-state'))).toEqual(['saved', 'saved']));
    const [save] = background.requestsOf('save');
    expect(save!.payload).toMatchObject({ paper: { id: A, title: 'Invented paper on kettles' } });
    expect(hosts(document, B)[0]!.getAttribute('data-state')).toBe('unsaved');

    userClick(saveButton(hosts(document, A)[1]!));
    await eventually(() => expect(hosts(document, A).map((h) => h.getAttribute('data-state'))).toEqual(['unsaved', 'unsaved']));
    expect(await background.stored(A)).toBeUndefined();
  });

  it('ignores clicks and keys a page script dispatches', async () => {
    renderListing(document, [{ id: A, title: 'Invented paper' }]);
    const { handle } = start();
    await handle.ready;
    const host = hosts(document, A)[0]!;
    // What a page can do: click the host, or (had it the root) dispatch untrusted events inside.
    host.click();
    host.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
    saveButton(host).dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
    saveButton(host).click();
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'j', bubbles: true }));
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 's', bubbles: true }));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(background.requests.map((request) => request.type)).toEqual(['getStates']);
    expect(host.getAttribute('data-state')).toBe('unsaved');
  });

  it('removes a tag on a chip click and puts it back with Undo', async () => {
    await background.seed(A, ['optics', 'to read']);
    renderListing(document, [{ id: A, title: 'Invented paper' }]);
    const { handle } = start();
    await handle.ready;
    const host = hosts(document, A)[0]!;
    const chip = [...rootOf(host).querySelectorAll('.chip')].find((c) => c.textContent!.startsWith('optics'))!;
    expect(chip.getAttribute('aria-label')).toBe('Remove tag optics');
    userClick(chip);
    await eventually(() => expect(chipNames(host)).toEqual(['to read']));
    expect((await background.stored(A))!.tags).toEqual(['to read']);
    const undo = rootOf(host).querySelector<HTMLButtonElement>('button.undo')!;
    expect(undo.textContent).toBe('Undo');
    userClick(undo);
    await eventually(() => expect(chipNames(host)).toEqual(['to read', 'optics']));
    expect(rootOf(host).querySelector('button.undo')).toBeNull();
  });

  it('tags an unsaved paper through "+ tag", which saves it, and shows invalid names inline', async () => {
    renderListing(document, [{ id: A, title: 'Invented paper' }]);
    const { handle } = start();
    await handle.ready;
    const host = hosts(document, A)[0]!;
    host.dispatchEvent(new Event('pointerover', { bubbles: true, composed: true }));
    const add = rootOf(host).querySelector<HTMLButtonElement>('button[data-action="tag"]')!;
    expect(add.textContent).toBe('+ tag');
    userClick(add);
    const input = rootOf(host).querySelector<HTMLInputElement>('input')!;
    expect(rootOf(host).activeElement).toBe(input);

    input.value = 'x'.repeat(65);
    userKey(input, 'Enter');
    expect(rootOf(host).querySelector('[role="alert"]')!.textContent).toMatch(/at most 64/u);
    expect(background.requestsOf('addTag')).toHaveLength(0);

    input.value = '  Lattice  Methods ';
    userKey(input, 'Enter');
    await eventually(() => expect(host.getAttribute('data-state')).toBe('saved'));
    expect(background.requestsOf('addTag')[0]!.payload).toMatchObject({ id: A, tag: 'Lattice Methods', paper: { id: A } });
    expect(chipNames(host)).toEqual(['Lattice Methods']);

    // Already-saved papers are tagged by id alone; Backspace on empty removes the last tag.
    input.value = 'optics';
    userKey(input, 'Enter');
    await eventually(() => expect(chipNames(host)).toEqual(['Lattice Methods', 'optics']));
    expect(background.requestsOf('addTag')[1]!.payload).toEqual({ id: A, tag: 'optics' });
    userKey(input, 'Backspace');
    await eventually(() => expect(chipNames(host)).toEqual(['Lattice Methods']));

    userKey(input, 'Escape');
    expect(rootOf(host).querySelector('input')).toBeNull();
    expect(rootOf(host).activeElement).toBe(rootOf(host).querySelector('button[data-action="tag"]'));
  });

  it('keeps keys typed into the tag editor away from the page', async () => {
    renderListing(document, [{ id: A, title: 'Invented paper' }]);
    const { handle } = start();
    await handle.ready;
    const seen: string[] = [];
    document.addEventListener('keydown', (event) => seen.push(event.key));
    const host = hosts(document, A)[0]!;
    host.dispatchEvent(new Event('focusin', { bubbles: true, composed: true }));
    userClick(rootOf(host).querySelector('button[data-action="tag"]')!);
    const input = rootOf(host).querySelector('input')!;
    userKey(input, 's');
    userKey(input, 'j');
    expect(seen).toEqual([]);
    expect(background.requestsOf('save')).toHaveLength(0);
  });
});

describe('page keyboard', () => {
  it('moves with j/k, saves with s and opens the tag editor with t', async () => {
    renderListing(document, [
      { id: A, title: 'First' },
      { id: B, title: 'Second' },
      { id: C, title: 'Third' },
    ]);
    const { handle } = start();
    await handle.ready;
    const overlayClass = (id: string) => rootOf(hosts(document, id)[0]!).querySelector('.overlay')?.className ?? '';

    userKey(document.body, 'j');
    expect(overlayClass(A)).toContain('current');
    userKey(document.body, 'j');
    userKey(document.body, 'j');
    userKey(document.body, 'j');
    expect(overlayClass(C)).toContain('current');
    expect(overlayClass(A)).not.toContain('current');
    userKey(document.body, 'k');
    expect(overlayClass(B)).toContain('current');

    const s = userKey(document.body, 's');
    expect(s.defaultPrevented).toBe(true);
    await eventually(() => expect(hosts(document, B)[0]!.getAttribute('data-state')).toBe('saved'));
    expect(overlayClass(B)).toBe('overlay saved current');

    const t = userKey(document.body, 't');
    expect(t.defaultPrevented).toBe(true);
    const root = rootOf(hosts(document, B)[0]!);
    expect(root.activeElement).toBe(root.querySelector('input'));
  });

  it('leaves keys alone in page fields and with modifiers', async () => {
    renderListing(document, [{ id: A, title: 'First' }]);
    const field = document.createElement('input');
    const editable = document.createElement('div');
    editable.setAttribute('contenteditable', 'true');
    const textarea = document.createElement('textarea');
    document.body.append(field, editable, textarea);
    const { handle } = start();
    await handle.ready;
    userKey(document.body, 'j');
    for (const target of [field, editable, textarea]) expect(userKey(target, 's').defaultPrevented).toBe(false);
    expect(userKey(document.body, 's', { ctrlKey: true }).defaultPrevented).toBe(false);
    expect(userKey(document.body, 's', { metaKey: true }).defaultPrevented).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(background.requestsOf('save')).toHaveLength(0);
  });
});

describe('sync', () => {
  it('applies broadcasts to every copy, matched by any alias, across tabs', async () => {
    const doi = 'doi:10.1234/invented.5678';
    renderListing(document, [
      { id: A, title: 'Kettles' },
      { id: B, title: 'Spoons' },
      { id: A, title: 'Kettles' },
      { id: doi, title: 'Kettles, journal version', aliases: [A] },
    ]);
    const { handle } = start();
    await handle.ready;
    await background.seed(A, ['cross-site'], [A, doi]);
    expect(hosts(document).map((h) => h.getAttribute('data-state'))).toEqual(['saved', 'unsaved', 'saved', 'saved']);
    expect(chipNames(hosts(document, doi)[0]!)).toEqual(['cross-site']);
  });

  it('does not let a slower answer undo a newer broadcast', async () => {
    renderListing(document, [{ id: A, title: 'Kettles' }]);
    const { handle } = start();
    await handle.ready;
    // The background writes "first" and broadcasts it at once, but its answer to this tab (the
    // state with "first") is slow to arrive.
    background.delays.addTag = 60;
    const host = hosts(document, A)[0]!;
    userKey(document.body, 'j');
    userKey(document.body, 't');
    const input = rootOf(host).querySelector('input')!;
    input.value = 'first';
    userKey(input, 'Enter');
    await eventually(() => expect(chipNames(host)).toEqual(['first']));
    // Another tab replaces the tags while our answer is still on its way: the newer broadcast.
    await background.write('setTags', { id: A, tags: ['from another tab'] });
    expect(chipNames(host)).toEqual(['from another tab']);
    // The answer computed before that write arrives now, and must not put "first" back.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(background.requestsOf('addTag')).toHaveLength(1);
    expect(chipNames(host)).toEqual(['from another tab']);
    expect((await background.stored(A))!.tags).toEqual(['from another tab']);
  });

  it('shows why a save is refused when the entry’s ids are two saved papers, and keeps it unsaved (issue 14)', async () => {
    const doi = 'doi:10.9999/kettles';
    renderListing(document, [{ id: A, title: 'Kettles', aliases: [doi] }]);
    const { handle } = start();
    await handle.ready;
    // Saved apart in other tabs, while this one heard nothing.
    background.muted = true;
    await background.seed(A);
    await background.seed(doi);
    userClick(saveButton(hosts(document, A)[0]!));
    await eventually(() =>
      expect(rootOf(hosts(document, A)[0]!).querySelector('.note.error')?.textContent).toBe(
        `This entry ("${A}") would join two papers of your list into one: "${A}" and "${doi}". Nothing was saved; if they are the same paper, remove one of them and save again.`,
      ),
    );
    expect(background.requestsOf('save')).toHaveLength(1);
    expect(hosts(document, A)[0]!.getAttribute('data-state')).toBe('unsaved');
    expect(await background.db.papers.count()).toBe(2);
  });

  it('catches up on visibilitychange and pageshow after missed broadcasts', async () => {
    renderListing(document, [{ id: A, title: 'Kettles' }, { id: B, title: 'Spoons' }]);
    const { handle } = start();
    await handle.ready;
    background.muted = true;
    await background.seed(A, ['while hidden']);
    expect(hosts(document, A)[0]!.getAttribute('data-state')).toBe('unsaved');
    document.dispatchEvent(new Event('visibilitychange'));
    await eventually(() => expect(hosts(document, A)[0]!.getAttribute('data-state')).toBe('saved'));
    expect(background.requestsOf('getStates')).toHaveLength(2);

    await background.write('unsave', { id: A });
    const pageshow = new Event('pageshow') as PageTransitionEvent;
    Object.defineProperty(pageshow, 'persisted', { value: true });
    window.dispatchEvent(pageshow);
    await eventually(() => expect(hosts(document, A)[0]!.getAttribute('data-state')).toBe('unsaved'));
    expect(background.requestsOf('getStates')).toHaveLength(3);
  });
});

describe('dynamic pages', () => {
  it('annotates entries added later once, with one getStates per re-scan, ignoring its own hosts', async () => {
    const list = renderListing(document, madeUpPapers(3));
    const { handle, adapter } = start({ dynamic: true });
    await handle.ready;
    await new Promise((resolve) => setTimeout(resolve, 120));
    // Inserting our own hosts must not trigger re-scans.
    expect(adapter.calls).toBe(1);

    const more = madeUpPapers(5, '2602');
    renderListing(document, more.slice(0, 3), list);
    const extra = document.createElement('div');
    document.body.append(extra);
    renderListing(document, more.slice(3), extra);
    await eventually(() => expect(hosts(document)).toHaveLength(8));
    expect(background.requestsOf('getStates')).toHaveLength(2);
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(hosts(document)).toHaveLength(8);
    for (const item of document.querySelectorAll('li.paper')) expect(item.querySelectorAll('shelfmark-entry')).toHaveLength(1);
  });

  it('re-annotates an entry whose host the page removed, and re-scans on client-side navigation', async () => {
    renderListing(document, madeUpPapers(2));
    const { handle } = start({ dynamic: true });
    await handle.ready;
    hosts(document)[0]!.remove();
    await eventually(() => expect(hosts(document)).toHaveLength(2));

    // A client-side navigation: new URL, the list replaced.
    history.pushState({}, '', '/list/cs.XX/pastweek');
    document.body.replaceChildren();
    renderListing(document, madeUpPapers(4, '2603'));
    await eventually(() => expect(hosts(document).map((h) => h.getAttribute('data-state'))).toEqual(Array(4).fill('unsaved')));
  });
});

describe('destroy', () => {
  it('removes every host, listener and observer it added', async () => {
    await background.seed(A, ['kept']);
    renderListing(document, [{ id: A, title: 'Kettles' }, { id: B, title: 'Spoons' }]);
    const { handle, adapter } = start({ dynamic: true });
    await handle.ready;
    userKey(document.body, 'j');
    const before = document.body.cloneNode(true) as HTMLElement;
    handle.destroy();

    expect(hosts(document)).toHaveLength(0);
    expect(document.documentElement.hasAttribute('data-shelfmark')).toBe(false);
    expect(background.listenerCount()).toBe(0);
    expect(before.querySelectorAll('shelfmark-entry')).toHaveLength(2);

    const requests = background.requests.length;
    const calls = adapter.calls;
    userKey(document.body, 's');
    userKey(document.body, 'j');
    document.dispatchEvent(new Event('visibilitychange'));
    renderListing(document, madeUpPapers(2));
    await background.seed(B);
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(background.requests.length).toBe(requests);
    expect(adapter.calls).toBe(calls);
    expect(hosts(document)).toHaveLength(0);
  });
});

describe('trusted helper', () => {
  it('is needed: happy-dom events are untrusted by default', () => {
    expect(new Event('click').isTrusted).not.toBe(true);
    expect(trusted(new Event('click')).isTrusted).toBe(true);
  });
});
