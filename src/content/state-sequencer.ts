// Keeps entries in step with the background. Answers and broadcasts travel on different channels,
// so an answer can arrive after a broadcast that is newer than it: every broadcast bumps `seq`,
// and an answer to a request sent at seq N never undoes what a broadcast numbered above N showed.
import type { StateChange } from '../shared/messages';
import type { PaperId, PaperState } from '../shared/paper';
import type { EntryIndex } from './entry-index';
import type { EntryView } from './entry-view';

// Broadcast states remembered so that a slower getStates answer cannot overwrite them.
const RECENT_LIMIT = 4000;

export class StateSequencer {
  readonly #index: EntryIndex;
  #seq = 0;
  readonly #recent = new Map<PaperId, { seq: number; state: PaperState }>();
  #destroyed = false;

  constructor(index: EntryIndex) {
    this.#index = index;
  }

  /** The sequence number a request sent now carries (its answer's `sentAt`). */
  now(): number {
    return this.#seq;
  }

  /** Shows `state` (answered to a request sent at `sentAt`) unless a later broadcast says otherwise. */
  show(view: EntryView, state: PaperState, sentAt: number): void {
    const newer = this.#newestBroadcast(view);
    view.setState(newer && newer.seq > sentAt ? newer.state : state);
  }

  /** An action's answer: for the acting entry and every other copy of the same paper. */
  applyAnswer(view: EntryView, state: PaperState, sentAt: number): void {
    const targets = new Set<EntryView>([view]);
    for (const key of [view.id, state.id]) for (const other of this.#index.viewsFor(key)) targets.add(other);
    for (const target of targets) this.show(target, state, sentAt);
  }

  applyBroadcast(changes: readonly StateChange[]): void {
    if (this.#destroyed) return;
    for (const change of changes) {
      this.#seq += 1;
      const targets = new Set<EntryView>();
      for (const key of change.keys) {
        this.#recent.delete(key);
        this.#recent.set(key, { seq: this.#seq, state: change.state });
        for (const view of this.#index.viewsFor(key)) targets.add(view);
      }
      for (const view of targets) view.setState(change.state);
    }
    while (this.#recent.size > RECENT_LIMIT) this.#recent.delete(this.#recent.keys().next().value!);
  }

  destroy(): void {
    this.#destroyed = true;
    this.#recent.clear();
  }

  #newestBroadcast(view: EntryView) {
    let best: { seq: number; state: PaperState } | undefined;
    for (const key of view.keys()) {
      const seen = this.#recent.get(key);
      if (seen && (!best || seen.seq > best.seq)) best = seen;
    }
    return best;
  }
}
