// Draws hosts as the user scrolls near them. On a listing whose site CSS keeps room for every host
// (PaperEntry.hostSpaceReserved), a host is inserted hidden and empty, and gets its shadow root
// only when its entry comes within a screen of the viewport: two thousand shadow roots and
// buttons cost the page a long frame however they are spread, a screenful costs a few ms.
// The check runs in the scroll event, which the browser fires before it lays out and paints the
// frame that shows the new position, so an entry is never seen without its host.

export interface DrawTarget {
  readonly entryElement: Element;
  hydrate(): void;
}

export class NearViewport {
  readonly #win: Window;
  /** Targets not drawn yet, in document order. */
  #pending: DrawTarget[] = [];
  readonly #onScroll = () => this.drawNear();

  constructor(win: Window) {
    this.#win = win;
    // Capture: scroll events of inner scrollers do not bubble, but they do pass the window.
    win.addEventListener('scroll', this.#onScroll, { passive: true, capture: true });
    win.addEventListener('resize', this.#onScroll, { passive: true });
  }

  /** Targets to draw when near; each call's targets in document order. */
  add(targets: readonly DrawTarget[]): void {
    if (targets.length === 0) return;
    const last = this.#pending.at(-1);
    this.#pending.push(...targets);
    const first = targets[0]!;
    if (last && !(last.entryElement.compareDocumentPosition(first.entryElement) & Node.DOCUMENT_POSITION_FOLLOWING)) {
      // A re-scan found entries above others already waiting: keep the list in document order.
      this.#pending.sort((a, b) => (a.entryElement.compareDocumentPosition(b.entryElement) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
    }
  }

  remove(target: DrawTarget): void {
    const at = this.#pending.indexOf(target);
    if (at >= 0) this.#pending.splice(at, 1);
  }

  /** Draws every waiting target within one viewport height above or below the viewport. */
  drawNear(): void {
    const pending = this.#pending;
    if (pending.length === 0) return;
    const margin = this.#win.innerHeight;
    const top = -margin;
    const bottom = this.#win.innerHeight + margin;
    // The first target whose entry ends below `top`: entries are in document order, so their
    // boxes are too, and a binary search reads about log2(n) of them.
    let low = 0;
    let high = pending.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (pending[mid]!.entryElement.getBoundingClientRect().bottom < top) low = mid + 1;
      else high = mid;
    }
    let end = low;
    while (end < pending.length && pending[end]!.entryElement.getBoundingClientRect().top <= bottom) end += 1;
    for (const target of pending.splice(low, end - low)) target.hydrate();
  }

  disconnect(): void {
    this.#win.removeEventListener('scroll', this.#onScroll, { capture: true });
    this.#win.removeEventListener('resize', this.#onScroll);
    this.#pending = [];
  }
}
