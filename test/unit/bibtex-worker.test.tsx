// BibTeX is parsed in a dedicated worker (issue 14: a 50,000-entry file froze the popup for many
// seconds). Here the real client (parseBibtexInWorker) and the worker's real code (serveBibtex with
// the real parser) talk through an in-thread stand-in for the worker (worker-kit.ts); that the
// built worker starts and is used in real Chromium and Firefox is in test/e2e/popup.test.mjs.
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseBibtex } from '../../src/formats/bibtex-import';
import { parseBibtexInWorker } from '../../src/popup/bibtex-in-worker';
import { App } from '../../src/popup/components/App';
import { PopupController } from '../../src/popup/controller';
import { Refused } from '../../src/shared/refused';
import { startBackground, type Background } from './extension-kit';
import { fakeBibtexWorkers } from './worker-kit';

const BIB = '@misc{doe2024, title={An Invented {BibTeX} Entry}, author={Doe, Jo}, eprint={2408.00042}, archivePrefix={arXiv}}';

describe('parseBibtexInWorker', () => {
  it('answers what the parser makes of the file, and ends the worker', async () => {
    const workers = fakeBibtexWorkers();
    expect(await parseBibtexInWorker(BIB, workers.start)).toEqual(parseBibtex(BIB));
    expect(workers.jobs).toEqual([{ text: BIB }]);
    expect([workers.started, workers.terminated]).toEqual([1, 1]);
  });

  it('passes a refusal on as the same Refused, its words unchanged', async () => {
    const workers = fakeBibtexWorkers();
    const text = '@article{x, title = nosuch, eprint = {2401.01234}}';
    const error = await parseBibtexInWorker(text, workers.start).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Refused);
    expect((error as Error).message).toBe('This BibTeX file is damaged: Unresolved @string reference "nosuch".');
    expect(workers.terminated).toBe(1);
  });

  it('says once that the reader failed when the parser throws something unexpected', async () => {
    const workers = fakeBibtexWorkers({
      parse: () => {
        throw new TypeError('x is undefined');
      },
    });
    const error = await parseBibtexInWorker(BIB, workers.start).catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(Refused);
    expect((error as Error).message).toBe('The BibTeX reader failed: x is undefined');
  });

  it('says so when the worker cannot start', async () => {
    const notLoaded = fakeBibtexWorkers({ failToStart: '' });
    await expect(parseBibtexInWorker(BIB, notLoaded.start)).rejects.toThrow(/^The BibTeX reader did not start\.$/u);
    expect(notLoaded.terminated).toBe(1);
    await expect(
      parseBibtexInWorker(BIB, () => {
        throw new DOMException('Access to the script is denied', 'SecurityError');
      }),
    ).rejects.toThrow(/^The BibTeX reader did not start \(Access to the script is denied\)\.$/u);
  });
});

describe('the popup imports BibTeX through the worker', () => {
  let background: Background;
  let root: HTMLElement;
  let controller: PopupController;

  beforeEach(() => {
    background = startBackground();
    root = document.createElement('div');
    document.body.append(root);
  });

  afterEach(() => {
    controller.stop();
    render(null, root);
    root.remove();
  });

  async function mount(workers: ReturnType<typeof fakeBibtexWorkers>) {
    controller = new PopupController({
      db: background.db,
      request: background.request,
      openTab: () => undefined,
      parseBibtex: (text) => parseBibtexInWorker(text, workers.start),
      shareFile: background.shareFile,
    });
    controller.start();
    await act(() => render(<App controller={controller} getSuggestions={async () => []} />, root));
  }

  it('adds the file’s papers', async () => {
    const workers = fakeBibtexWorkers();
    await mount(workers);
    await act(() => controller.importFile(new File([BIB], 'refs.bib')));
    expect(root.querySelector('.import-report')!.textContent).toContain('1 added, 0 updated, 0 unchanged');
    expect(workers.started).toBe(1);
    expect((await background.db.papers.get('arxiv:2408.00042'))?.title).toBe('An Invented BibTeX Entry');
  });

  it.each([
    ['a damaged file', fakeBibtexWorkers(), '@article{x, title={B', 'This BibTeX file is damaged: Unterminated brace-value "B" at line 1, column 21 in "article".'],
    [
      'a @string bomb',
      fakeBibtexWorkers(),
      ['@string{s0 = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}', ...Array.from({ length: 30 }, (_, i) => `@string{s${i + 1} = s${i} # s${i}}`), '@misc{k, title = s30}'].join('\n'),
      'This BibTeX file\'s @string abbreviations refer to each other so that the text multiplies: "s20" alone stands for 69 million characters, more than the 50 MB Shelfmark reads from one file.',
    ],
    ['a reader that did not start', fakeBibtexWorkers({ failToStart: '' }), BIB, 'The import failed: The BibTeX reader did not start.'],
  ])('shows %s in one sentence with no prefix twice, and writes nothing', async (_what, workers, text, message) => {
    await mount(workers);
    await act(() => controller.importFile(new File([text], 'refs.bib')));
    expect(root.querySelector('.import-error')!.textContent).toBe(message);
    expect(background.requests().filter((r) => r.type.startsWith('import'))).toEqual([]);
    expect(await background.db.papers.count()).toBe(0);
  });
});
