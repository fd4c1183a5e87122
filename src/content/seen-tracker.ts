// The seen history's eyes: an entry on screen for about a second (at least half of it showing,
// the tab visible) counts as seen. Ids are reported in batches (markSeen), never one message per
// entry, and each at most once per page. Only drawn entries are watched: an entry on screen is
// always drawn (hosts are drawn a screen ahead), and far ones cost the observer nothing.
import type { PaperId } from '../shared/paper';
import type { EntryIndex } from './entry-index';
import type { EntryView } from './entry-view';

export interface SeenTrackerOptions {
  doc: Document;
  win: Window;
  index: EntryIndex;
  /** Sends a batch of seen ids to the background. */
  report(ids: PaperId[]): Promise<unknown>;
  /** How long an entry must stay on screen to count as seen. */
  dwellMs?: number;
  /** How long seen ids wait to be sent together. */
  flushMs?: number;
  /** The observer (tests hand in their own; happy-dom has no layout). */
  createObserver?: (callback: IntersectionObserverCallback, init: IntersectionObserverInit) => Pick<IntersectionObserver, 'observe' | 'unobserve' | 'disconnect'>;
}

const DWELL_MS = 1000;
const FLUSH_MS = 2000;

export class SeenTracker {
  readonly #o: SeenTrackerOptions;
  readonly #dwellMs: number;
  readonly #flushMs: number;
  #observer: Pick<IntersectionObserver, 'observe' | 'unobserve' | 'disconnect'> | undefined;
  readonly #byElement = new WeakMap<Element, EntryView>();
  /** Entry elements on screen now, each with its dwell timer (none while the tab is hidden). */
  readonly #onScreen = new Map<Element, ReturnType<typeof setTimeout> | undefined>();
  readonly #pending = new Set<PaperId>();
  readonly #reported = new Set<PaperId>();
  #flushTimer: ReturnType<typeof setTimeout> | undefined;
  #destroyed = false;

  constructor(options: SeenTrackerOptions) {
    this.#o = options;
    this.#dwellMs = options.dwellMs ?? DWELL_MS;
    this.#flushMs = options.flushMs ?? FLUSH_MS;
    options.index.onDrop((view) => this.#forget(view.entry.element));
  }

  get enabled(): boolean {
    return this.#observer !== undefined;
  }

  /** Starts watching (the history is on: the page's answer carried marks). */
  enable(): void {
    if (this.#observer || this.#destroyed) return;
    const create =
      this.#o.createObserver ?? ((callback, init) => new (this.#o.win as Window & typeof globalThis).IntersectionObserver(callback, init));
    this.#observer = create((entries) => this.#onIntersections(entries), { threshold: 0.5 });
    this.#o.doc.addEventListener('visibilitychange', this.#onVisibility);
    this.#o.win.addEventListener('pagehide', this.#flushNow);
    for (const view of this.#o.index.all()) if (view.hydrated) this.watch(view);
  }

  /** A drawn entry: watched until it has been seen. */
  watch(view: EntryView): void {
    if (!this.#observer || view.mark === 'seen' || this.#reported.has(view.id)) return;
    const element = view.entry.element;
    if (this.#byElement.get(element) === view) return;
    this.#byElement.set(element, view);
    this.#observer.observe(element);
  }

  /** Ids of entries reported seen on this page so far. */
  reportedIds(): ReadonlySet<PaperId> {
    return this.#reported;
  }

  destroy(): void {
    if (this.#destroyed) return;
    this.#flushNow();
    this.#destroyed = true;
    for (const timer of this.#onScreen.values()) clearTimeout(timer);
    this.#onScreen.clear();
    clearTimeout(this.#flushTimer);
    this.#observer?.disconnect();
    this.#observer = undefined;
    this.#o.doc.removeEventListener('visibilitychange', this.#onVisibility);
    this.#o.win.removeEventListener('pagehide', this.#flushNow);
  }

  #onIntersections(entries: readonly IntersectionObserverEntry[]): void {
    for (const entry of entries) {
      const element = entry.target;
      if (entry.isIntersecting && entry.intersectionRatio >= 0.5) {
        if (!this.#onScreen.has(element)) this.#onScreen.set(element, this.#startDwell(element));
      } else {
        clearTimeout(this.#onScreen.get(element));
        this.#onScreen.delete(element);
      }
    }
  }

  #startDwell(element: Element): ReturnType<typeof setTimeout> | undefined {
    if (this.#o.doc.visibilityState === 'hidden') return undefined;
    return setTimeout(() => this.#seen(element), this.#dwellMs);
  }

  #seen(element: Element): void {
    const view = this.#byElement.get(element);
    this.#forget(element);
    if (!view || this.#destroyed || view.mark === 'seen' || this.#reported.has(view.id)) return;
    this.#reported.add(view.id);
    this.#pending.add(view.id);
    this.#flushTimer ??= setTimeout(this.#flushNow, this.#flushMs);
  }

  #forget(element: Element): void {
    clearTimeout(this.#onScreen.get(element));
    this.#onScreen.delete(element);
    if (this.#byElement.delete(element)) this.#observer?.unobserve(element);
  }

  readonly #flushNow = (): void => {
    clearTimeout(this.#flushTimer);
    this.#flushTimer = undefined;
    if (this.#pending.size === 0 || this.#destroyed) return;
    const ids = [...this.#pending];
    this.#pending.clear();
    // Lost on failure: seen history is a convenience, and the entry will be seen again.
    this.#o.report(ids).catch(() => undefined);
  };

  readonly #onVisibility = (): void => {
    const hidden = this.#o.doc.visibilityState === 'hidden';
    for (const [element, timer] of this.#onScreen) {
      clearTimeout(timer);
      this.#onScreen.set(element, hidden ? undefined : this.#startDwell(element));
    }
    if (hidden) this.#flushNow();
  };
}
