// A full disk (issue 14): IndexedDB refuses a write with QuotaExceededError. Everywhere a write
// can start (a page, the popup, an import) the user reads "Your browser's storage for Shelfmark
// is full …", nothing is half-written, and nothing is retried that cannot succeed. The writes
// fail inside Dexie (db-kit's diskOf), below the real handlers, router and UI code.
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { barRootOf } from '../../src/content/bulk-bar';
import { startContent, type ContentHandle } from '../../src/content/controller';
import { toBackupJson } from '../../src/formats/backup';
import { App } from '../../src/popup/components/App';
import { PopupController } from '../../src/popup/controller';
import { parseBibtexInWorker } from '../../src/popup/bibtex-in-worker';
import { STORAGE_FULL } from '../../src/shared/refused';
import { eventually, fakeAdapter, hosts, renderListing, rootOf, saveButton, TestBackground, userClick, userKey } from './content-kit';
import { arxivPaper, diskOf } from './db-kit';
import { startBackground, type Background } from './extension-kit';
import { contentScriptSender, deliverMessage, resetFakeBrowser } from './fake-browser';
import { samplePaper, sampleTag } from './format-samples';
import { fakeBibtexWorkers } from './worker-kit';

async function until(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200; i += 1) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('timed out');
}

const envelope = (type: string, payload: unknown) => ({ shelfmark: 1, type, payload });
const FULL = { ok: false, error: STORAGE_FULL, refused: true };

describe('the background answers a full disk as a refusal, with nothing half-written', () => {
  let background: Background;
  let disk: ReturnType<typeof diskOf>;

  beforeEach(async () => {
    background = startBackground();
    disk = diskOf(background.db);
    await background.request('save', { paper: arxivPaper(1) });
    await background.request('setTags', { id: arxivPaper(1).id, tags: ['kept'] });
  });

  async function contents() {
    return { papers: await background.db.papers.toArray(), tags: await background.db.tags.toArray() };
  }

  it.each<[string, string, unknown, number]>([
    ['a save from a page', 'save', { paper: arxivPaper(2) }, 0],
    ['a tag that saves a paper (the tag is written first)', 'addTag', { id: arxivPaper(2).id, tag: 'new', paper: arxivPaper(2) }, 1],
    ['a bulk save of five papers, the third write failing', 'bulkSave', { papers: [2, 3, 4, 5, 6].map((n) => arxivPaper(n)) }, 2],
    ['a bulk save with a new tag', 'bulkSave', { papers: [2, 3, 4].map((n) => arxivPaper(n)), tag: 'fresh' }, 2],
  ])('%s', async (_what, type, payload, after) => {
    const before = await contents();
    disk.full = true;
    disk.after = after;
    expect(await deliverMessage(envelope(type, payload), contentScriptSender(4))).toEqual(FULL);
    // The write that failed came after others in the same transaction: they rolled back.
    expect(disk.writes).toBe(after + 1);
    disk.full = false;
    expect(await contents()).toEqual(before);
  });

  it.each<[string, () => unknown, number]>([
    ['a BibTeX batch (its tags written, then its papers fail)', () => ({ papers: [arxivPaper(7), arxivPaper(8)], tags: [{ name: 'from-file' }] }), 1],
    ['a backup batch', () => ({ papers: [{ ...samplePaper(), savedAt: 5, updatedAt: 5 }], tags: [] }), 0],
  ])('an import of %s', async (_what, payload, after) => {
    const before = await contents();
    disk.full = true;
    disk.after = after;
    await expect(background.request('importPapers', payload() as never)).rejects.toThrow(STORAGE_FULL);
    disk.full = false;
    expect(await contents()).toEqual(before);
  });

  it('an import of a backup file, read by the background', async () => {
    const before = await contents();
    const file = background.shareFile(new Blob([toBackupJson([samplePaper({ tags: ['Graphs'], tagKeys: ['graphs'] }), samplePaper()], [sampleTag('Graphs', '#16a34a')], background.db.verno)]));
    disk.full = true;
    disk.after = 1;
    await expect(background.request('importBackup', { url: file.url })).rejects.toThrow(STORAGE_FULL);
    disk.full = false;
    expect(await contents()).toEqual(before);
  });
});

