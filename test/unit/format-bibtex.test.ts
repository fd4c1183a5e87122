import { parse } from '@retorquere/bibtex-parser';
import { describe, expect, it } from 'vitest';
import { toBibtex } from '../../src/formats/bibtex-export';
import { parseBibtex } from '../../src/formats/bibtex-import';
import { Refused } from '../../src/shared/refused';
import { samplePaper } from './format-samples';

const PARSE = { english: false, sentenceCase: false, caseProtection: false } as const;

describe('BibTeX export', () => {
  it('writes arXiv papers with eprint, archivePrefix and primaryClass', () => {
    const text = toBibtex([samplePaper({ id: 'arxiv:2402.00077', aliases: ['arxiv:2402.00077'], primarySubject: 'cs.CL' })]);
    const [entry] = parse(text, PARSE).entries;
    expect(entry!.type).toBe('misc');
    expect(entry!.fields.eprint).toBe('2402.00077');
    expect(entry!.fields.archiveprefix).toBe('arXiv');
    expect(entry!.fields.primaryclass).toBe('cs.CL');
    expect(entry!.fields.year).toBe('2024');
  });

  it('escapes LaTeX specials so the parsed field equals the original text', () => {
    const title = 'Costs of 50% & more: {braces}, under_scores, #hash, $dollars, ~tilde^caret \\slash';
    const abstract = 'Line one\nline two with % and } unbalanced {';
    const text = toBibtex([samplePaper({ title, abstract, authors: ['Zoë Ångström-Đurić', 'Smith, and Sons Ltd'] })]);
    const library = parse(text, PARSE);
    expect(library.errors).toEqual([]);
    const fields = library.entries[0]!.fields;
    expect(fields.title).toBe(title);
    expect(fields.abstract).toBe(abstract.replace('\n', ' '));
    expect(fields.author).toEqual([
      { firstName: 'Zoë', lastName: 'Ångström-Đurić' },
      { name: 'Smith, and Sons Ltd' },
    ]);
  });

  it('protects capitalised words from style lower-casing', () => {
    const text = toBibtex([samplePaper({ title: 'Scaling GPT-like Models with iThing' })]);
    expect(text).toContain('title = {Scaling {GPT-like} Models with {iThing}}');
  });

  it('gives every entry a unique ASCII key, even for the same author, year and word', () => {
    const twin = { authors: ['Émile Dûpont'], title: 'Learning Things', date: '2023-05-01' };
    const text = toBibtex([samplePaper(twin), samplePaper(twin), samplePaper(twin), samplePaper({ authors: [] })]);
    const keys = parse(text, PARSE).entries.map((entry) => entry.key);
    expect(keys).toEqual(['dupont2023learning', 'dupont2023learninga', 'dupont2023learningb', expect.stringMatching(/^anon2024placeholder/u)]);
  });

  it('writes DOI papers with the DOI and journal, and notes as annote', () => {
    const paper = samplePaper({ id: 'doi:10.1234/abc_def', aliases: ['doi:10.1234/abc_def'], absUrl: undefined, journalRef: 'Journal of Tests 3 (2020)', note: 'mine & private' });
    const fields = parse(toBibtex([paper]), PARSE).entries[0]!.fields;
    expect(fields.doi).toBe('10.1234/abc_def');
    expect(fields.journal).toBe('Journal of Tests 3 (2020)');
    expect(fields.annote).toBe('mine & private');
    expect(fields.note).toBeUndefined();
  });

  it('cannot be broken out of by a hostile title', () => {
    const text = toBibtex([samplePaper({ title: '}, author = {Mallory}, title = {x' })]);
    const library = parse(text, PARSE);
    expect(library.entries).toHaveLength(1);
    expect(library.entries[0]!.fields.title).toBe('}, author = {Mallory}, title = {x');
  });
});

