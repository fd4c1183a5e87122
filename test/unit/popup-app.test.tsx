// The popup rendered by Preact into happy-dom over a fake-indexeddb database. Its requests go
// through runtime messaging to the real router and handlers (extension-kit.ts), so what the
// popup sends is checked and written as the background does it, and liveQuery brings it back.
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ShelfmarkDB } from '../../src/db/schema';
import { toBackupJson } from '../../src/formats/backup';
import { parseBibtex } from '../../src/formats/bibtex-import';
import { App } from '../../src/popup/components/App';
import { PopupController } from '../../src/popup/controller';
import { startBackground, type Background } from './extension-kit';
import { samplePaper, sampleTag } from './format-samples';

let background: Background;
let db: ShelfmarkDB;
let controller: PopupController;
let root: HTMLElement;
let opened: string[];
const request = ((...args: Parameters<Background['request']>) => background.request(...args)) as Background['request'];
const shareFile = (file: Blob) => background.shareFile(file);
/** The requests the popup sent, in order. */
const calls = {
  get list() {
    return background.requests();
  },
};

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200; i += 1) {
    if (check()) return;
    await act(() => new Promise((resolve) => setTimeout(resolve, 10)));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const rows = () => [...root.querySelectorAll<HTMLLIElement>('li.row')];
const titles = () => rows().map((row) => row.querySelector('.title')!.textContent);
const button = (text: string) => [...root.querySelectorAll('button')].find((b) => b.textContent?.trim() === text)!;

async function mount(papers = [samplePaper()]): Promise<void> {
  await db.papers.bulkPut(papers);
  controller = new PopupController({
    db,
    request,
    openTab: (url) => opened.push(url),
    parseBibtex: async (text: string) => parseBibtex(text),
    shareFile,
    noteDelayMs: 30,
  });
  controller.start();
  await act(() => render(<App controller={controller} getSuggestions={async () => []} />, root));
  await until(() => controller.state.loaded, 'the first liveQuery result');
}

function type(input: HTMLInputElement | HTMLTextAreaElement, value: string) {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

function press(key: string, target: EventTarget = document.body): void {
  target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
}

beforeEach(() => {
  background = startBackground();
  db = background.db;
  opened = [];
  root = document.createElement('div');
  root.id = 'app';
  document.body.append(root);
});

afterEach(async () => {
  await act(() => render(null, root));
  controller?.stop();
  root.remove();
  vi.unstubAllGlobals();
});

describe('popup', () => {
  it('explains how to save the first paper when the list is empty', async () => {
    await mount([]);
    expect(root.querySelector('h1')!.textContent).toBe('Shelfmark');
    expect(root.textContent).toContain('Your reading list is empty');
    expect(root.textContent).toContain('Save');
  });

  it('renders only a window of rows for a long list, and shows later saves live', async () => {
    const papers = Array.from({ length: 600 }, (_, i) => samplePaper({ title: `Generated ${i}`, savedAt: i }));
    await mount(papers);
    await until(() => rows().length > 0, 'rows');
    expect(rows().length).toBeLessThan(30);
    expect(titles()[0]).toBe('Generated 599');
    expect(root.querySelector('.rows')!.getAttribute('style')).toContain(`height: ${600 * 84}px`);
    await db.papers.put(samplePaper({ title: 'Saved in another tab', savedAt: 10_000 }));
    await until(() => titles()[0] === 'Saved in another tab', 'the new paper');
  }, 20_000);

  it('shortens long author lists and shows tags and status', async () => {
    await mount([samplePaper({ authors: ['A One', 'B Two', 'C Three', 'D Four', 'E Five'], tags: ['optics'], tagKeys: ['optics'], status: 'reading' })]);
    expect(root.querySelector('.authors')!.textContent).toBe('A One, B Two, C Three, … +2');
    expect(root.querySelector('.chips .chip')!.textContent).toBe('optics');
    expect(root.querySelector<HTMLSelectElement>('select.status')!.value).toBe('reading');
  });

  it('shows the list when one stored record has a date beyond the Date range (issue 14)', async () => {
    // Written before times were bounded at the schema: it must not blank every other row.
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await mount([samplePaper({ title: 'Dated past the end of time', savedAt: 1e300 }), samplePaper({ title: 'Ordinary' })]);
    expect([...titles()].sort()).toEqual(['Dated past the end of time', 'Ordinary']);
    expect(rows()[0]!.querySelector('time.saved')?.getAttribute('datetime') ?? '').toBe('');
  });

  it('shows the first screen read ahead (papers and tag colours) before it builds its database, then the whole list', async () => {
    const papers = [samplePaper({ title: 'Newest', tags: ['Optics'], tagKeys: ['optics'], savedAt: 2 }), samplePaper({ title: 'Older', savedAt: 1 })];
    await db.papers.bulkPut(papers);
    let dbUsed = 0;
    controller = new PopupController({
      get db() {
        dbUsed += 1;
        return db;
      },
      request,
      openTab: (url) => opened.push(url),
      parseBibtex: async (text: string) => parseBibtex(text),
      firstScreen: Promise.resolve({ papers: [papers[0]!], tags: [sampleTag('Optics', '#123456')] }),
    });
    await controller.start();
    await act(() => render(<App controller={controller} getSuggestions={async () => []} />, root));
    expect(dbUsed).toBe(0);
    expect(titles()).toEqual(['Newest']);
    expect(rows()[0]!.getAttribute('aria-setsize')).toBe('-1');
    expect(root.querySelector<HTMLElement>('.chips .chip')!.style.getPropertyValue('--chip')).toBe('#123456');
    await until(() => controller.state.loaded, 'the whole list');
    expect(dbUsed).toBeGreaterThan(0);
    expect(titles()).toEqual(['Newest', 'Older']);
  });

  it('searches as you type with title matches first, and filters by tags (all) and status', async () => {
    await mount([
      samplePaper({ title: 'Unrelated', abstract: 'brindlecorn brindlecorn brindlecorn', tags: ['a', 'b'], tagKeys: ['a', 'b'], savedAt: 3 }),
      samplePaper({ title: 'Brindlecorn Dynamics', tags: ['a'], tagKeys: ['a'], status: 'done', savedAt: 2 }),
      samplePaper({ title: 'Other', savedAt: 1 }),
    ]);
    const search = root.querySelector<HTMLInputElement>('input[type=search]')!;
    await act(() => type(search, 'brindle'));
    // At once from titles, authors, tags and notes; abstracts join when typing pauses.
    expect(titles()).toEqual(['Brindlecorn Dynamics']);
    await until(() => titles().length === 2, 'abstract matches');
    expect(titles()).toEqual(['Brindlecorn Dynamics', 'Unrelated']);
    await act(() => type(search, ''));
    const tagButton = (name: string) => [...root.querySelectorAll<HTMLButtonElement>('.tag-filter button')].find((b) => b.textContent!.startsWith(name))!;
    expect(tagButton('a').textContent).toBe('a 2');
    await act(() => tagButton('a').click());
    expect(titles()).toEqual(['Unrelated', 'Brindlecorn Dynamics']);
    await act(() => tagButton('b').click());
    expect(titles()).toEqual(['Unrelated']);
    await act(() => button('Clear filters').click());
    const status = root.querySelector<HTMLSelectElement>('select[aria-label="Filter by status"]')!;
    status.value = 'done';
    await act(() => void status.dispatchEvent(new Event('change', { bubbles: true })));
    expect(titles()).toEqual(['Brindlecorn Dynamics']);
  });

  it('moves with j/k, cycles status with s, and opens the abstract with Enter', async () => {
    const [first, second] = [samplePaper({ title: 'First', savedAt: 2 }), samplePaper({ title: 'Second', savedAt: 1 })];
    await mount([first!, second!]);
    await act(() => press('j'));
    expect(controller.state.selectedId).toBe(second!.id);
    await act(() => press('s'));
    await until(() => root.querySelector('li.selected select.status')?.getAttribute('class')?.includes('status-reading') ?? false, 'status reading');
    expect((await db.papers.get(second!.id))!.status).toBe('reading');
    await act(() => press('k'));
    await act(() => press('Enter'));
    expect(opened).toEqual([first!.absUrl]);
    await act(() => press('/'));
    expect(document.activeElement).toBe(root.querySelector('input[type=search]'));
  });

  it('adds tags with the shared tag editor (t) and removes them from the chips', async () => {
    const paper = samplePaper();
    await mount([paper]);
    await act(() => press('t'));
    const input = root.querySelector<HTMLInputElement>('.sm-tag-input')!;
    expect(document.activeElement).toBe(input);
    input.value = 'Field Notes';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await act(() => void input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true })));
    await until(() => root.querySelector('.row-main .chips .chip')?.textContent === 'Field Notes', 'the new chip');
    expect((await db.papers.get(paper.id))!.tags).toEqual(['Field Notes']);
    await act(() => button('×').click());
    await until(() => root.querySelector('.row-main .chips .chip') === null, 'the chip to go');
    expect((await db.papers.get(paper.id))!.tags).toEqual([]);
  });

  it('saves notes as you type, once per pause', async () => {
    const paper = samplePaper();
    await mount([paper]);
    await act(() => button('Notes').click());
    const notes = root.querySelector<HTMLTextAreaElement>('textarea')!;
    await act(() => type(notes, 'f'));
    await act(() => type(notes, 'fi'));
    await act(() => type(notes, 'first thoughts'));
    await until(() => calls.list.some((c) => c.type === 'setNote'), 'the note request');
    await until(() => controller.state.drafts.size === 0, 'the draft to settle');
    expect(calls.list.filter((c) => c.type === 'setNote').map((c) => c.payload)).toEqual([{ id: paper.id, note: 'first thoughts' }]);
    expect((await db.papers.get(paper.id))!.note).toBe('first thoughts');
  });

  it('paints the newest papers first, of a list whose size is not known yet, then the whole list', async () => {
    const papers = Array.from({ length: 30 }, (_, i) => samplePaper({ title: `Paper ${i}`, savedAt: 1_000 + i }));
    await db.papers.bulkPut(papers);
    controller = new PopupController({ db, request, openTab: () => undefined, parseBibtex: async (text: string) => parseBibtex(text), shareFile });
    // What index.tsx does: render once the first screen is read, so the first frame has rows.
    await controller.start();
    await act(() => render(<App controller={controller} getSuggestions={async () => []} />, root));
    expect(controller.state.loaded).toBe(false);
    expect(titles().slice(0, 3)).toEqual(['Paper 29', 'Paper 28', 'Paper 27']);
    expect(rows().length).toBeLessThanOrEqual(8);
    // Counting would walk the whole store: until every paper is read, the size is unknown (-1).
    expect(new Set(rows().map((row) => row.getAttribute('aria-setsize')))).toEqual(new Set(['-1']));
    await until(() => controller.state.loaded, 'the whole list');
    expect(rows()[0]!.getAttribute('aria-setsize')).toBe('30');
    expect(titles()[0]).toBe('Paper 29');
  });

  it('removes with Delete and puts the paper back, every field intact, with Undo', async () => {
    const paper = samplePaper({ title: 'Keep me', tags: ['x'], tagKeys: ['x'], note: 'mine', status: 'done' });
    await mount([paper]);
    await act(() => press('Delete'));
    await until(() => rows().length === 0, 'removal');
    expect(root.querySelector('.toast')!.textContent).toContain('Removed “Keep me”');
    await act(() => button('Undo').click());
    await until(() => titles()[0] === 'Keep me', 'the paper to come back');
    const back = await db.papers.get(paper.id);
    expect({ ...back, updatedAt: 0 }).toEqual({ ...paper, updatedAt: 0 });
  });

  it('exports what is shown and imports a backup with a report', async () => {
    const papers = [samplePaper({ title: 'One', tags: ['t'], tagKeys: ['t'] }), samplePaper({ title: 'Two' })];
    await mount(papers);
    const search = root.querySelector<HTMLInputElement>('input[type=search]')!;
    await act(() => type(search, 'one'));
    expect(JSON.parse(controller.exportFile('backup', 'shown').text).papers.map((p: { title: string }) => p.title)).toEqual(['One']);
    expect(controller.exportFile('bibtex', 'all').text.match(/^@misc\{/gmu)).toHaveLength(2);

    const backup = toBackupJson([samplePaper({ title: 'Imported' })], [], db.verno);
    const file = new File([backup], 'backup.json', { type: 'application/json' });
    await act(() => controller.importFile(file));
    expect(root.querySelector('.import-report')!.textContent).toContain('1 added, 0 updated, 0 unchanged');
    // The backup went over unread, as a URL the background read, and was released after.
    expect(calls.list.filter((c) => c.type.startsWith('import'))).toEqual([{ type: 'importBackup', payload: { url: expect.stringMatching(/^blob:/u) } }]);
    expect(background.shared.size).toBe(0);
    await act(() => type(search, ''));
    await until(() => titles().includes('Imported'), 'the imported paper');
  });

  it('shows a clear error for a damaged file and changes nothing', async () => {
    await mount([samplePaper()]);
    const before = await db.papers.toArray();
    const damaged = toBackupJson([samplePaper()], [], db.verno).slice(0, 200);
    await act(() => controller.importFile(new File([damaged], 'cut.json')));
    // Checked by the background (importBackup), whose words the popup shows as they are.
    expect(root.querySelector('.import-error')!.textContent).toMatch(/^This is not a valid JSON file .*Was it cut short\?$/u);
    expect(calls.list.some((c) => c.type === 'importPapers')).toBe(false);
    expect(background.shared.size).toBe(0);
    expect(await db.papers.toArray()).toEqual(before);
    const requestsBefore = calls.list.length;
    const huge = { name: 'huge.bib', size: 60 * 1024 * 1024, text: vi.fn(), slice: vi.fn() };
    await act(() => controller.importFile(huge as unknown as File));
    expect(root.querySelector('.import-error')!.textContent).toMatch(/up to 50 MB/u);
    expect(huge.text).not.toHaveBeenCalled();
    expect(huge.slice).not.toHaveBeenCalled();
    expect(calls.list).toHaveLength(requestsBefore);
  });
});
