import Dexie from 'dexie';
import { IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { ShelfmarkDB } from '../../src/db/schema';
import { freshFactory } from './db-kit';

const NAME = 'shelfmark-test';

// Exactly the shipped version(1) schema of src/db/schema.ts: a database written by that release.
function version1(factory: IDBFactory): Dexie {
  const db = new Dexie(NAME, { indexedDB: factory, IDBKeyRange });
  db.version(1).stores({ papers: 'id, savedAt, *tags, status, *aliases', tags: 'key, createdAt' });
  return db;
}

function version2(factory: IDBFactory): Dexie {
  const db = new Dexie(NAME, { indexedDB: factory, IDBKeyRange });
  db.version(1).stores({ papers: 'id, savedAt, *tags, status, *aliases', tags: 'key, createdAt' });
  db.version(2).stores({
    papers: 'id, savedAt, *tagKeys, status, *aliases, date, updatedAt',
    tags: 'key, createdAt',
  });
  return db;
}

// Version 3: every paper listed under its own id in `aliases`; the indexes of version 2.
function version3(factory: IDBFactory): Dexie {
  const db = new Dexie(NAME, { indexedDB: factory, IDBKeyRange });
  db.version(1).stores({ papers: 'id, savedAt, *tags, status, *aliases', tags: 'key, createdAt' });
  db.version(2).stores({ papers: 'id, savedAt, *tagKeys, status, *aliases, date, updatedAt', tags: 'key, createdAt' });
  db.version(3).stores({ papers: 'id, savedAt, *tagKeys, status, *aliases, date, updatedAt', tags: 'key, createdAt' });
  return db;
}

const source = { site: 'arxiv', pageKind: 'listing', url: 'https://arxiv.org/list/math.GT/new' };

// v1 records had no tagKeys and no updatedAt; one was written with its id missing from aliases.
const V1_PAPERS = [
  {
    id: 'arxiv:2502.00011',
    aliases: ['arxiv:2502.00011', 'doi:10.9999/made.up.1'],
    title: 'A fabricated note on knotted teacups',
    authors: ['Quill Imaginary'],
    tags: ['Topology', 'to-read'],
    status: 'reading',
    note: 'check lemma 2',
    savedAt: 1_700_000_000_000,
    source,
  },
  {
    id: 'arxiv:math/0309999',
    aliases: [],
    title: 'An old-style id that never existed',
    authors: [],
    tags: [],
    status: 'unread',
    note: '',
    savedAt: 1_600_000_000_000,
    source,
  },
];
const V1_TAGS = [
  { key: 'topology', name: 'Topology', color: '#2563eb', createdAt: 1_700_000_000_000 },
  { key: 'to-read', name: 'to-read', color: '#16a34a', createdAt: 1_700_000_000_001 },
];

describe('schema upgrades', () => {
  it('opens a version-1 database with every record intact and upgraded', async () => {
    const factory = freshFactory();
    const old = version1(factory);
    await old.table('papers').bulkAdd(V1_PAPERS);
    await old.table('tags').bulkAdd(V1_TAGS);
    old.close();

    const db = new ShelfmarkDB(NAME, { indexedDB: factory, IDBKeyRange });
    const papers = await db.papers.orderBy('id').toArray();
    expect(papers).toHaveLength(2);
    const [modern, oldStyle] = papers;
    expect(modern).toMatchObject({ ...V1_PAPERS[0], tagKeys: ['topology', 'to-read'], updatedAt: 1_700_000_000_000 });
    expect(oldStyle).toMatchObject({
      ...V1_PAPERS[1],
      aliases: ['arxiv:math/0309999'],
      tagKeys: [],
      updatedAt: 1_600_000_000_000,
    });
    expect(await db.tags.orderBy('key').toArray()).toEqual([...V1_TAGS].sort((a, b) => a.key.localeCompare(b.key)));

    // The new indexes answer: by lower-cased tag, by any alias, by date saved.
    expect((await db.papers.where('tagKeys').equals('topology').toArray()).map((p) => p.id)).toEqual(['arxiv:2502.00011']);
    expect(await db.papers.where('aliases').equals('arxiv:math/0309999').count()).toBe(1);
    expect(await db.papers.where('aliases').equals('doi:10.9999/made.up.1').count()).toBe(1);
    expect(await db.papers.where('savedAt').below(1_650_000_000_000).count()).toBe(1);
    db.close();
  });

  it('opens a version-2 database and lists every paper under its own id', async () => {
    const factory = freshFactory();
    const old = version2(factory);
    const record = {
      ...V1_PAPERS[0],
      aliases: ['doi:10.9999/made.up.1'],
      tagKeys: ['topology', 'to-read'],
      updatedAt: 1_700_000_500_000,
    };
    await old.table('papers').add(record);
    old.close();

    const db = new ShelfmarkDB(NAME, { indexedDB: factory, IDBKeyRange });
    expect(await db.papers.get('arxiv:2502.00011')).toEqual({
      ...record,
      aliases: ['arxiv:2502.00011', 'doi:10.9999/made.up.1'],
    });
    db.close();
  });

  it('opens a version-3 database with every record intact and only the indexes queries use', async () => {
    const factory = freshFactory();
    const old = version3(factory);
    const records = [
      { ...V1_PAPERS[0], tagKeys: ['topology', 'to-read'], updatedAt: 1_700_000_500_000, date: '2025-02-01' },
      { ...V1_PAPERS[1], aliases: ['arxiv:math/0309999'], tagKeys: [], updatedAt: 1_600_000_000_000 },
    ];
    await old.table('papers').bulkAdd(records);
    await old.table('tags').bulkAdd(V1_TAGS);
    old.close();

    const db = new ShelfmarkDB(NAME, { indexedDB: factory, IDBKeyRange });
    expect(await db.papers.orderBy('id').toArray()).toEqual(records); // already in id order
    expect(await db.tags.orderBy('key').toArray()).toEqual([...V1_TAGS].sort((a, b) => a.key.localeCompare(b.key)));
    expect(db.papers.schema.indexes.map((index) => index.name).sort()).toEqual(['aliases', 'savedAt', 'tagKeys']);
    // What the extension queries still answers, now from the upgraded store.
    expect((await db.papers.orderBy('savedAt').reverse().limit(1).toArray()).map((p) => p.id)).toEqual(['arxiv:2502.00011']);
    expect(await db.papers.where('aliases').equals('doi:10.9999/made.up.1').count()).toBe(1);
    expect(await db.papers.where('tagKeys').equals('to-read').count()).toBe(1);
    // The dropped indexes are gone from IndexedDB itself, not only from Dexie's view.
    const idb = db.backendDB();
    expect([...idb.transaction('papers').objectStore('papers').indexNames].sort()).toEqual(['aliases', 'savedAt', 'tagKeys']);
    db.close();
  });

  it('opens a version-4 database at the newest version with every record intact, and empty, working seen-history (v6) and rankFeatures (v9) stores', async () => {
    const factory = freshFactory();
    const old = new Dexie(NAME, { indexedDB: factory, IDBKeyRange });
    old.version(4).stores({ papers: 'id, savedAt, *tagKeys, *aliases', tags: 'key, createdAt' });
    const records = [
      { ...V1_PAPERS[0], tagKeys: ['topology', 'to-read'], updatedAt: 1_700_000_500_000, version: 2 },
      { ...V1_PAPERS[1], aliases: ['arxiv:math/0309999'], tagKeys: [], updatedAt: 1_600_000_000_000 },
    ];
    await old.table('papers').bulkAdd(records);
    await old.table('tags').bulkAdd(V1_TAGS);
    old.close();

    const db = new ShelfmarkDB(NAME, { indexedDB: factory, IDBKeyRange });
    expect(await db.papers.orderBy('id').toArray()).toEqual(records);
    expect(await db.tags.orderBy('key').toArray()).toEqual([...V1_TAGS].sort((a, b) => a.key.localeCompare(b.key)));
    expect(await db.seen.count()).toBe(0);
    expect(await db.visits.count()).toBe(0);
    await db.seen.add({ id: 'arxiv:2502.00011', at: 5 });
    expect(await db.seen.where('at').below(10).primaryKeys()).toEqual(['arxiv:2502.00011']);
    expect(db.verno).toBeGreaterThanOrEqual(9);
    expect(await db.rankFeatures.count()).toBe(0);
    await db.rankFeatures.put({ id: 'arxiv:2502.00011', f: new Uint32Array([3, 3, 9]), at: 5 });
    expect(await db.rankFeatures.where('at').above(1).primaryKeys()).toEqual(['arxiv:2502.00011']);
    db.close();
  });

  // Version 10 ("for you") adds the stored model beside version 9's features, which stay.
  it('opens a version-9 database as version 10: the stored features intact, the model store there and empty', async () => {
    const factory = freshFactory();
    const old = new Dexie(NAME, { indexedDB: factory, IDBKeyRange });
    old.version(9).stores({
      papers: 'id, savedAt, *tagKeys, *aliases',
      tags: 'key, createdAt',
      seen: 'id, at',
      visits: 'listing, at',
      syncPapers: 'id',
      syncTags: 'key',
      syncMeta: 'key',
      rankFeatures: 'id, at',
    });
    const features = { id: 'arxiv:2502.00011', f: new Uint32Array([3, 3, 9]), at: 5 };
    await old.table('papers').bulkAdd([{ ...V1_PAPERS[0], tagKeys: [], updatedAt: 1_700_000_500_000 }]);
    await old.table('rankFeatures').add(features);
    old.close();

    const db = new ShelfmarkDB(NAME, { indexedDB: factory, IDBKeyRange });
    expect(db.verno).toBeGreaterThanOrEqual(10);
    expect(await db.papers.count()).toBe(1);
    expect(await db.rankFeatures.toArray()).toEqual([features]);
    expect(await db.rankModel.count()).toBe(0);
    const weights = new Float32Array([0.5, -1]);
    await db.rankModel.put({ key: 'user', format: 1, model: { weights } as never, trainedAt: 7 });
    expect(((await db.rankModel.get('user'))!.model as unknown as { weights: Float32Array }).weights).toEqual(weights);
    db.close();
  });

  // Version 7 (cross-device sync) adds its three tables; the newest version before it in this
  // schema's history is 4 (5 and 6 belong to other features and may land in either order).
  it('opens a version-4 database as version 7: every record intact, the sync tables there and empty', async () => {
    const factory = freshFactory();
    const old = new Dexie(NAME, { indexedDB: factory, IDBKeyRange });
    old.version(4).stores({ papers: 'id, savedAt, *tagKeys, *aliases', tags: 'key, createdAt' });
    const records = [
      { ...V1_PAPERS[0], tagKeys: ['topology', 'to-read'], updatedAt: 1_700_000_500_000 },
      { ...V1_PAPERS[1], aliases: ['arxiv:math/0309999'], tagKeys: [], updatedAt: 1_600_000_000_000 },
    ];
    await old.table('papers').bulkAdd(records);
    await old.table('tags').bulkAdd(V1_TAGS);
    old.close();

    const db = new ShelfmarkDB(NAME, { indexedDB: factory, IDBKeyRange });
    expect(await db.papers.orderBy('id').toArray()).toEqual(records);
    expect(await db.tags.orderBy('key').toArray()).toEqual([...V1_TAGS].sort((a, b) => a.key.localeCompare(b.key)));
    expect(db.verno).toBeGreaterThanOrEqual(7);
    expect(await db.syncPapers.count()).toBe(0);
    expect(await db.syncTags.count()).toBe(0);
    expect(await db.syncMeta.count()).toBe(0);
    await db.syncMeta.put({ key: 'device', deviceId: 'd', clock: 0 });
    expect(await db.syncMeta.get('device')).toEqual({ key: 'device', deviceId: 'd', clock: 0 });
    db.close();
  });
});