describe('a page says so, and does not retry', () => {
  const A = 'arxiv:2601.00001';
  const B = 'arxiv:2601.00002';
  let background: TestBackground;
  let disk: ReturnType<typeof diskOf>;
  let handle: ContentHandle;

  beforeEach(async () => {
    resetFakeBrowser();
    document.documentElement.removeAttribute('data-shelfmark');
    document.body.replaceChildren();
    background = new TestBackground();
    disk = diskOf(background.db);
    renderListing(document, [
      { id: A, title: 'Invented paper on kettles' },
      { id: B, title: 'Invented paper on spoons' },
    ]);
    handle = startContent({ adapter: fakeAdapter(), transport: background.transport() });
    await handle.ready;
  });

  afterEach(() => handle.destroy());

  const noteOf = (id: string) => rootOf(hosts(document, id)[0]!).querySelector('.note.error')?.textContent;

  it('on a save: the entry shows the message, stays unsaved, and the request went once', async () => {
    disk.full = true;
    userClick(saveButton(hosts(document, A)[0]!));
    await eventually(() => expect(noteOf(A)).toBe(STORAGE_FULL));
    expect(background.requestsOf('save')).toHaveLength(1);
    expect(hosts(document, A)[0]!.getAttribute('data-state')).toBe('unsaved');
    expect(await background.db.papers.count()).toBe(0);

    // Room again: the same click saves.
    disk.full = false;
    userClick(saveButton(hosts(document, A)[0]!));
    await eventually(() => expect(hosts(document, A)[0]!.getAttribute('data-state')).toBe('saved'));
  });

  it('in the tag editor', async () => {
    const host = hosts(document, A)[0]!;
    host.dispatchEvent(new Event('pointerover', { bubbles: true, composed: true }));
    userClick(rootOf(host).querySelector<HTMLButtonElement>('button[data-action="tag"]')!);
    const input = rootOf(host).querySelector<HTMLInputElement>('input')!;
    disk.full = true;
    input.value = 'later';
    userKey(input, 'Enter');
    await eventually(() => expect(rootOf(host).querySelector('[role="alert"]')!.textContent).toBe(STORAGE_FULL));
    expect(background.requestsOf('addTag')).toHaveLength(1);
    expect(host.getAttribute('data-state')).toBe('unsaved');
  });

  it('when putting back a removed tag', async () => {
    await background.seed(A, ['optics']);
    const host = hosts(document, A)[0]!;
    await eventually(() => expect(rootOf(host).querySelector('.chip')).not.toBeNull());
    userClick(rootOf(host).querySelector('.chip')!);
    await eventually(() => expect(rootOf(host).querySelector('button.undo')).not.toBeNull());
    await until(async () => (await background.stored(A))!.tags.length === 0);
    disk.full = true;
    userClick(rootOf(host).querySelector('button.undo')!);
    await eventually(() => expect(noteOf(A)).toBe(STORAGE_FULL));
    expect(background.requestsOf('addTag')).toHaveLength(1);
  });

  it('in the bulk bar, for a bulk save and for its undo', async () => {
    const bar = () => barRootOf(document.querySelector('shelfmark-bar')!)!;
    userKey(document.body, 'j');
    userKey(document.body, 'x');
    userKey(document.body, 'j');
    userKey(document.body, 'x');
    disk.full = true;
    disk.after = 1;
    userKey(document.body, 's');
    await eventually(() => expect(bar().querySelector('.note.error')?.textContent).toBe(STORAGE_FULL));
    expect(background.requestsOf('bulkSave')).toHaveLength(1);
    expect(await background.db.papers.count()).toBe(0);

    // Room again: the selection is still there, and `s` saves it.
    disk.full = false;
    userKey(document.body, 's');
    await eventually(() => expect(hosts(document, B)[0]!.getAttribute('data-state')).toBe('saved'));
    disk.full = true;
    disk.writes = 0;
    disk.after = 0;
    userKey(document.body, 'z');
    await eventually(() => expect(bar().querySelector('.note.error')?.textContent).toBe(STORAGE_FULL));
    expect(hosts(document, B)[0]!.getAttribute('data-state')).toBe('saved');
  });
});

describe('the popup says so', () => {
  let background: Background;
  let disk: ReturnType<typeof diskOf>;
  let controller: PopupController;
  let root: HTMLElement;
  const paper = samplePaper({ title: 'Kept as it was' });

  beforeEach(async () => {
    background = startBackground();
    disk = diskOf(background.db);
    await background.db.papers.put(paper);
    root = document.createElement('div');
    document.body.append(root);
    controller = new PopupController({
      db: background.db,
      request: background.request,
      openTab: () => undefined,
      parseBibtex: (text) => parseBibtexInWorker(text, fakeBibtexWorkers().start),
      shareFile: background.shareFile,
      noteDelayMs: 10,
    });
    controller.start();
    await act(() => render(<App controller={controller} getSuggestions={async () => []} />, root));
    for (let i = 0; i < 100 && !controller.state.loaded; i += 1) await act(() => new Promise((resolve) => setTimeout(resolve, 10)));
  });

  afterEach(() => {
    controller.stop();
    render(null, root);
    root.remove();
  });

  const toast = () => root.querySelector('.toast')?.textContent ?? '';

  it('when a status change is refused, and the paper keeps its status', async () => {
    disk.full = true;
    await act(async () => {
      await controller.setStatus(paper.id, 'done');
    });
    expect(toast()).toContain(`Could not change the status: ${STORAGE_FULL}`);
    expect((await background.db.papers.get(paper.id))!.status).toBe('unread');
  });

  it('when a note cannot be stored, keeping what was typed', async () => {
    disk.full = true;
    await act(() => controller.editNote(paper.id, 'typed while the disk was full'));
    for (let i = 0; i < 200 && toast() === ''; i += 1) await act(() => new Promise((resolve) => setTimeout(resolve, 10)));
    expect(toast()).toContain(`Could not save the note: ${STORAGE_FULL}`);
    expect(controller.state.drafts.get(paper.id)).toBe('typed while the disk was full');
    expect(background.requests().filter((r) => r.type === 'setNote')).toHaveLength(1);
    expect((await background.db.papers.get(paper.id))!.note).toBe('');
  });

  it.each([
    ['a BibTeX file', 'refs.bib', '@misc{k, title={Invented}, eprint={2408.00042}, archivePrefix={arXiv}, keywords={fresh}}'],
    ['a backup', 'backup.json', toBackupJson([samplePaper({ tags: ['Fresh'], tagKeys: ['fresh'] })], [], 9)],
  ])('when %s cannot be imported, in the import notice, and nothing is written', async (_what, name, text) => {
    const before = await background.db.papers.toArray();
    disk.full = true;
    disk.after = 1;
    await act(() => controller.importFile(new File([text], name)));
    expect(root.querySelector('.import-error')!.textContent).toBe(STORAGE_FULL);
    disk.full = false;
    expect(await background.db.papers.toArray()).toEqual(before);
    expect(await background.db.tags.count()).toBe(0);
  });
});
