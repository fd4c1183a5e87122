// A tab that was hidden or frozen, or whose background was restarted, may have missed broadcasts:
// when it is shown again it asks again for the state of every entry (one getStates).
import { unsavedState } from '../shared/paper';
import type { EntryIndex } from './entry-index';
import type { StateSequencer } from './state-sequencer';
import type { StateFetcher } from './scheduler';

export class CatchUp {
  readonly #doc: Document;
  readonly #win: Window;
  readonly #index: EntryIndex;
  readonly #sequencer: StateSequencer;
  readonly #fetchStates: StateFetcher;
  #refreshing: Promise<void> | undefined;
  #again = false;
  #destroyed = false;

  constructor(doc: Document, win: Window, index: EntryIndex, sequencer: StateSequencer, fetchStates: StateFetcher) {
    this.#doc = doc;
    this.#win = win;
    this.#index = index;
    this.#sequencer = sequencer;
    this.#fetchStates = fetchStates;
    doc.addEventListener('visibilitychange', this.#onVisibilityChange);
    win.addEventListener('pageshow', this.#onPageShow);
  }

  /** Re-asks the state of every entry; calls while one is running make it run once more. */
  refresh(): Promise<void> {
    if (this.#destroyed) return Promise.resolve();
    if (this.#refreshing) {
      this.#again = true;
      return this.#refreshing;
    }
    this.#refreshing = this.#run().finally(() => {
      this.#refreshing = undefined;
    });
    return this.#refreshing;
  }

  destroy(): void {
    this.#destroyed = true;
    this.#doc.removeEventListener('visibilitychange', this.#onVisibilityChange);
    this.#win.removeEventListener('pageshow', this.#onPageShow);
  }

  async #run(): Promise<void> {
    do {
      this.#again = false;
      const targets = this.#index.all();
      if (targets.length === 0) break;
      const sentAt = this.#sequencer.now();
      try {
        // Not a visit (no listing): the seen/new marks of the page's scan stay as they are.
        const { states } = await this.#fetchStates(targets.map((view) => view.entry));
        if (this.#destroyed) return;
        for (const view of targets) {
          if (this.#index.has(view)) this.#sequencer.show(view, states[view.id] ?? unsavedState(view.id), sentAt);
        }
      } catch {
        // The next visibilitychange or broadcast tries again.
      }
    } while (this.#again && !this.#destroyed);
  }

  readonly #onVisibilityChange = (): void => {
    if (this.#doc.visibilityState === 'visible') void this.refresh();
  };

  readonly #onPageShow = (event: PageTransitionEvent): void => {
    if (event.persisted) void this.refresh();
  };
}
