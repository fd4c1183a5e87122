// Issue 14, "Data loss and lock-out": what an import may never do to the reading list. Each case
// was found by a probe of the real build; these run the real parsers and the real merge over
// fake-indexeddb.
import { beforeEach, describe, expect, it } from 'vitest';
import { importPapers } from '../../src/db/import';
import { savePaper, setNote, setStatus } from '../../src/db/papers';
import type { ShelfmarkDB } from '../../src/db/schema';
import { readBackup, toBackupJson } from '../../src/formats/backup';
import { parseBibtex } from '../../src/formats/bibtex-import';
import { toCsv } from '../../src/formats/csv';
import type { SavedPaper } from '../../src/shared/records';
import { Refused } from '../../src/shared/refused';
import { arxivPaper, freshDb } from './db-kit';

let db: ShelfmarkDB;
beforeEach(() => {
  db = freshDb();
});

function record(n: number, overrides: Partial<SavedPaper> = {}): SavedPaper {
  return { ...arxivPaper(n), tags: [], tagKeys: [], status: 'unread', note: '', savedAt: 1_000, updatedAt: 1_000, ...overrides };
}

async function snapshot() {
  return { papers: await db.papers.orderBy('id').toArray(), tags: await db.tags.orderBy('key').toArray() };
}

async function refusal(promise: Promise<unknown>): Promise<Refused> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Refused);
  return error as Refused;
}

describe('timestamps beyond the Date range', () => {
  it.each([
    ['savedAt', { savedAt: 1e300 }],
    ['updatedAt', { updatedAt: 8.64e15 + 1 }],
  ])('a backup paper with %s out of range is refused, and nothing changes', async (_field, overrides) => {
    await savePaper(db, arxivPaper(9), 500);
    const before = await snapshot();
    const text = toBackupJson([record(1), record(2, overrides as Partial<SavedPaper>)], [], db.verno);
    expect(() => readBackup(text, db.verno)).toThrow(Refused);
    expect(() => readBackup(text, db.verno)).toThrow(/Paper 2 is damaged: (savedAt|updatedAt): /u);
    await refusal(importPapers(db, { papers: [record(2, overrides as Partial<SavedPaper>)], tags: [] }));
    expect(await snapshot()).toEqual(before);
  });

  it('a tag created beyond the Date range is refused', async () => {
    const text = toBackupJson([record(1)], [{ key: 'x', name: 'x', color: '#112233', createdAt: 1e300 }], db.verno);
    expect(() => readBackup(text, db.verno)).toThrow(/Tag 1 is damaged: createdAt/u);
    await refusal(importPapers(db, { papers: [], tags: [{ name: 'x', createdAt: 1e300 }] }));
  });

  it('one stored record with a date out of range does not stop the CSV export of the others', () => {
    const csv = toCsv([record(1, { savedAt: 1e300 }), record(2)]);
    expect(csv).toContain(arxivPaper(2).title);
    expect(csv).toContain('1970-01-01T00:00:01.000Z');
  });
});

describe('re-importing a BibTeX file', () => {
  const bib = [1, 2, 3]
    .map((n) => `@misc{p${n}, title={Invented study ${n}}, author={Placeholder, Ada}, eprint={2501.0000${n}}, archivePrefix={arXiv}, keywords={lattice}}`)
    .join('\n');

  it('keeps the statuses and notes set since the first import, and changes nothing', async () => {
    const batch = parseBibtex(bib);
    expect((await importPapers(db, batch, 1_000)).value).toMatchObject({ added: 3 });
    await setStatus(db, 'arxiv:2501.00001', 'done', 2_000);
    await setStatus(db, 'arxiv:2501.00002', 'reading', 2_000);
    await setNote(db, 'arxiv:2501.00003', 'my own note', 2_000);
    const before = await snapshot();

    const again = await importPapers(db, parseBibtex(bib), 3_000);
    expect(again.value).toEqual({ added: 0, updated: 0, unchanged: 3, tagsAdded: 0 });
    expect(again.changes).toEqual([]);
    expect(await snapshot()).toEqual(before);
  });

  it('adds what the stored record lacks, and never replaces what it has', async () => {
    await savePaper(db, arxivPaper(1, { abstract: undefined, title: 'Title as the page showed it' }), 1_000);
    await setStatus(db, arxivPaper(1).id, 'done', 1_500);
    const text = '@misc{p1, title={Title as the file has it}, abstract={An abstract from the file.}, eprint={2501.00001}, archivePrefix={arXiv}}';
    const { value } = await importPapers(db, parseBibtex(text), 2_000);
    expect(value).toMatchObject({ updated: 1 });
    expect(await db.papers.get(arxivPaper(1).id)).toMatchObject({
      title: 'Title as the page showed it',
      abstract: 'An abstract from the file.',
      status: 'done',
      savedAt: 1_000,
      updatedAt: 1_500,
    });
  });
});

