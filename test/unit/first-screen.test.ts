// The first screen read ahead of the page's script (src/db/first-screen.ts): bare IndexedDB over
// the database the Dexie schema writes.
import { afterEach, describe, expect, it } from 'vitest';
import { IDBFactory, IDBIndex as FDBIndex, IDBKeyRange } from 'fake-indexeddb';
import Dexie from 'dexie';
import { readFirstScreen } from '../../src/db/first-screen';
import { DB_NAME, IDB_VERSION, SCHEMA_VERSION } from '../../src/db/schema-version';
import { ShelfmarkDB } from '../../src/db/schema';
import { samplePaper, sampleTag } from './format-samples';

async function stored(factory: IDBFactory, count: number): Promise<ShelfmarkDB> {
  const db = new ShelfmarkDB(DB_NAME, { indexedDB: factory, IDBKeyRange });
  await db.papers.bulkAdd(Array.from({ length: count }, (_, i) => samplePaper({ title: `Paper ${i}`, savedAt: 1_000 + ((i * 7) % count) })));
  return db;
}

describe('first screen read ahead', () => {
  const getAllRecords = Object.getOwnPropertyDescriptor(FDBIndex.prototype, 'getAllRecords');
  afterEach(() => {
    if (getAllRecords) Object.defineProperty(FDBIndex.prototype, 'getAllRecords', getAllRecords);
  });

  it.each([
    ['in one request', false],
    ['with a cursor, where IndexedDB 3 is missing', true],
  ])('reads the newest saved papers, newest first, %s', async (_, cursor) => {
    if (cursor) delete (FDBIndex.prototype as { getAllRecords?: unknown }).getAllRecords;
    const factory = new IDBFactory();
    const db = await stored(factory, 20);
    await db.tags.bulkPut([sampleTag('ML', '#123456'), sampleTag('optics', '#654321')]);
    const read = await readFirstScreen(factory, 8);
    const newest = (await db.papers.orderBy('savedAt').reverse().limit(8).toArray()).map((paper) => paper.title);
    expect(read?.papers.map((paper) => paper.title)).toEqual(newest);
    expect(read?.papers[0]).toEqual((await db.papers.orderBy('savedAt').last())!);
    expect(read?.tags).toEqual(await db.tags.toArray());
    db.close();
  });

  it('knows the newest schema version, and reads only a database Dexie has upgraded to it', async () => {
    const factory = new IDBFactory();
    const db = new ShelfmarkDB(DB_NAME, { indexedDB: factory, IDBKeyRange });
    await db.open();
    expect(SCHEMA_VERSION, 'SCHEMA_VERSION (src/db/schema-version.ts) is the newest version schema.ts declares').toBe(db.verno);
    expect(db.backendDB().version).toBe(IDB_VERSION);
    db.close();

    // A database left by the first release (records without tagKeys, updatedAt), not yet upgraded.
    const old = new IDBFactory();
    const v1 = new Dexie(DB_NAME, { indexedDB: old, IDBKeyRange });
    v1.version(1).stores({ papers: 'id, savedAt, *tags, status, *aliases', tags: 'key, createdAt' });
    await v1.table('papers').add({ id: 'arxiv:1', aliases: [], title: 'Old', authors: [], tags: ['A'], status: 'unread', savedAt: 1, note: '' });
    v1.close();
    expect(await readFirstScreen(old)).toBeNull();
  });

  it('creates no database where there is none (Dexie does, with its schema), and answers null', async () => {
    const factory = new IDBFactory();
    expect(await readFirstScreen(factory)).toBeNull();
    expect(await factory.databases()).toEqual([]);
  });
});
