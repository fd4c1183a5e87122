// CSL-JSON and PaperMemory imports: parsed in the popup, merged by the real background (router and
// handlers over fake-indexeddb), with the same report and "a bad file changes nothing".
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { toCslJson } from '../../src/formats/csl-json';
import { parseCslJson } from '../../src/formats/csl-json-import';
import { looksLikeBackup, parseImportFile } from '../../src/formats/import-file';
import { parsePaperMemory } from '../../src/formats/papermemory-import';
import { startBackground, type Background } from './extension-kit';
import { samplePaper } from './format-samples';

const noBibtex = async () => {
  throw new Error('not BibTeX');
};

let bg: Background;
beforeEach(() => {
  bg = startBackground();
});
afterEach(() => vi.unstubAllGlobals());

async function importText(text: string) {
  const batch = await parseImportFile(text, bg.db.verno, noBibtex);
  return { batch, report: await bg.request('importPapers', { papers: batch.papers, tags: batch.tags } as never) };
}

describe('CSL-JSON import', () => {
  it('round-trips our own CSL-JSON export: same papers, authors, dates, tags and notes', async () => {
    const papers = [
      samplePaper({ title: 'Invented Lattice Study', authors: ['Ada M. Placeholder', 'Jan van der Berg', 'Consortium'], tags: ['optics', 'To Read'], tagKeys: ['optics', 'to read'], note: 'check eq. 3', date: '2024-03-07' }),
      samplePaper({ id: 'doi:10.9999/invented.42', aliases: ['doi:10.9999/invented.42'], absUrl: 'https://doi.org/10.9999/invented.42', journalRef: 'Journal of Made-up Results', date: '2021' }),
    ];
    const { batch, report } = await importText(toCslJson(papers));
    expect(batch.format).toBe('csl-json');
    expect(batch.skipped).toEqual([]);
    expect(report).toMatchObject({ added: 2, updated: 0 });
    const [a, b] = [await bg.db.papers.get(papers[0]!.id), await bg.db.papers.get(papers[1]!.id)];
    expect(a).toMatchObject({ title: 'Invented Lattice Study', authors: ['Ada M. Placeholder', 'Jan van der Berg', 'Consortium'], tags: ['optics', 'To Read'], note: 'check eq. 3', date: '2024-03-07' });
    expect(b).toMatchObject({ title: papers[1]!.title, journalRef: 'Journal of Made-up Results', date: '2021' });
    // And again: nothing changes.
    expect((await importText(toCslJson(papers))).report).toMatchObject({ added: 0, updated: 0, unchanged: 2 });
  });

  it('keeps a tag holding a comma or semicolon whole through our own export', async () => {
    const paper = samplePaper({ tags: ['optics, nonlinear', 'to read; soon', 'plain'], tagKeys: ['optics, nonlinear', 'to read; soon', 'plain'] });
    const exported = JSON.parse(toCslJson([paper])) as { keyword: string; custom?: { tags: string[] } }[];
    // Other readers still get the usual keyword string.
    expect(exported[0]!.keyword).toBe('optics, nonlinear, to read; soon, plain');
    expect(parseCslJson(toCslJson([paper])).papers[0]!.tags).toEqual(['optics, nonlinear', 'to read; soon', 'plain']);
    // Without such a tag the item has no extra field.
    expect(JSON.parse(toCslJson([samplePaper({ tags: ['plain'], tagKeys: ['plain'] })]))[0].custom).toBeUndefined();
    // A damaged exact list is ignored for the keyword string.
    const damaged = JSON.stringify([{ ...exported[0], custom: { tags: ['ok', 42] } }]);
    expect(parseCslJson(damaged).papers[0]!.tags).toEqual(['optics', 'nonlinear', 'to read', 'soon', 'plain']);
  });

  it("reads Zotero's export (arXiv id in `number`, tags, raw dates) and skips items it cannot key", () => {
    const zotero = JSON.stringify([
      { id: 'http://zotero.org/users/1/items/ABCD', type: 'article', title: 'An Invented Preprint', author: [{ family: 'Doe', given: 'Jo' }], issued: { 'date-parts': [['2024', 5]] }, number: 'arXiv:2405.01234', URL: 'http://arxiv.org/abs/2405.01234v2', keyword: 'graphs; kernels' },
      { id: 'x2', type: 'article-journal', title: 'Invented Journal Paper', DOI: '10.9999/J.1', 'container-title': 'Invented Letters', issued: { raw: '2019-02' } },
      { id: 'x3', type: 'book', title: 'A Book Without Ids' },
    ]);
    const batch = parseCslJson(zotero);
    expect(batch.papers.map((p) => [p.id, p.title, p.date])).toEqual([
      ['arxiv:2405.01234', 'An Invented Preprint', '2024-05'],
      ['doi:10.9999/j.1', 'Invented Journal Paper', '2019-02'],
    ]);
    expect(batch.papers[0]!.authors).toEqual(['Jo Doe']);
    expect(batch.papers[0]!.tags).toEqual(['graphs', 'kernels']);
    expect(batch.skipped).toEqual([{ entry: 'x3', reason: 'no arXiv id, DOI or paper link' }]);
  });

  it('refuses a damaged or foreign list whole, and nothing changes', async () => {
    await bg.db.papers.put(samplePaper());
    const before = await bg.db.papers.toArray();
    await expect(parseImportFile('[{"title": "cut', bg.db.verno, noBibtex)).rejects.toThrow(/not a valid JSON file/u);
    await expect(parseImportFile('[1, 2]', bg.db.verno, noBibtex)).rejects.toThrow(/Item 1 .* not an object/u);
    await expect(parseImportFile('[]', bg.db.verno, noBibtex)).rejects.toThrow(/no items/u);
    expect(await bg.db.papers.toArray()).toEqual(before);
  });
});