describe('aliases that would join papers', () => {
  it('a backup record listing another stored paper as its alias is refused, naming both, and nothing changes', async () => {
    await savePaper(db, arxivPaper(1), 1_000);
    await savePaper(db, { ...arxivPaper(2), id: 'doi:10.9999/other.2', aliases: ['doi:10.9999/other.2'] }, 1_000);
    await setNote(db, 'doi:10.9999/other.2', 'note on the other paper', 1_100);
    const before = await snapshot();
    const error = await refusal(
      importPapers(db, { papers: [record(1, { aliases: ['arxiv:2501.00001', 'doi:10.9999/other.2'], updatedAt: 5_000 })], tags: [] }),
    );
    expect(error.message).toContain('arxiv:2501.00001');
    expect(error.message).toContain('doi:10.9999/other.2');
    expect(await snapshot()).toEqual(before);
  });

  it('a record with two arXiv ids is refused', async () => {
    const error = await refusal(importPapers(db, { papers: [record(1, { aliases: ['arxiv:2501.00001', 'arxiv:2501.00002'] })], tags: [] }));
    expect(error.message).toMatch(/two arXiv ids/u);
    expect(() => readBackup(toBackupJson([record(1, { aliases: ['arxiv:2501.00002'] })], [], db.verno), db.verno)).toThrow(/two arXiv ids/u);
    expect(await db.papers.count()).toBe(0);
  });
});

describe('ids from a file go through the identity module', () => {
  it('a versioned arXiv id is stored under its canonical key, so one paper stays one record', async () => {
    await savePaper(db, { ...arxivPaper(7), id: 'arxiv:2401.00007', aliases: ['arxiv:2401.00007'] }, 1_000);
    const { value } = await importPapers(db, { papers: [record(7, { id: 'arxiv:2401.00007v2', aliases: ['arxiv:2401.00007v2'] })], tags: [] });
    expect(value.added).toBe(0);
    expect((await db.papers.toArray()).map((paper) => [paper.id, paper.aliases])).toEqual([['arxiv:2401.00007', ['arxiv:2401.00007']]]);
    const [paper] = readBackup(toBackupJson([record(7, { id: 'arxiv:2401.00007v2', aliases: ['doi:10.48550/arXiv.2401.00007'] })], [], 4), 4).papers;
    expect(paper).toMatchObject({ id: 'arxiv:2401.00007', aliases: ['arxiv:2401.00007'] });
  });

  it.each(['arxiv:../../etc', 'doi:NOT-A-DOI', 'url:javascript:alert(1)', 'arxiv:2401.0000\u202e7', 'madeup:x'])(
    'refuses the id %j, and nothing changes',
    async (id) => {
      await refusal(importPapers(db, { papers: [record(1, { id, aliases: [id] })], tags: [] }));
      await refusal(importPapers(db, { papers: [record(1, { aliases: [arxivPaper(1).id, id] })], tags: [] }));
      expect(() => readBackup(toBackupJson([record(1, { id, aliases: [id] })], [], 4), 4)).toThrow(/Paper 1 is damaged: /u);
      expect(await db.papers.count()).toBe(0);
    },
  );
});
