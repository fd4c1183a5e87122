import { describe, expect, it, vi } from 'vitest';
import { BACKUP_FORMAT, parseBackup, toBackupJson } from '../../src/formats/backup';
import { Refused } from '../../src/shared/refused';
import { parseBibtex } from '../../src/formats/bibtex-import';
import { checkImportSize, parseImportFile } from '../../src/formats/import-file';
import { samplePaper, sampleTag } from './format-samples';

describe('JSON backup', () => {
  it('carries every field and the schema version, and parses back to the same records', () => {
    const papers = [
      samplePaper({ tags: ['Theory', 'ml'], tagKeys: ['theory', 'ml'], status: 'reading', note: 'line\nbreak', version: 2, comments: '12 pages', journalRef: 'J. Made Up 1' }),
      samplePaper({ id: 'doi:10.1234/xy', aliases: ['doi:10.1234/xy'], abstract: undefined, categories: undefined }),
    ];
    delete papers[1]!.abstract;
    delete papers[1]!.categories;
    const tags = [sampleTag('Theory', '#dc2626'), sampleTag('ml', '#16A34A')];
    const text = toBackupJson(papers, tags, 7, new Date('2025-01-02T03:04:05Z'));
    const raw = JSON.parse(text);
    expect(raw).toMatchObject({ format: BACKUP_FORMAT, schemaVersion: 7, exportedAt: '2025-01-02T03:04:05.000Z' });
    const batch = parseBackup(text, 7);
    expect(batch.papers).toEqual(papers);
    expect(batch.tags).toEqual(tags);
    expect('abstract' in batch.papers[1]!).toBe(false);
  });

  it('recomputes tag keys from names, so a file cannot desynchronise the index', () => {
    const paper = samplePaper({ tags: ['Alpha', 'ALPHA', 'beta'], tagKeys: ['nonsense'] });
    const batch = parseBackup(toBackupJson([paper], [], 2), 2);
    expect(batch.papers[0]).toMatchObject({ tags: ['Alpha', 'beta'], tagKeys: ['alpha', 'beta'] });
  });

  it('drops unknown fields, including prototype keys', () => {
    const text = toBackupJson([samplePaper()], [], 2).replace('"title"', '"__proto__": {"polluted": true}, "extra": 1, "title"');
    const paper = parseBackup(text, 2).papers[0]! as unknown as Record<string, unknown>;
    expect(Object.keys(paper)).not.toContain('extra');
    expect(Object.keys(paper)).not.toContain('__proto__');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses a backup from a newer schema', () => {
    expect(() => parseBackup(toBackupJson([], [], 9), 2)).toThrow(/newer Shelfmark/u);
  });

  it.each([
    ['truncated', (t: string) => t.slice(0, Math.floor(t.length / 2)), /not a valid JSON file/u],
    ['not a backup', () => '{"hello": 1}', /not a Shelfmark backup/u],
    ['bad status', (t: string) => t.replace('"unread"', '"skimmed"'), /Paper 1 is damaged: status/u],
    ['bad id', (t: string) => t.replace(/"id": "arxiv:[^"]+"/u, '"id": "<script>"'), /Paper 1 is damaged: id/u],
    ['bad colour', (t: string) => t.replace('#2563eb', 'red;background:url(x)'), /Tag 1 is damaged: color/u],
    ['empty tag', (t: string) => t.replace(/"tags": \[\s*"ok"/u, '"tags": ["  "'), /tag 1 \(" {2}"\): A tag cannot be empty/u],
    ['duplicate paper', (t: string) => t.replace(/arxiv:2401\.\d{5}/gu, 'arxiv:2401.99999'), /appears twice/u],
    ['huge title', (t: string) => t.replace(/"title": "[^"]+"/u, `"title": "${'x'.repeat(30_000)}"`), /title/u],
  ])('rejects a %s file with a clear error', (_name, corrupt, message) => {
    const text = toBackupJson([samplePaper({ tags: ['ok'], tagKeys: ['ok'] }), samplePaper()], [sampleTag('ok')], 2);
    const damaged = corrupt(text);
    expect(damaged).not.toBe(text);
    expect(() => parseBackup(damaged, 2)).toThrow(Refused);
    expect(() => parseBackup(damaged, 2)).toThrow(message);
  });
});

describe('import file detection', () => {
  it('sends JSON objects to the backup parser and @-entries to the BibTeX parser, called only then', async () => {
    const load = vi.fn(async (text: string) => parseBibtex(text));
    expect((await parseImportFile(`\uFEFF${toBackupJson([samplePaper()], [], 2)}`, 2, load)).format).toBe('backup');
    expect(load).not.toHaveBeenCalled();
    expect((await parseImportFile('% comment\n@misc{a, title={T}, eprint={2401.01234}, archivePrefix={arXiv}}', 2, load)).format).toBe('bibtex');
    expect(load).toHaveBeenCalledOnce();
  });

  it('explains what it accepts for anything else', async () => {
    const load = async (text: string) => parseBibtex(text);
    // A JSON list is CSL-JSON now (csl-json-import.ts): an item with nothing to key it by is skipped.
    expect((await parseImportFile('[{"id": "x"}]', 2, load)).skipped).toEqual([{ entry: 'x', reason: 'no arXiv id, DOI or paper link' }]);
    await expect(parseImportFile('title,authors\nA,B', 2, load)).rejects.toThrow(/CSL-JSON, PaperMemory backups .* BibTeX .* none of them/u);
    await expect(parseImportFile('', 2, load)).rejects.toThrow(/empty/u);
  });

  it('refuses files over 50 MB before reading them', () => {
    expect(() => checkImportSize(50 * 1024 * 1024 + 1)).toThrow(/51 MB.*up to 50 MB/u);
    expect(() => checkImportSize(50 * 1024 * 1024)).not.toThrow();
  });
});
