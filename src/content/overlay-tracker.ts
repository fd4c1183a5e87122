// Draws the "saved" tint and the keyboard's current-entry ring over the whole entry, from inside
// the host's shadow root, so the page's own elements are never touched. Only entries that show an
// overlay are measured, and always in one pass of reads followed by one pass of writes: a
// ResizeObserver callback runs after layout, so its reads are free.

export interface OverlayTarget {
  /** The whole entry, whose box the overlay covers. */
  readonly entryElement: Element;
  /** The host, watched for moves. */
  readonly host: HTMLElement;
  /** Positioned against its parent element (an unsized box at the host's start). */
  readonly overlay: HTMLElement | undefined;
}

export class OverlayTracker {
  readonly #byElement = new Map<Element, Set<OverlayTarget>>();
  readonly #observer: ResizeObserver | undefined;

  constructor() {
    this.#observer =
      typeof ResizeObserver === 'function' ? new ResizeObserver((records) => this.#onResize(records)) : undefined;
  }

  track(target: OverlayTarget): void {
    this.#watch(target.entryElement, target);
    this.#watch(target.host, target);
  }

  untrack(target: OverlayTarget): void {
    this.#unwatch(target.entryElement, target);
    this.#unwatch(target.host, target);
  }

  /** Positions now (a forced layout): for the one entry the keyboard just moved to. */
  measureNow(targets: Iterable<OverlayTarget>): void {
    placeOverlays([...targets]);
  }

  disconnect(): void {
    this.#observer?.disconnect();
    this.#byElement.clear();
  }

  #watch(element: Element, target: OverlayTarget) {
    let set = this.#byElement.get(element);
    if (!set) {
      set = new Set();
      this.#byElement.set(element, set);
      this.#observer?.observe(element);
    }
    set.add(target);
  }

  #unwatch(element: Element, target: OverlayTarget) {
    const set = this.#byElement.get(element);
    if (!set) return;
    set.delete(target);
    if (set.size === 0) {
      this.#byElement.delete(element);
      this.#observer?.unobserve(element);
    }
  }

  #onResize(records: ResizeObserverEntry[]) {
    const targets = new Set<OverlayTarget>();
    for (const record of records) {
      for (const target of this.#byElement.get(record.target) ?? []) targets.add(target);
    }
    placeOverlays([...targets]);
  }
}

function placeOverlays(targets: OverlayTarget[]) {
  const boxes = targets.map((target) => {
    if (!target.overlay || !target.host.isConnected) return null;
    const entry = target.entryElement.getBoundingClientRect();
    const origin = (target.overlay.parentElement ?? target.host).getBoundingClientRect();
    return { top: entry.top - origin.top, left: entry.left - origin.left, width: entry.width, height: entry.height };
  });
  targets.forEach((target, index) => {
    const box = boxes[index];
    if (!box || !target.overlay) return;
    const style = target.overlay.style;
    style.top = `${box.top}px`;
    style.left = `${box.left}px`;
    style.width = `${box.width}px`;
    style.height = `${box.height}px`;
  });
}
