// What the "for you" training (issue 15) learns from, kept in the background between runs: the
// saved papers, the seen history's ids, and the features of what listings showed. The first run
// of a background reads all three; each later one reads only what changed since. Reading them all
// for every retraining (10,000 papers, 50,000 ids, 50,000 feature records: about 4 s of reads)
// made every save during it wait behind a page being read (sync-p95-during-training).
import Dexie, { RangeSet, type IntervalTree, type ObservabilitySet } from 'dexie';
import { dropFeaturesBefore, featuresCutoff, RANK_FEATURES_KEPT, storedFeatures, type RankFeaturesRecord } from '../db/rank-features';
import { pageAfter, readInPages } from '../db/pages';
import type { ShelfmarkDB } from '../db/schema';
import { seenIds } from '../db/seen';
import type { FeatureIds } from '../rank/features';
import type { Yield } from '../rank/slices';
import type { SavedForRanking } from '../rank/model';
import type { PaperId } from '../shared/paper';
import { keysOf } from '../shared/paper-id';
import type { SavedPaper } from '../shared/records';

/**
 * Saved papers read per transaction by a full read: a save waits for the page being read.
 * sync-p95-during-training's p50 at load 1.4-2.3: 161 ms with 500, 31 ms with 100.
 */
const PAPERS_PER_READ = 100;
/** More changed papers than this are read as a whole library (an import, a bulk edit). */
const CHANGED_PAPERS_READ_ONE_BY_ONE = 2_000;
/**
 * A later read of the seen ids and the features goes back this far before the last one began:
 * a write dated (its `at`) before that read may commit after it, having waited behind others.
 */
const DATED_READ_OVERLAP_MS = 30_000;
/** The features are cut back to the newest RANK_FEATURES_KEPT once they pass it by this share (not at every run). */
const FEATURES_SLACK = 0.1;

export interface TrainingSet {
  saved: SavedForRanking[];
  /** Features of the papers seen and not saved: the negatives. */
  seen: FeatureIds[];
}

export type Timed = <T>(step: string, work: Promise<T>) => Promise<T>;

interface SavedEntry {
  paper: SavedForRanking;
  keys: PaperId[];
}

/** Which papers changed since the last read: their ids, or all of them. */
type Changed = Set<PaperId> | 'all';

export class TrainingInputs {
  readonly db: ShelfmarkDB;
  readonly #papers = new Map<PaperId, SavedEntry>();
  #papersChanged: Changed = 'all';
  readonly #seen = new Set<PaperId>();
  /** Where the next read of the seen ids starts (epoch ms); null: read them all. */
  #seenSince: number | null = null;
  readonly #features = new Map<PaperId, RankFeaturesRecord>();
  #featuresSince: number | null = null;
  readonly #papersPart: string;
  readonly #featuresKept: number;
  readonly #pause: Yield | undefined;
  readonly #onMutated = (parts: ObservabilitySet): void => {
    const keys = parts[this.#papersPart];
    if (keys) this.#notePapers(keys);
  };

