import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { toCslItems, toCslJson } from '../../src/formats/csl-json';
import { CSV_COLUMNS, toCsv } from '../../src/formats/csv';
import { EXPORT_FORMATS, exportFileName } from '../../src/formats/export-formats';
import { escapeMarkdown, toMarkdown } from '../../src/formats/markdown';
import { shortAuthorList, splitName } from '../../src/formats/person-names';
import { samplePaper, sampleTag } from './format-samples';

describe('CSL-JSON', () => {
  it('describes an arXiv paper as a preprint with split names and date parts', () => {
    const [item] = toCslItems([
      samplePaper({ id: 'arxiv:2402.00001', aliases: ['arxiv:2402.00001', 'doi:10.5555/zz'], authors: ['Ines van der Brook', 'Collabora'], date: '2024-02-09', tags: ['a', 'b'] }),
    ]);
    expect(item).toMatchObject({
      type: 'article',
      author: [{ family: 'van der Brook', given: 'Ines' }, { literal: 'Collabora' }],
      issued: { 'date-parts': [[2024, 2, 9]] },
      number: 'arXiv:2402.00001',
      publisher: 'arXiv',
      DOI: '10.5555/zz',
      URL: 'https://arxiv.org/abs/2402.00001',
      keyword: 'a, b',
    });
  });

  it('is a JSON array with unique ids', () => {
    const same = { authors: ['Una Same'], title: 'Same', date: '2020-01-01' };
    const items = JSON.parse(toCslJson([samplePaper(same), samplePaper(same)]));
    expect(items.map((i: { id: string }) => i.id)).toEqual(['same2020same', 'same2020samea']);
  });
});

describe('CSV', () => {
  it('has a header and one row per paper that papaparse reads back', () => {
    const paper = samplePaper({ title: 'Commas, "quotes"\nand lines', tags: ['x', 'y'], note: 'n' });
    const parsed = Papa.parse<string[]>(toCsv([paper]).trimEnd(), { skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data[0]).toEqual([...CSV_COLUMNS]);
    const row = Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, parsed.data[1]![i]]));
    expect(row).toMatchObject({ id: paper.id, title: paper.title, tags: 'x; y', status: 'unread', arxiv: paper.id.slice(6) });
  });

  it('defuses spreadsheet formulas', () => {
    const parsed = Papa.parse<string[]>(toCsv([samplePaper({ title: '=HYPERLINK("http://x")', note: '+1', authors: ['@me'] })]).trimEnd());
    const row = parsed.data[1]!;
    expect(row[1]).toBe('\'=HYPERLINK("http://x")');
    expect(row[2]).toBe("'@me");
    expect(row[11]).toBe("'+1");
  });
});

describe('Markdown', () => {
  it('lists each paper as a link with authors, date, status, tags and note', () => {
    const text = toMarkdown([samplePaper({ id: 'arxiv:2401.00042', aliases: ['arxiv:2401.00042'], absUrl: undefined, title: 'A Title', tags: ['t1'], status: 'done', note: 'good\nread' })]);
    expect(text).toContain('- [A Title](<https://arxiv.org/abs/2401.00042>)');
    expect(text).toContain('Quill Marrow, Fenna Oakheart · 2024\\-01\\-15 · done · [PDF](<https://arxiv.org/pdf/2401.00042>)');
    expect(text).toContain('Tags: `t1`');
    expect(text).toContain('  > good\n  > read');
  });

  it('escapes titles so they cannot become links, images or HTML', () => {
    const text = toMarkdown([samplePaper({ title: '![x](javascript:alert(1)) <img src=x onerror=alert(1)> *b*', absUrl: 'javascript:alert(1)' })]);
    expect(text).not.toMatch(/[^\\]!\[|[^\\]<img|javascript:alert\(1\)\)/u);
    expect(text).toContain('\\!\\[x\\]\\(javascript:alert\\(1\\)\\) \\<img src=x onerror=alert\\(1\\)\\> \\*b\\*');
    expect(escapeMarkdown('a_b')).toBe('a\\_b');
  });
});

describe('names', () => {
  it('keeps particles and suffixes with the family name', () => {
    expect(splitName('Ines van der Brook')).toEqual({ given: 'Ines', family: 'van der Brook' });
    expect(splitName('Jo Q. Public Jr.')).toEqual({ given: 'Jo Q.', family: 'Public Jr.' });
    expect(splitName('Public, Jo')).toEqual({ family: 'Public', given: 'Jo' });
  });

  it('shortens long author lists with a count', () => {
    expect(shortAuthorList(['A', 'B', 'C', 'D'])).toBe('A, B, C, D');
    expect(shortAuthorList(['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'])).toBe('A, B, C, … +5');
  });
});

describe('export formats', () => {
  it('renders every format for the same input and names the files by date', () => {
    const now = new Date('2025-03-04T00:00:00Z');
    const input = { papers: [samplePaper()], tags: [sampleTag('x')], schemaVersion: 2, now };
    for (const format of EXPORT_FORMATS) expect(format.render(input).length).toBeGreaterThan(20);
    expect(exportFileName(EXPORT_FORMATS.find((f) => f.id === 'backup')!, now)).toBe('shelfmark-backup-2025-03-04.json');
  });
});
