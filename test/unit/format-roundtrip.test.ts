// Export backup → empty database → import → the same database, through the db's own import
// operation (the one the background runs for `importPapers`).
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { importPapers } from '../../src/db/import';
import { ShelfmarkDB } from '../../src/db/schema';
import { toBackupJson } from '../../src/formats/backup';
import { parseBibtex } from '../../src/formats/bibtex-import';
import { parseImportFile } from '../../src/formats/import-file';
import { samplePaper, sampleTag } from './format-samples';

let dbCount = 0;
function freshDb(): ShelfmarkDB {
  dbCount += 1;
  return new ShelfmarkDB(`roundtrip-${dbCount}`);
}

async function snapshot(db: ShelfmarkDB) {
  return { papers: await db.papers.orderBy('id').toArray(), tags: await db.tags.orderBy('key').toArray() };
}

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

describe('backup round trip', () => {
  it('restores an identical database', async () => {
    const source = freshDb();
    await source.papers.bulkPut([
      samplePaper({ tags: ['Deep Learning', 'to-cite'], tagKeys: ['deep learning', 'to-cite'], status: 'reading', note: 'check §3\nand the appendix', version: 4 }),
      samplePaper({ id: 'doi:10.5555/made.up', aliases: ['doi:10.5555/made.up'], tags: ['to-cite'], tagKeys: ['to-cite'], status: 'done', journalRef: 'Imaginary Letters 9' }),
      samplePaper({ title: 'Ünïcødé — “quotes” & <angle> brackets' }),
    ]);
    await source.tags.bulkPut([sampleTag('Deep Learning', '#7c3aed', 1_700_000_000_123), sampleTag('to-cite', '#dc2626', 1_700_000_000_456)]);
    const before = await snapshot(source);
    const file = toBackupJson(before.papers, before.tags, source.verno);

    const target = freshDb();
    const batch = await parseImportFile(file, target.verno, async (text) => parseBibtex(text));
    const outcome = await importPapers(target, { papers: batch.papers, tags: batch.tags }, 1_800_000_000_000);
    expect(outcome.value).toEqual({ added: 3, updated: 0, unchanged: 0, tagsAdded: 2 });
    expect(await snapshot(target)).toEqual(before);

    // The same file again changes nothing.
    const again = await importPapers(target, { papers: batch.papers, tags: batch.tags }, 1_900_000_000_000);
    expect(again.value).toMatchObject({ added: 0, updated: 0, unchanged: 3 });
    expect(await snapshot(target)).toEqual(before);
  });

  it('changes nothing when a file is damaged', async () => {
    const db = freshDb();
    await db.papers.put(samplePaper());
    const before = await snapshot(db);
    const file = toBackupJson([samplePaper(), samplePaper({ status: 'bogus' as never })], [], db.verno);
    await expect(parseImportFile(file, db.verno, async (text) => parseBibtex(text))).rejects.toThrow(/Paper 2 is damaged/u);
    expect(await snapshot(db)).toEqual(before);
  });

  it('stores BibTeX papers, DOI-only ones included', async () => {
    const db = freshDb();
    const batch = parseBibtex(
      '@misc{a, title={Alpha Paper}, author={Doe, Jo}, eprint={2405.00123}, archivePrefix={arXiv}, keywords={kw}}\n@article{b, title={Beta Paper}, doi={10.5555/beta}}',
    );
    const outcome = await importPapers(db, { papers: batch.papers, tags: batch.tags }, 1_800_000_000_000);
    expect(outcome.value).toMatchObject({ added: 2, tagsAdded: 1 });
    const stored = await db.papers.orderBy('id').toArray();
    expect(stored.map((p) => [p.id, p.title, p.status, p.tags])).toEqual([
      ['arxiv:2405.00123', 'Alpha Paper', 'unread', ['kw']],
      ['doi:10.5555/beta', 'Beta Paper', 'unread', []],
    ]);
  });
});
