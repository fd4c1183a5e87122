// importBackup: the background reads a JSON backup the popup handed over as a blob: URL, checks
// it whole and merges it in one transaction. happy-dom cannot fetch blob: URLs, so each test
// hands the blob over through `read`, keyed by URL, as the browser's blob store would.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { importBackup } from '../../src/background/import-backup';
import { Refused } from '../../src/shared/refused';
import type { ShelfmarkDB } from '../../src/db/schema';
import { toBackupJson } from '../../src/formats/backup';
import { freshDb } from './db-kit';
import { samplePaper, sampleTag } from './format-samples';

const BASE = 'chrome-extension://abcdefghijklmnop/';
const URL_OF_FILE = `blob:${BASE}3f0c1d6e-0000-4000-8000-000000000001`;

let db: ShelfmarkDB;
beforeEach(() => {
  db = freshDb();
});

const handOver = (content: Blob) => vi.fn(async (url: string) => (url === URL_OF_FILE ? content : Promise.reject(new Error('no such blob'))));

async function snapshot() {
  return { papers: await db.papers.toArray(), tags: await db.tags.toArray() };
}

describe('importBackup', () => {
  it('reads, checks and merges a backup handed over by an extension page', async () => {
    const papers = [samplePaper({ title: 'One', tags: ['Graphs'], tagKeys: ['graphs'] }), samplePaper({ title: 'Two' })];
    const read = handOver(new Blob([toBackupJson(papers, [sampleTag('Graphs', '#16a34a')], db.verno)]));
    const { value, changes } = await importBackup(db, URL_OF_FILE, { extensionBase: BASE, read, now: 5 });
    expect(value).toEqual({ added: 2, updated: 0, unchanged: 0, tagsAdded: 1 });
    expect(read).toHaveBeenCalledOnce();
    expect((await db.papers.toArray()).map((p) => p.title).sort()).toEqual(['One', 'Two']);
    expect(await db.tags.toArray()).toEqual([sampleTag('Graphs', '#16a34a')].map((t) => ({ ...t, key: 'graphs' })));
    expect(changes.map((c) => c.state.id).sort()).toEqual(papers.map((p) => p.id).sort());
    // The same file again changes nothing.
    const again = await importBackup(db, URL_OF_FILE, { extensionBase: BASE, read, now: 6 });
    expect(again.value).toEqual({ added: 0, updated: 0, unchanged: 2, tagsAdded: 0 });
  });

  it('never reads a URL from another origin', async () => {
    const read = handOver(new Blob(['{}']));
    for (const url of ['blob:https://arxiv.org/3f0c1d6e', 'blob:chrome-extension://someoneelse/3f0c1d6e', 'https://example.org/backup.json']) {
      await expect(importBackup(db, url, { extensionBase: BASE, read })).rejects.toThrow('A backup can only be handed over by Shelfmark’s own pages.');
    }
    expect(read).not.toHaveBeenCalled();
  });

  it.each([
    ['cut short', toBackupJson([samplePaper()], [], 4).slice(0, 200), /^This is not a valid JSON file \(.*\)\. Was it cut short\?$/u],
    ['not a backup', '@misc{x, title={BibTeX goes through the popup}}', /^This file is not a Shelfmark JSON backup\.$/u],
    ['another JSON', '{"hello": "world"}', /^This JSON file is not a Shelfmark backup \(format: /u],
    ['a damaged paper', toBackupJson([samplePaper(), samplePaper({ title: 'x'.repeat(20_001) })], [], 4), /^Paper 2 is damaged: title: /u],
    ['from a newer Shelfmark', toBackupJson([samplePaper()], [], 99), /^This backup was made by a newer Shelfmark \(schema 99;/u],
  ])('refuses a file %s with a clear message and changes nothing', async (_, text, message) => {
    await db.papers.add(samplePaper({ title: 'Already here' }));
    const before = await snapshot();
    const error = await importBackup(db, URL_OF_FILE, { extensionBase: BASE, read: handOver(new Blob([text])) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Refused);
    expect((error as Error).message).toMatch(message);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses an oversized file before reading its text, and a blob that is gone', async () => {
    const huge = { size: 60 * 1024 * 1024, text: vi.fn() } as unknown as Blob;
    await expect(importBackup(db, URL_OF_FILE, { extensionBase: BASE, read: handOver(huge) })).rejects.toThrow(/up to 50 MB/u);
    expect(huge.text).not.toHaveBeenCalled();
    const gone = vi.fn(async () => Promise.reject(new TypeError('Failed to fetch')));
    await expect(importBackup(db, URL_OF_FILE, { extensionBase: BASE, read: gone })).rejects.toThrow(/could not be read/u);
  });

  it('says that nothing changed when the transaction fails', async () => {
    await db.papers.add(samplePaper({ title: 'Already here' }));
    const before = await snapshot();
    vi.spyOn(db.papers, 'bulkAdd').mockRejectedValueOnce(new Error('disk full'));
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const read = handOver(new Blob([toBackupJson([samplePaper({ title: 'New' })], [], db.verno)]));
    await expect(importBackup(db, URL_OF_FILE, { extensionBase: BASE, read })).rejects.toThrow('The import failed: disk full');
    expect(await snapshot()).toEqual(before);
  });
});
