// "For you" in the background (issue 15): keeps the user's ranking model (src/rank/) in memory
// and in IndexedDB, trains it in slices after the library or the seen history changes, scores the
// entries of every getStates answer (the page's one batched request: no message per entry) and
// remembers each tab's suggestions for the popup. Training never blocks an answer: until a model
// exists, answers say it is training. A restarted background (Chromium stops an idle service
// worker after 30 s) reads the stored model before its first answer instead of training again.
import type { ShelfmarkDB } from '../db/schema';
import { clearFeatures, rememberFeatures, storedModel, storeModel, type RankFeaturesRecord } from '../db/rank-features';
import { featuresOf } from '../rank/features';
import { isModel, MODEL_FORMAT, suggest, train, type NotReady, type RankEntry, type RankModel, type SavedFeatureCache } from '../rank/model';
import { explanation, type ForYouAnswer, type ForYouStatus, type PageSuggestions, type SuggestionInfo } from '../shared/for-you';
import type { PaperId, PaperState } from '../shared/paper';
import type { Settings } from '../shared/settings';
import { currentSettings } from './current-settings';
import { giveWay } from './give-way';
import { TabMemory } from './tab-memory';
import { TrainingInputs, type Timed } from './training-inputs';

export interface RankRef {
  id: PaperId;
  text?: string;
}

export interface ForYouOptions {
  /** The user's setting, read when needed (storage.local in the product). */
  settings: () => Promise<Settings['forYou']>;
  /** Wait after the last library change before retraining (saves come in bursts). */
  trainDelayMs?: number;
  /** Training yields after this long (ms), so messages are answered in between, and rests as long (give-way.ts). */
  sliceMs?: number;
  /** Wait after the last training before the model is stored (#storeSoon). */
  storeDelayMs?: number;
}

/**
 * Each training run is a `performance.measure` of this name in the background's timeline, from
 * its first read to its model trained (storing the model later is a run of its own): the bench
 * (sync-p95-during-training) tells by it which changes were synced while a training ran. Kept to
 * the last TRAININGS_TIMED.
 */
export const TRAINING_MEASURE = 'shelfmark:training';
const TRAINING_START = 'shelfmark:training-start';
const TRAININGS_TIMED = 200;

/**
 * Each step of a training run is a `performance.measure` of this prefix and its name (papers,
 * features, seen, train, store): the bench reports them beside the runs (which step a save
 * waits behind). Cleared with the runs' measures.
 */
export const TRAINING_STEP_MEASURE = 'shelfmark:training:';

const timed: Timed = async (step, work) => {
  const start = performance.now();
  try {
    return await work;
  } finally {
    performance.measure(TRAINING_STEP_MEASURE + step, { start, end: performance.now() });
  }
};

/** Papers newly seen (and so new negatives) that make the model worth retraining. */
const RETRAIN_AFTER_SEEN = 200;
const TAB_SUGGESTIONS_KEPT = 500;

/** A tab's page as ranked: in session storage (tab-memory.ts), so plain data. */
interface TabRecord {
  url: string;
  status: ForYouStatus;
  saved?: number;
  /** In the page's order, at most TAB_SUGGESTIONS_KEPT. */
  suggestions: [PaperId, SuggestionInfo & { title: string }][];
}

export class ForYouService {
  readonly #o: Required<ForYouOptions>;
  #model: RankModel | null = null;
  #notReady: NotReady | null = null;
  #stale = true;
  #training: Promise<void> | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** Storing the newest model, once training settles (#storeSoon). */
  #storeTimer: ReturnType<typeof setTimeout> | undefined;
  #db: ShelfmarkDB | null = null;
  /** Reading the stored model: once per background start, before the first answer. */
  #loading: Promise<void> | null = null;
  /** Bumped by reset(): a training that began before it keeps nothing. */
  #generation = 0;
  /** What training learns from, kept between runs (each run reads what changed since); with the database it follows. */
  #inputs: TrainingInputs | null = null;
  #seenSinceTraining = 0;
  readonly #tabs = new TabMemory<TabRecord>('for-you');
  /** The saved papers' features, kept between trainings (a save's retraining reads only the new paper). */
  readonly #savedFeatures: SavedFeatureCache = new Map();

  constructor(options: ForYouOptions) {
    this.#o = { trainDelayMs: 300, sliceMs: 8, storeDelayMs: 3_000, ...options };
  }

  /** Training's pause between two slices (give-way.ts). */
  readonly #giveWay = (): Promise<void> => giveWay(this.#o.sliceMs);

