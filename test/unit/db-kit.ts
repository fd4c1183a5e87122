// Shared set-up for db and background tests: a database on its own in-memory IndexedDB, and
// made-up papers in the shapes the adapters produce.
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { ShelfmarkDB } from '../../src/db/schema';
import type { PaperMetadata } from '../../src/shared/paper';

export function freshFactory(): IDBFactory {
  return new IDBFactory();
}

export function freshDb(factory: IDBFactory = freshFactory()): ShelfmarkDB {
  return new ShelfmarkDB('shelfmark-test', { indexedDB: factory, IDBKeyRange });
}

/** A made-up arXiv paper; `n` picks a distinct id (2501.0000n style). */
export function arxivPaper(n: number, overrides: Partial<PaperMetadata> = {}): PaperMetadata {
  const id = `arxiv:2501.${String(n).padStart(5, '0')}`;
  return {
    id,
    aliases: [id],
    title: `Invented study number ${n} on lattice gardening`,
    authors: ['Ada Placeholder', 'Bo Fictional'],
    abstract: `We pretend to show result ${n}.`,
    absUrl: `https://arxiv.org/abs/2501.${String(n).padStart(5, '0')}`,
    source: { site: 'arxiv', pageKind: 'listing', url: 'https://arxiv.org/list/cs.LG/new' },
    ...overrides,
  };
}

/**
 * A full disk: while `full`, every write to `db` from the `after`-th on (counted from when the
 * disk filled up; 0 is the first) fails as IndexedDB fails then, with a QuotaExceededError. The
 * failure is inside Dexie (a DBCore middleware under every table), so transactions abort as
 * they would in a browser, and what they wrote before rolls back. Call before `db` is first used.
 */
export function diskOf(db: ShelfmarkDB): { full: boolean; after: number; writes: number } {
  const disk = { full: false, after: 0, writes: 0 };
  db.use({
    stack: 'dbcore',
    name: 'full-disk',
    create: (down) => ({
      ...down,
      table: (name) => {
        const table = down.table(name);
        return {
          ...table,
          mutate: (req) => {
            if (!disk.full) return table.mutate(req);
            disk.writes += 1;
            if (disk.writes <= disk.after) return table.mutate(req);
            return Promise.reject(new DOMException('The current transaction exceeded its quota limitations.', 'QuotaExceededError'));
          },
        };
      },
    }),
  });
  return disk;
}
