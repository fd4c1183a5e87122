// "For you" in the background (issue 15): keeps the user's ranking model (src/rank/) in memory,
// trains it in slices after the library changes, scores the entries of every getStates answer
// (the page's one batched request: no message per entry) and remembers each tab's suggestions for
// the popup. Training never blocks an answer: until a model exists, answers say it is training.
import type { ShelfmarkDB } from '../db/schema';
import { clearFeatures, recentFeatures, rememberFeatures, type RankFeaturesRecord } from '../db/rank-features';
import { featuresOf } from '../rank/features';
import { isModel, suggest, train, type NotReady, type RankModel } from '../rank/model';
import type { ForYouAnswer, ForYouStatus, PageSuggestions, SuggestionInfo } from '../shared/for-you';
import type { PaperId, PaperState } from '../shared/paper';
import { onSettingsChanged, readSettings, type Settings } from '../shared/settings';

export interface RankRef {
  id: PaperId;
  text?: string;
}

export interface ForYouOptions {
  /** The user's setting, read when needed (storage.local in the product). */
  settings: () => Promise<Settings['forYou']>;
  /** Wait after the last library change before retraining (saves come in bursts). */
  trainDelayMs?: number;
  /** Training yields after this long (ms), so messages are answered in between. */
  sliceMs?: number;
}

/** Papers newly shown on pages that make the model worth retraining (new negatives). */
const RETRAIN_AFTER_NEW = 200;
const TAB_SUGGESTIONS_KEPT = 500;

interface TabRecord {
  url: string;
  status: ForYouStatus;
  saved?: number;
  suggestions: Map<PaperId, SuggestionInfo & { title: string }>;
}

export class ForYouService {
  readonly #o: Required<ForYouOptions>;
  #model: RankModel | null = null;
  #notReady: NotReady | null = null;
  #stale = true;
  #training: Promise<void> | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #db: ShelfmarkDB | null = null;
  /** Ids whose features are stored (since this worker started): not written again. */
  readonly #known = new Set<PaperId>();
  #newSinceTraining = 0;
  readonly #tabs = new Map<number, TabRecord>();

