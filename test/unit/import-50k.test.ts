// Issue 14: importing the same file twice leaves everything unchanged, also with 50,000 entries,
// and what the user did in between (statuses, notes) survives. Made-up entries, the real parsers,
// and the real router and handlers over fake-indexeddb (extension-kit.ts). No timings: speed is
// the bench's (import-10k).
import { beforeEach, describe, expect, it } from 'vitest';
import { toBackupJson } from '../../src/formats/backup';
import { parseBibtex } from '../../src/formats/bibtex-import';
import type { RequestOf } from '../../src/shared/messages';
import type { SavedPaper } from '../../src/shared/records';
import { startBackground, type Background } from './extension-kit';

const COUNT = 50_000;
const idOf = (i: number) => `arxiv:2409.${String(i + 1).padStart(5, '0')}`;

function madeUpBibtex(): string {
  const entries: string[] = [];
  for (let i = 0; i < COUNT; i += 1) {
    const keywords = i % 10 === 0 ? `, keywords={lattice, batch ${i % 7}}` : '';
    entries.push(`@misc{m${i}, title={Invented result ${i}}, eprint={${idOf(i).slice(6)}}, archivePrefix={arXiv}${keywords}}\n`);
  }
  return entries.join('');
}

function madeUpRecords(): SavedPaper[] {
  return Array.from({ length: COUNT }, (_, i) => {
    const id = idOf(i);
    const tags = i % 10 === 0 ? ['Lattice'] : [];
    return {
      id,
      aliases: [id],
      title: `Invented backup result ${i}`,
      authors: ['Ada Placeholder'],
      absUrl: `https://arxiv.org/abs/${id.slice(6)}`,
      tags,
      tagKeys: tags.map((tag) => tag.toLowerCase()),
      status: i % 3 === 0 ? 'reading' : 'unread',
      note: i % 5 === 0 ? `backed-up note ${i}` : '',
      savedAt: 1_700_000_000_000 + i,
      updatedAt: 1_700_000_000_000 + i,
    };
  });
}

let background: Background;

beforeEach(() => {
  background = startBackground();
});

async function contents() {
  return { papers: await background.db.papers.toArray(), tags: await background.db.tags.toArray() };
}

/** What the user does between the imports: statuses on 20,000 papers, notes on a few. */
async function work(): Promise<void> {
  const ids = Array.from({ length: 20_000 }, (_, i) => idOf(i * 2));
  await background.request('bulkEdit', { ids, status: 'done' });
  await background.request('setStatus', { id: idOf(1), status: 'reading' });
  for (const i of [3, 5, 49_999]) await background.request('setNote', { id: idOf(i), note: `my note on ${i}` });
}

describe(`importing the same file twice, ${COUNT.toLocaleString('en')} entries`, () => {
  it('BibTeX: the second import changes nothing, and statuses and notes set in between stay', async () => {
    const batch = parseBibtex(madeUpBibtex());
    expect(batch.papers).toHaveLength(COUNT);
    const payload = { papers: batch.papers, tags: batch.tags } as unknown as RequestOf<'importPapers'>;
    expect(await background.request('importPapers', payload)).toEqual({ added: COUNT, updated: 0, unchanged: 0, tagsAdded: 8 });
    await work();
    const before = await contents();

    expect(await background.request('importPapers', payload)).toEqual({ added: 0, updated: 0, unchanged: COUNT, tagsAdded: 0 });
    const after = await contents();
    expect(after).toEqual(before);
    expect(after.papers.filter((paper) => paper.status === 'done')).toHaveLength(20_000);
    expect(after.papers.find((paper) => paper.id === idOf(49_999))!.note).toBe('my note on 49999');
  }, 300_000);

  it('JSON backup: the second import changes nothing, and statuses and notes set in between stay', async () => {
    const file = new Blob([toBackupJson(madeUpRecords(), [], background.db.verno)]);
    const importFile = async () => {
      const shared = background.shareFile(file);
      try {
        return await background.request('importBackup', { url: shared.url });
      } finally {
        shared.release();
      }
    };
    expect(await importFile()).toEqual({ added: COUNT, updated: 0, unchanged: 0, tagsAdded: 1 });
    await work();
    const before = await contents();

    expect(await importFile()).toEqual({ added: 0, updated: 0, unchanged: COUNT, tagsAdded: 0 });
    const after = await contents();
    expect(after).toEqual(before);
    expect(after.papers.find((paper) => paper.id === idOf(1))!.status).toBe('reading');
    expect(after.papers.find((paper) => paper.id === idOf(5))!.note).toBe('my note on 5');
  }, 300_000);
});