describe('PaperMemory import', () => {
  const memory = {
    __dataVersion: 5,
    'Arxiv-2402.05678': {
      id: 'Arxiv-2402.05678',
      title: 'An Invented Memory Paper',
      author: 'Ada Placeholder and Bo Fictional',
      source: 'arxiv',
      pdfLink: 'https://arxiv.org/pdf/2402.05678v1.pdf',
      note: 'from PaperMemory',
      tags: ['memory', 'Later'],
      addDate: '2023-04-01T10:00:00.000Z',
      lastOpenDate: '2023-05-01T10:00:00.000Z',
      year: '2024',
      venue: '',
      count: 3,
    },
    'Website_abc': { id: 'Website_abc', title: 'A Blog Post', author: 'Someone', source: 'website', pdfLink: 'notaurl', addDate: '2023-01-01T00:00:00.000Z', tags: [] },
  };

  it('is told from a Shelfmark backup and merged by paper id, with its tags, note and date added', async () => {
    const text = JSON.stringify(memory);
    expect(looksLikeBackup(text.slice(0, 4096))).toBe(false);
    const { batch, report } = await importText(text);
    expect(batch.format).toBe('papermemory');
    expect(batch.skipped).toEqual([{ entry: 'Website_abc', reason: 'no arXiv id, DOI or paper link' }]);
    expect(report).toMatchObject({ added: 1 });
    expect(await bg.db.papers.get('arxiv:2402.05678')).toMatchObject({
      title: 'An Invented Memory Paper',
      authors: ['Ada Placeholder', 'Bo Fictional'],
      tags: ['memory', 'Later'],
      note: 'from PaperMemory',
      savedAt: Date.parse('2023-04-01T10:00:00.000Z'),
      date: '2024',
    });
  });

  it('keeps the status the user set when the same export comes again', async () => {
    await importText(JSON.stringify(memory));
    await bg.request('setStatus', { id: 'arxiv:2402.05678', status: 'done' });
    const again = await importText(JSON.stringify(memory));
    expect(again.report).toMatchObject({ added: 0 });
    expect((await bg.db.papers.get('arxiv:2402.05678'))!.status).toBe('done');
  });

  it('refuses a record that is not one', () => {
    expect(() => parsePaperMemory({ __dataVersion: 1, x: 'text' })).toThrow(/not a paper record/u);
    expect(() => parsePaperMemory({ __dataVersion: 1 })).toThrow(/no papers/u);
  });
});
