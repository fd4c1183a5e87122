// Which entries of the page have a view, found by element, host or paper key. The one place that
// knows "this entry is already annotated": every other unit asks here, none keeps its own list.
import type { PaperId } from '../shared/paper';
import type { PaperEntry } from '../sites/types';
import { HOST_TAG, type EntryView } from './entry-view';

export class EntryIndex {
  readonly #views = new Set<EntryView>();
  // Arrays, not Sets: a listing indexes thousands of keys, nearly all with one view.
  readonly #byKey = new Map<PaperId, EntryView[]>();
  readonly #byElement = new WeakMap<Element, EntryView>();
  readonly #byHost = new WeakMap<Element, EntryView>();
  // Entries being annotated or annotated: one entry never gets two hosts.
  readonly #claimed = new WeakSet<Element>();
  // Built but not inserted yet (the first screen waits for its states): not lost, just not in yet.
  readonly #awaitingInsert = new WeakSet<EntryView>();
  readonly #dropListeners: ((view: EntryView) => void)[] = [];
  #ordered: EntryView[] | null = null;

  get size(): number {
    return this.#views.size;
  }

  all(): EntryView[] {
    return [...this.#views];
  }

  has(view: EntryView): boolean {
    return this.#views.has(view);
  }

  viewsFor(key: PaperId): readonly EntryView[] {
    return this.#byKey.get(key) ?? [];
  }

  viewForHost(host: Element): EntryView | undefined {
    return this.#byHost.get(host);
  }

  /** Called for each view dropped (the page removed it, or the controller is destroyed). */
  onDrop(listener: (view: EntryView) => void): void {
    this.#dropListeners.push(listener);
  }

  /** A view built and about to go in: indexed now, inserted later (see inserted()). */
  add(view: EntryView): void {
    this.#views.add(view);
    this.#byElement.set(view.entry.element, view);
    this.#byHost.set(view.host, view);
    this.#awaitingInsert.add(view);
    for (const key of view.keys()) {
      const list = this.#byKey.get(key);
      if (list) list.push(view);
      else this.#byKey.set(key, [view]);
    }
    this.#ordered = null;
  }

  /** The view's host is in the page now (or will never be: it was dropped). */
  inserted(view: EntryView): void {
    this.#awaitingInsert.delete(view);
    // The keyboard's order was cached while the host was still out of the page.
    this.#ordered = null;
  }

  isAwaitingInsert(view: EntryView): boolean {
    return this.#awaitingInsert.has(view);
  }

  drop(view: EntryView): void {
    this.#views.delete(view);
    this.#byElement.delete(view.entry.element);
    this.#claimed.delete(view.entry.element);
    for (const key of view.keys()) {
      const list = this.#byKey.get(key)?.filter((other) => other !== view);
      if (list?.length) this.#byKey.set(key, list);
      else this.#byKey.delete(key);
    }
    this.#ordered = null;
    for (const listener of this.#dropListeners) listener(view);
    view.destroy();
  }

  /** Entries not annotated yet (already annotated ones are skipped, stale ones replaced); claims them. */
  claimFresh(found: readonly PaperEntry[]): PaperEntry[] {
    const fresh: PaperEntry[] = [];
    for (const entry of found) {
      const existing = this.#byElement.get(entry.element);
      if (existing) {
        // A client-side app may reuse an element for another paper, or drop our host on re-render.
        if ((existing.host.isConnected || this.#awaitingInsert.has(existing)) && existing.id === entry.id) continue;
        this.drop(existing);
      } else if (this.#claimed.has(entry.element)) {
        continue;
      }
      this.#claimed.add(entry.element);
      fresh.push(entry);
    }
    return fresh;
  }

  /** A claimed entry that will not be annotated after all (the page dropped it meanwhile). */
  release(element: Element): void {
    this.#claimed.delete(element);
  }

  /** Views whose hosts are in the page, in document order (cached until the index changes). */
  inDocumentOrder(): EntryView[] {
    if (this.#ordered) return this.#ordered;
    const connected = [...this.#views].filter((view) => view.host.isConnected);
    // One pass over the page's hosts gives their order. Comparing hosts pairwise is quadratic where
    // they are siblings in one long list (CVF's `dl`: 1,294 hosts took 110 ms); hosts the pass does
    // not reach (inside a shadow root of the page) are compared as before.
    const rank = new Map<Element, number>();
    const doc = connected[0]?.host.ownerDocument;
    if (doc) for (const host of doc.querySelectorAll(HOST_TAG)) rank.set(host, rank.size);
    const ranked = connected.every((view) => rank.has(view.host));
    this.#ordered = connected.sort(
      ranked
        ? (a, b) => rank.get(a.host)! - rank.get(b.host)!
        : (a, b) => (a.host.compareDocumentPosition(b.host) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1),
    );
    return this.#ordered;
  }

  destroy(): void {
    for (const view of [...this.#views]) this.drop(view);
    this.#dropListeners.length = 0;
  }
}