describe('BibTeX import', () => {
  it('reads arXiv entries from eprint, URLs, arXiv DOIs and Scholar-style journals', () => {
    const batch = parseBibtex(`
      @misc{a, title={First {Invented} Paper}, author={Marrow, Quill and Oakheart, Fenna}, eprint={2401.01234v3}, archivePrefix={arXiv}, primaryClass={cs.LG}, year={2024}, month=feb, keywords={alpha, Beta}}
      @article{b, title={Second}, url={https://arxiv.org/abs/2312.00001}}
      @article{c, title={Third}, doi={10.48550/arXiv.2311.00002}}
      @article{d, title={Fourth}, journal={arXiv preprint arXiv:2310.00003}, year=2023}
    `);
    expect(batch.papers.map((p) => p.id)).toEqual(['arxiv:2401.01234', 'arxiv:2312.00001', 'arxiv:2311.00002', 'arxiv:2310.00003']);
    const first = batch.papers[0]!;
    expect(first).toMatchObject({
      title: 'First Invented Paper',
      authors: ['Quill Marrow', 'Fenna Oakheart'],
      version: 3,
      primarySubject: 'cs.LG',
      date: '2024-02',
      tags: ['alpha', 'Beta'],
      absUrl: 'https://arxiv.org/abs/2401.01234',
      pdfUrl: 'https://arxiv.org/pdf/2401.01234',
    });
    expect(batch.tags.map((t) => t.name)).toEqual(['alpha', 'Beta']);
  });

  it('keys DOI entries by their lower-cased DOI and skips entries with neither id', () => {
    const batch = parseBibtex('@article{x, title={Made Up}, doi={10.5555/ABC.Def}}\n@book{y, title={No ids here}}');
    expect(batch.papers.map((p) => p.id)).toEqual(['doi:10.5555/abc.def']);
    expect(batch.papers[0]!.source).toBeUndefined();
    expect(batch.skipped).toEqual([{ entry: 'y', reason: 'no arXiv id or DOI' }]);
  });

  it('turns LaTeX into text and drops the parser markup', () => {
    const batch = parseBibtex('@misc{k, title={\\textit{Caf\\\'e} \\& {$\\alpha$}-Tests}, eprint={2401.05555}, archivePrefix={arXiv}}');
    expect(batch.papers[0]!.title).toBe('Café & α-Tests');
  });

  it('round-trips our own export', () => {
    const papers = [
      samplePaper({ title: 'Odd {chars} & 100% _real_', tags: ['x-y', 'Zed'], tagKeys: ['x-y', 'zed'], note: 'n\\b' }),
      samplePaper({ id: 'doi:10.1234/q', aliases: ['doi:10.1234/q'], absUrl: 'https://example.org/q', journalRef: 'J. Tests' }),
    ];
    const batch = parseBibtex(toBibtex(papers));
    expect(batch.papers.map((p) => [p.id, p.title, p.authors, p.tags, p.note])).toEqual([
      [papers[0]!.id, papers[0]!.title, papers[0]!.authors, ['x-y', 'Zed'], 'n\\b'],
      [papers[1]!.id, papers[1]!.title, papers[1]!.authors, undefined, undefined],
    ]);
  });

  it.each([
    ['truncated', '@article{x, title={Unfinished'],
    ['runaway key', '@article{x,'],
    ['one good, one bad', '@misc{a, title={A}, eprint={2401.01234}}\n@misc{b, title={B'],
    ['not bibtex at all', 'just some words'],
  ])('rejects a %s file as a whole', (_name, text) => {
    expect(() => parseBibtex(text)).toThrow(Refused);
  });
});

/** `@string` lines where each doubles the one before: `s<steps>` stands for 66 × 2^steps characters. */
function doublingStrings(steps: number, use = `s${steps}`): string {
  const lines = [`@string{s0 = "${'a'.repeat(66)}"}`];
  for (let i = 1; i <= steps; i += 1) lines.push(`@string{s${i} = s${i - 1} # s${i - 1}}`);
  lines.push(`@misc{bomb, title = ${use}, eprint = {2401.01234}, archivePrefix = {arXiv}}`);
  return lines.join('\n');
}

function refusalOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(Refused);
    return (error as Error).message;
  }
  throw new Error('not refused');
}

