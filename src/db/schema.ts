// The one Dexie schema. Versions only grow; each version's upgrade sits right beside it, and
// test/unit/db-migrations.test.ts opens a database written by the previous version. A new
// version also raises SCHEMA_VERSION in schema-version.ts (a unit test checks it).
import Dexie, { type DexieOptions, type EntityTable } from 'dexie';
import type { ListingVisit, SavedPaper, SeenRecord, TagRecord } from '../shared/records';
import type { SyncMetaRecord } from './sync-store';
import type { SyncPaper, SyncTag } from '../sync/record';
import type { RankFeaturesRecord, RankModelRecord } from './rank-features';
import { tagKey } from '../shared/tags';
import { DB_NAME } from './schema-version';

export { DB_NAME };

export class ShelfmarkDB extends Dexie {
  papers!: EntityTable<SavedPaper, 'id'>;
  tags!: EntityTable<TagRecord, 'key'>;
  seen!: EntityTable<SeenRecord, 'id'>;
  visits!: EntityTable<ListingVisit, 'listing'>;
  /** Cross-device sync (schema v7): what sync knows of each paper and tag, with their clocks. */
  syncPapers!: EntityTable<SyncPaper, 'id'>;
  syncTags!: EntityTable<SyncTag, 'key'>;
  /** This device's id and clock. */
  syncMeta!: EntityTable<SyncMetaRecord, 'key'>;
  rankFeatures!: EntityTable<RankFeaturesRecord, 'id'>;
  /** The trained "for you" model (schema v10), so a restarted background need not train again. */
  rankModel!: EntityTable<RankModelRecord, 'key'>;

  /** `options` lets tests hand each database its own IndexedDB factory. */
  constructor(name = DB_NAME, options?: DexieOptions) {
    // liveQuery results (the popup's and the library's whole list) come frozen, not deep-cloned:
    // cloning 10,000 papers took 35–50 ms of the task that shows the whole list, and its garbage
    // as long again (Chromium 156). Nothing changes a record it reads; only liveQuery results
    // are affected.
    super(name, { cache: 'immutable', ...options });

    // v1: tags indexed by display form.
    this.version(1).stores({
      papers: 'id, savedAt, *tags, status, *aliases',
      tags: 'key, createdAt',
    });

    // v2: tags compared case-insensitively ("ML" and "ml" are one tag), through lower-cased
    // keys; `date` and `updatedAt` indexed for sorting by paper date and for sync catch-up.
    this.version(2)
      .stores({
        papers: 'id, savedAt, *tagKeys, status, *aliases, date, updatedAt',
        tags: 'key, createdAt',
      })
      .upgrade(async (tx) => {
        await tx
          .table<SavedPaper, string>('papers')
          .toCollection()
          .modify((paper) => {
            paper.tagKeys = [...new Set((paper.tags ?? []).map(tagKey))];
            paper.updatedAt ??= paper.savedAt;
          });
      });

    // v3: every paper is listed under its own id in `aliases`, so one `aliases` index query
    // finds a paper by any key it is known by (DESIGN.md "Paper identity"). No index changes.
    this.version(3)
      .stores({
        papers: 'id, savedAt, *tagKeys, status, *aliases, date, updatedAt',
        tags: 'key, createdAt',
      })
      .upgrade(async (tx) => {
        await tx
          .table<SavedPaper, string>('papers')
          .toCollection()
          .modify((paper) => {
            const aliases = paper.aliases ?? [];
            if (!aliases.includes(paper.id)) paper.aliases = [paper.id, ...aliases];
          });
      });

    // v4: the indexes no query reads (`status`, `date`, `updatedAt`: the popup filters and sorts
    // in memory) are dropped. Each was one more entry IndexedDB writes with every paper: a
    // 10,000-paper import took ~30% longer with them (Chromium 156). Records are unchanged.
    this.version(4).stores({
      papers: 'id, savedAt, *tagKeys, *aliases',
      tags: 'key, createdAt',
    });

    // v6: the seen history (triage), apart from the reading list: `seen` holds a paper id and the
    // date it was first on screen, nothing else (no title); `at` is indexed for pruning by age.
    // `visits` holds each listing's last two visits (when, and which ids it showed). New stores
    // only: no record of an older version changes, so there is no upgrade.
    this.version(6).stores({
      papers: 'id, savedAt, *tagKeys, *aliases',
      tags: 'key, createdAt',
      seen: 'id, at',
      visits: 'listing, at',
    });

    // v7 (cross-device sync, src/sync/): three new tables, filled only once the user turns sync
    // on; papers and tags are untouched. No upgrade function: nothing existing changes shape.
    this.version(7).stores({
      syncPapers: 'id',
      syncTags: 'key',
      syncMeta: 'key',
    });

    // v9 ("for you", issue 15): `rankFeatures`, the hashed word features of papers listings
    // showed (numbers, no text), `at` indexed to keep the newest. A new store only: no record of
    // an older version changes, so there is no upgrade. Only the new store is named: the other
    // stores keep what the versions before (v5–v8 belong to other features) declared.
    this.version(9).stores({ rankFeatures: 'id, at' });

    // v10 ("for you"): `rankModel`, the trained ranking model (typed arrays of weights, and the
    // titles of saved papers its explanations name), one record. A Chromium service worker is
    // stopped after half a minute idle; without it, every restart retrained from scratch before
    // the first page could be ranked. A new store only: no upgrade.
    this.version(10).stores({ rankModel: 'key' });
  }
}

/** The extension origin's database, opened lazily by whoever first needs it. */
let shared: ShelfmarkDB | undefined;
export function openDb(): ShelfmarkDB {
  shared ??= new ShelfmarkDB();
  return shared;
}