  /** The forYou part of a getStates answer for `papers` (their `states` already read). */
  async answer(
    db: ShelfmarkDB,
    papers: readonly RankRef[],
    states: Record<PaperId, PaperState>,
    tab?: { id: number; url: string },
  ): Promise<ForYouAnswer> {
    this.#db = db;
    const settings = await this.#o.settings();
    if (!settings.enabled) {
      // Turned off: the model and what it learned from go (turned on again, it starts afresh).
      if (this.#model || this.#notReady || this.#inputs) this.reset();
      return { status: 'off', suggestions: {} };
    }
    await (this.#loading ??= this.#load(db));
    const candidates = papers.filter((p): p is Required<RankRef> => typeof p.text === 'string' && p.text.length > 0 && !states[p.id]?.saved);
    const entries = this.#remember(db, candidates);
    if (this.#stale && !this.#training) this.#schedule(0);

    let answer: ForYouAnswer;
    if (!this.#model) {
      answer = this.#notReady ? { ...this.#notReadyStatus(this.#notReady), suggestions: {} } : { status: 'training', suggestions: {} };
    } else {
      const found = suggest(this.#model, entries, settings.maxShare);
      const suggestions: Record<PaperId, SuggestionInfo> = {};
      for (const { id, because, like, tag } of found) {
        const why = explanation(because, like);
        suggestions[id] = tag ? { because, like, tag, why } : { because, like, why };
      }
      answer = { status: 'on', suggestions };
    }
    if (tab) this.#recordTab(tab, answer, candidates);
    return answer;
  }

  /** The popup's "suggested on this page", for the tab it was opened over; null when nothing on it was ranked. */
  async pageSuggestions(tabId: number): Promise<PageSuggestions | null> {
    const record = await this.#tabs.get(tabId);
    if (!record) return null;
    // Answered while the first model was being trained, which then found too little to go on: say why.
    const now = record.status === 'training' && this.#notReady ? this.#notReadyStatus(this.#notReady) : { status: record.status, saved: record.saved };
    return {
      status: now.status,
      ...(now.saved !== undefined ? { saved: now.saved } : {}),
      suggestions: record.suggestions.map(([id, info]) => ({ id, ...info })),
    };
  }

  /** A committed write changed the library: retrain soon. */
  libraryChanged(db: ShelfmarkDB): void {
    this.#retrainSoon(db);
  }

  /**
   * The seen history gained `count` papers: the unsaved ones are new negatives. Retrain once
   * enough came, or at once when there was nothing to learn from yet.
   */
  seenAdded(db: ShelfmarkDB, count: number): void {
    if (count === 0) return;
    this.#db = db;
    this.#seenSinceTraining += count;
    if (this.#seenSinceTraining >= RETRAIN_AFTER_SEEN || (!this.#model && this.#notReady?.reason === 'no-seen')) this.#retrainSoon(db);
  }

  /** Papers left the seen history (forgotten, cleared, pruned): they are no longer learned from. */
  seenRemoved(db: ShelfmarkDB): void {
    // Inputs not made yet read the whole history when they are.
    if (this.#inputs?.db === db) this.#inputs.seenRemoved();
    this.#retrainSoon(db);
  }

  /** Settles when no training is running or scheduled (tests, and before a bench reads the model). */
  async idle(): Promise<void> {
    while (this.#training || this.#timer !== undefined || this.#storeTimer !== undefined) {
      if (this.#training) await this.#training;
      else await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /** Forgets the model, every tab's suggestions and the stored features and model (the feature was turned off). */
  reset(): void {
    this.#generation += 1;
    clearTimeout(this.#storeTimer);
    this.#storeTimer = undefined;
    this.#model = null;
    this.#notReady = null;
    this.#stale = true;
    this.#tabs.clear().catch((error: unknown) => console.warn('Shelfmark: could not clear the tabs\' suggestions', error));
    this.#inputs?.destroy();
    this.#inputs = null;
    this.#savedFeatures.clear();
    if (this.#db) clearFeatures(this.#db).catch((error: unknown) => console.warn('Shelfmark: could not clear ranking features', error));
  }

  #inputsOf(db: ShelfmarkDB): TrainingInputs {
    if (this.#inputs?.db !== db) {
      this.#inputs?.destroy();
      this.#inputs = new TrainingInputs(db, { pause: this.#giveWay });
    }
    return this.#inputs;
  }

  #retrainSoon(db: ShelfmarkDB): void {
    this.#db = db;
    this.#stale = true;
    this.#schedule(this.#o.trainDelayMs);
  }

  #notReadyStatus(notReady: NotReady): { status: ForYouStatus; saved?: number } {
    return notReady.reason === 'cold-start' ? { status: 'cold-start', saved: notReady.saved } : { status: 'no-seen' };
  }

  /** The model a previous run of the background trained, if any; retrained soon when the library changed since. */
  async #load(db: ShelfmarkDB): Promise<void> {
    try {
      const [model, saved] = await Promise.all([storedModel(db, MODEL_FORMAT), db.papers.count()]);
      if (!model || this.#model) return;
      this.#model = model;
      // A save the stopped background had no time to learn from: scored with the stored model meanwhile.
      this.#stale = model.savedCount !== saved;
    } catch (error) {
      console.warn('Shelfmark: could not read the stored "for you" model', error);
    }
  }

  #recordTab(tab: { id: number; url: string }, answer: ForYouAnswer, candidates: readonly Required<RankRef>[]): void {
    const titles = new Map(candidates.map((c) => [c.id, c.text.split('\n', 1)[0]!]));
    void this.#tabs.update(tab.id, (previous) => {
      // A page's first screen and the rest come as two answers: one record per page, not per answer.
      const kept = previous && previous.url === tab.url ? previous : null;
      const suggestions = new Map(kept?.suggestions);
      for (const [id, info] of Object.entries(answer.suggestions)) {
        if (suggestions.size >= TAB_SUGGESTIONS_KEPT) break;
        suggestions.set(id, { ...info, title: titles.get(id) ?? id });
      }
      const saved = answer.saved ?? kept?.saved;
      return { url: tab.url, status: answer.status, ...(saved !== undefined ? { saved } : {}), suggestions: [...suggestions] };
    });
  }

  /**
   * Stores the features of papers not stored yet, after the answer (never delays it), and hands
   * back the entries to rank, those features with them: each text is read once per answer.
   */
  #remember(db: ShelfmarkDB, candidates: readonly Required<RankRef>[]): RankEntry[] {
    const at = Date.now();
    const inputs = this.#inputsOf(db);
    const fresh: RankFeaturesRecord[] = [];
    const entries = candidates.map(({ id, text }): RankEntry => {
      if (inputs.hasFeatures(id)) return { id, text };
      const record = { id, f: featuresOf(text), at };
      inputs.featuresRemembered(record);
      fresh.push(record);
      return { id, text, features: record.f };
    });
    if (fresh.length > 0) {
      setTimeout(() => {
        rememberFeatures(db, fresh).catch((error: unknown) => console.warn('Shelfmark: could not store ranking features', error));
      }, 0);
    }
    return entries;
  }

  #schedule(delay: number): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      if (this.#training) {
        // A change during training: train again once it ends.
        void this.#training.then(() => this.#stale && this.#schedule(0));
        return;
      }
      this.#training = this.#train().finally(() => {
        this.#training = null;
      });
    }, delay);
  }

  async #train(): Promise<void> {
    const db = this.#db;
    if (!db) return;
    const generation = this.#generation;
    this.#stale = false;
    this.#seenSinceTraining = 0;
    clearTimeout(this.#storeTimer);
    this.#storeTimer = undefined;
    await this.#timedRun(async () => {
      if (!(await this.#o.settings()).enabled) return;
      const { saved, seen } = await this.#inputsOf(db).read(timed);
      const result = await timed('train', train({ saved, seen }, { sliceMs: this.#o.sliceMs, yieldFn: this.#giveWay, featureCache: this.#savedFeatures }));
      if (generation !== this.#generation) return;
      if (isModel(result)) {
        this.#model = result;
        this.#notReady = null;
        this.#storeSoon(db, result);
      } else {
        this.#model = null;
        this.#notReady = result;
        await db.rankModel.clear();
      }
    });
  }

  /**
   * Writes `model` once training has settled (no retraining for storeDelayMs), not after every
   * retraining: it is megabytes, and writing it held the thread and the database for ~100 ms (a
   * save waited behind it). A background stopped before then retrains at its next start (#load).
   */
  #storeSoon(db: ShelfmarkDB, model: RankModel): void {
    const generation = this.#generation;
    clearTimeout(this.#storeTimer);
    this.#storeTimer = setTimeout(() => {
      this.#storeTimer = undefined;
      // A training started meanwhile stores its own model when it ends.
      if (this.#training || generation !== this.#generation) return;
      this.#training = this.#timedRun(async () => {
        await this.#giveWay();
        if (generation === this.#generation && this.#model === model) await timed('store', storeModel(db, model, MODEL_FORMAT));
      }).finally(() => {
        this.#training = null;
      });
    }, this.#o.storeDelayMs);
  }

  /** `work` as one of training's runs in the background's timeline (TRAINING_MEASURE); it never throws. */
  async #timedRun(work: () => Promise<void>): Promise<void> {
    performance.clearMarks(TRAINING_START);
    performance.mark(TRAINING_START);
    try {
      await work();
    } catch (error) {
      console.warn('Shelfmark: training the "for you" model failed', error);
    } finally {
      if (performance.getEntriesByName(TRAINING_MEASURE).length >= TRAININGS_TIMED) {
        for (const entry of performance.getEntriesByType('measure')) if (entry.name.startsWith(TRAINING_MEASURE)) performance.clearMeasures(entry.name);
      }
      performance.measure(TRAINING_MEASURE, TRAINING_START);
    }
  }
}

let shared: ForYouService | undefined;

/** The background's one service; it reads the setting from the background's copy (current-settings.ts). */
export function forYouService(): ForYouService {
  shared ??= new ForYouService({ settings: async () => (await currentSettings()).forYou });
  return shared;
}