describe('BibTeX errors say what is wrong, once (issue 14)', () => {
  it('refuses @string definitions that double each other to terabytes, at once and in plain words', () => {
    // Today's parser: "Invalid string length" after seconds of work.
    const message = refusalOf(() => parseBibtex(doublingStrings(40)));
    expect(message).toBe(
      'This BibTeX file\'s @string abbreviations refer to each other so that the text multiplies: "s20" alone stands for 69 million characters, more than the 50 MB Shelfmark reads from one file.',
    );
    expect(message).not.toMatch(/Invalid string length/u);
  });

  it.each([
    ['parentheses', (i: number) => `@STRING(s${i} = s${i - 1} # s${i - 1})`],
    ['a comment after @', (i: number) => `@ % why not\n  String { s${i} = s${i - 1} #s${i - 1} }`],
    ['quoted and braced parts between', (i: number) => `@string{s${i} = s${i - 1} # "{"}" # {} # s${i - 1}}`],
    ['parts on their own lines', (i: number) => `@string{ s${i}\n =\n s${i - 1}\n #\n s${i - 1} }`],
  ])('finds the doubling written with %s, as the parser reads it', (_how, line) => {
    const lines = ['@string{s0 = "aaaaaaaaaaaaaaaa"}'];
    for (let i = 1; i <= 40; i += 1) lines.push(line(i));
    lines.push('@misc{bomb, title = s40, eprint = {2401.01234}, archivePrefix = {arXiv}}');
    expect(refusalOf(() => parseBibtex(lines.join('\n')))).toMatch(/refer to each other so that the text multiplies: "s2\d" alone stands for \d+ million characters/u);
  });

  it('refuses a bomb of a few hundred MB, which the parser would grind through for minutes', () => {
    // 138 million characters: the parser took 197 s here, then failed with "Invalid array length".
    expect(refusalOf(() => parseBibtex(doublingStrings(21)))).toMatch(/"s20" alone stands for 69 million characters/u);
  });

  it('refuses small strings used so often that the text written out is too long', () => {
    const big = `@string{big = "${'b'.repeat(100_000)}"}\n`;
    const uses = Array.from({ length: 600 }, () => 'big').join(' # ');
    const message = refusalOf(() => parseBibtex(`${big}@misc{k, title = ${uses}, eprint = {2401.01234}, archivePrefix = {arXiv}}`));
    expect(message).toMatch(/written out where they are used, they make 60 million characters of text, more than the 50 MB/u);
  });

  it('still reads strings that refer to each other within reason, and the built-in month names', () => {
    const batch = parseBibtex(
      [
        '@string{conf = "Conference on Invented Results"}',
        '@string{full = "Proceedings of the " # conf}',
        '@string{ empty = ""}',
        '@misc{k, title = "A study at " # full, booktitle = full, month = jan, eprint = {2401.01234}, archivePrefix = {arXiv}}',
        doublingStrings(6, 's6').replace('2401.01234', '2401.04321'),
      ].join('\n'),
    );
    expect(batch.papers.map((paper) => paper.title)).toEqual(['A study at Proceedings of the Conference on Invented Results', 'a'.repeat(66 * 64)]);
  });

  it.each([
    ['a truncated value', '@article{x, title={Unfinished, eprint={2401.01234}}\n', /^This BibTeX file is damaged: Token mismatch, expected "\}", but the file ends at line 2, column 1 in "article"\.$/u],
    ['a missing comma', '@article{x, title = "A" eprint = {2401.01234}}', /^This BibTeX file is damaged: Token mismatch, expected "\}", found "eprint = \{2401\.01234"\.\.\. at line 1, column 25 in "article"\.$/u],
    ['a field with no value', '@article{x, title = , eprint = {2401.01234}}', /^This BibTeX file is damaged: a field has no value\.$/u],
    ['an undefined @string', '@article{x, title = nosuch, eprint = {2401.01234}}', /^This BibTeX file is damaged: Unresolved @string reference "nosuch"\.$/u],
    ['two problems', '@article{x, title = nosuch, eprint = {2401.01234}}\n@article{y, title = {B', /^This BibTeX file is damaged: .* \(and 1 more problem\)\.$/u],
  ])('names %s with one prefix and the parser\'s place', (_what, text, expected) => {
    const message = refusalOf(() => parseBibtex(text));
    expect(message).toMatch(expected);
    expect(message.match(/BibTeX/gu)).toHaveLength(1);
  });
});