  /**
   * `featuresKept`: the newest feature records kept (RANK_FEATURES_KEPT; fewer in tests). `pause`:
   * awaited between two pages of a whole store's read (db/pages.ts; a macrotask by default).
   */
  constructor(db: ShelfmarkDB, { featuresKept = RANK_FEATURES_KEPT, pause }: { featuresKept?: number; pause?: Yield } = {}) {
    this.db = db;
    this.#featuresKept = featuresKept;
    this.#pause = pause;
    // Dexie reports every committed write (any table, any writer: a save, sync, an import) by the
    // keys it touched; a paper store's primary keys are named `idb://<db>/<table>/`.
    this.#papersPart = `idb://${db.name}/papers/`;
    Dexie.on('storagemutated', this.#onMutated);
  }

  /** Stops following the database's writes: a background resetting the ranking drops its inputs. */
  destroy(): void {
    Dexie.on('storagemutated').unsubscribe(this.#onMutated);
  }

  /** Whether the features of `id` are stored (or being stored): a page's answer stores only new ones. */
  hasFeatures(id: PaperId): boolean {
    return this.#features.has(id);
  }

  /** Features the background is storing now (a page's new entry): known at once, not stored twice. */
  featuresRemembered(record: RankFeaturesRecord): void {
    this.#features.set(record.id, record);
  }

  /** Papers left the seen history (forgotten, cleared, pruned): the next read takes the whole history. */
  seenRemoved(): void {
    this.#seenSince = null;
  }

  /**
   * The saved papers and the negatives' features, after reading what changed since the last call.
   * `timed` wraps each store's read (the background measures them: what a save waits behind).
   */
  async read(timed: Timed = (_step, work) => work): Promise<TrainingSet> {
    try {
      // One store after the other: a save waits behind at most one page of one read.
      await timed('papers', this.#readPapers());
      await timed('seen', this.#readSeen());
      await timed('features', this.#readFeatures());
    } catch (error) {
      // What changed since the last read was taken for read: the next read takes everything.
      this.#papersChanged = 'all';
      this.#seenSince = null;
      this.#featuresSince = null;
      throw error;
    }
    const savedKeys = new Set<PaperId>();
    const saved: SavedForRanking[] = [];
    for (const { paper, keys } of this.#papers.values()) {
      saved.push(paper);
      for (const key of keys) savedKeys.add(key);
    }
    // Negatives: papers the user had on screen (the seen history) and did not save. Entries a
    // page listed but the user never scrolled to say nothing about what they want.
    const seen: FeatureIds[] = [];
    for (const record of this.#features.values()) if (this.#seen.has(record.id) && !savedKeys.has(record.id)) seen.push(record.f);
    return { saved, seen };
  }

  #notePapers(keys: IntervalTree): void {
    if (this.#papersChanged === 'all') return;
    // A write in another context comes as a plain tree (cloned): RangeSet() gives it its iterator.
    for (const { from, to } of RangeSet(keys)) {
      // A range, not a key: a bulk write or a clear (Dexie names no keys past 50 records).
      if (typeof from !== 'string' || from !== to) {
        this.#papersChanged = 'all';
        return;
      }
      this.#papersChanged.add(from);
    }
  }

  async #readPapers(): Promise<void> {
    const changed = this.#papersChanged;
    // Writes committed from here on are read next time (or now too: reading one twice is harmless).
    this.#papersChanged = new Set();
    if (changed !== 'all' && changed.size <= CHANGED_PAPERS_READ_ONE_BY_ONE) {
      if (changed.size === 0) return;
      const ids = [...changed];
      const papers = await this.db.papers.bulkGet(ids);
      ids.forEach((id, i) => {
        const paper = papers[i];
        if (paper) this.#papers.set(id, entryOf(paper));
        else this.#papers.delete(id);
      });
      return;
    }
    const papers = await readInPages(
      (after, limit) => pageAfter(this.db.papers, after, limit).toArray(),
      (paper) => paper.id,
      { perRead: PAPERS_PER_READ, ...this.#paging() },
    );
    this.#papers.clear();
    for (const paper of papers) this.#papers.set(paper.id, entryOf(paper));
  }

  async #readSeen(): Promise<void> {
    const since = this.#seenSince;
    this.#seenSince = Date.now() - DATED_READ_OVERLAP_MS;
    const ids = await seenIds(this.db, since === null ? this.#paging() : { since });
    if (since === null) this.#seen.clear();
    for (const id of ids) this.#seen.add(id);
  }

  async #readFeatures(): Promise<void> {
    const since = this.#featuresSince;
    this.#featuresSince = Date.now() - DATED_READ_OVERLAP_MS;
    const records = await storedFeatures(this.db, since === null ? this.#paging() : { since });
    if (since === null) this.#features.clear();
    for (const record of records) this.#features.set(record.id, record);
    if (this.#features.size > this.#featuresKept * (1 + FEATURES_SLACK)) await this.#cutFeatures();
  }

  #paging(): { pause?: Yield } {
    return this.#pause ? { pause: this.#pause } : {};
  }

  /** Keeps the newest (featuresKept), here and in the store. */
  async #cutFeatures(): Promise<void> {
    const cutoff = featuresCutoff(
      Array.from(this.#features.values(), (record) => record.at),
      this.#featuresKept,
    );
    if (cutoff === null) return;
    for (const [id, record] of this.#features) if (record.at < cutoff) this.#features.delete(id);
    await dropFeaturesBefore(this.db, cutoff);
  }
}

function entryOf(paper: SavedPaper): SavedEntry {
  return {
    paper: { id: paper.id, title: paper.title, ...(paper.abstract ? { abstract: paper.abstract } : {}), tags: paper.tags },
    keys: keysOf(paper),
  };
}