  constructor(options: ForYouOptions) {
    this.#o = { trainDelayMs: 300, sliceMs: 8, ...options };
  }

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
      if (tab) this.#tabs.delete(tab.id);
      return { status: 'off', suggestions: {} };
    }
    const candidates = papers.filter((p): p is Required<RankRef> => typeof p.text === 'string' && p.text.length > 0 && !states[p.id]?.saved);
    this.#remember(db, candidates);
    if (this.#stale && !this.#training) this.#schedule(0);

    let answer: ForYouAnswer;
    if (!this.#model) {
      answer = this.#notReady ? { ...this.#notReadyStatus(this.#notReady), suggestions: {} } : { status: 'training', suggestions: {} };
    } else {
      const found = suggest(this.#model, candidates, settings.maxShare);
      const suggestions: Record<PaperId, SuggestionInfo> = {};
      for (const { id, because, like, tag } of found) suggestions[id] = tag ? { because, like, tag } : { because, like };
      answer = { status: 'on', suggestions };
    }
    if (tab) this.#recordTab(tab, answer, candidates);
    return answer;
  }

  /** The popup's "suggested on this page", for the tab it was opened over. */
  pageSuggestions(tabId: number): PageSuggestions {
    const record = this.#tabs.get(tabId);
    if (!record) return { status: this.#model ? 'on' : this.#notReady ? this.#notReadyStatus(this.#notReady).status : 'training', suggestions: [] };
    return {
      status: record.status,
      ...(record.saved !== undefined ? { saved: record.saved } : {}),
      suggestions: [...record.suggestions].map(([id, info]) => ({ id, ...info })),
    };
  }

  /** A committed write changed the library: retrain soon. */
  libraryChanged(db: ShelfmarkDB): void {
    this.#db = db;
    this.#stale = true;
    this.#schedule(this.#o.trainDelayMs);
  }

  /** Settles when no training is running or scheduled (tests, and before a bench reads the model). */
  async idle(): Promise<void> {
    while (this.#training || this.#timer !== undefined) {
      if (this.#training) await this.#training;
      else await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /** Forgets the model, every tab's suggestions and the stored features (the feature was turned off). */
  reset(): void {
    this.#model = null;
    this.#notReady = null;
    this.#stale = true;
    this.#tabs.clear();
    this.#known.clear();
    if (this.#db) clearFeatures(this.#db).catch((error: unknown) => console.warn('Shelfmark: could not clear ranking features', error));
  }

  #notReadyStatus(notReady: NotReady): { status: ForYouStatus; saved?: number } {
    return notReady.reason === 'cold-start' ? { status: 'cold-start', saved: notReady.saved } : { status: 'no-seen' };
  }

  #recordTab(tab: { id: number; url: string }, answer: ForYouAnswer, candidates: readonly Required<RankRef>[]): void {
    let record = this.#tabs.get(tab.id);
    // A page's first screen and the rest come as two answers: one record per page, not per answer.
    if (!record || record.url !== tab.url) {
      record = { url: tab.url, status: answer.status, suggestions: new Map() };
      this.#tabs.set(tab.id, record);
    }
    record.status = answer.status;
    if (answer.saved !== undefined) record.saved = answer.saved;
    const titles = new Map(candidates.map((c) => [c.id, c.text.split('\n', 1)[0]!]));
    for (const [id, info] of Object.entries(answer.suggestions)) {
      if (record.suggestions.size >= TAB_SUGGESTIONS_KEPT) break;
      record.suggestions.set(id, { ...info, title: titles.get(id) ?? id });
    }
  }

  /** Stores the features of papers not stored yet, after the answer (never delays it). */
  #remember(db: ShelfmarkDB, candidates: readonly Required<RankRef>[]): void {
    const at = Date.now();
    const fresh: RankFeaturesRecord[] = [];
    for (const { id, text } of candidates) {
      if (this.#known.has(id)) continue;
      this.#known.add(id);
      fresh.push({ id, f: featuresOf(text), at });
    }
    if (fresh.length === 0) return;
    this.#newSinceTraining += fresh.length;
    setTimeout(() => {
      rememberFeatures(db, fresh).catch((error: unknown) => console.warn('Shelfmark: could not store ranking features', error));
      if (this.#newSinceTraining >= RETRAIN_AFTER_NEW || !this.#model) {
        this.#stale = true;
        this.#schedule(this.#o.trainDelayMs);
      }
    }, 0);
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
    this.#stale = false;
    this.#newSinceTraining = 0;
    try {
      const [papers, stored] = await Promise.all([db.papers.toArray(), recentFeatures(db)]);
      const savedKeys = new Set<PaperId>();
      for (const paper of papers) for (const key of paper.aliases ?? [paper.id]) savedKeys.add(key);
      for (const record of stored) this.#known.add(record.id);
      const seen = stored.filter((record) => !savedKeys.has(record.id)).map((record) => record.f);
      const saved = papers.map((paper) => ({ id: paper.id, title: paper.title, ...(paper.abstract ? { abstract: paper.abstract } : {}), tags: paper.tags }));
      const result = await train({ saved, seen }, { sliceMs: this.#o.sliceMs });
      if (isModel(result)) {
        this.#model = result;
        this.#notReady = null;
      } else {
        this.#model = null;
        this.#notReady = result;
      }
    } catch (error) {
      console.warn('Shelfmark: training the "for you" model failed', error);
    }
  }
}


let shared: ForYouService | undefined;
let cachedSettings: Promise<Settings['forYou']> | undefined;

/** The background's one service, reading the setting from storage once and then on each change. */
export function forYouService(): ForYouService {
  shared ??= new ForYouService({
    settings: () => {
      if (!cachedSettings) {
        cachedSettings = readSettings().then((settings) => settings.forYou);
        onSettingsChanged((settings) => {
          const was = cachedSettings;
          cachedSettings = Promise.resolve(settings.forYou);
          // Turned off: the model and what it learned from go (turned on again, it starts afresh).
          void was?.then((before) => {
            if (before.enabled && !settings.forYou.enabled) shared?.reset();
          });
        });
      }
      return cachedSettings;
    },
  });
  return shared;
}
