// The two ways an adapter hands over an entry: with its metadata read at once (pages of a few
// hundred entries at most), or with only what a scan needs, the rest read from the page when the
// paper is saved (listings of thousands, where reading every entry's authors and subjects would
// cost more than annotating them).
import type { PaperId, PaperMetadata } from '../shared/paper';
import type { PaperEntry } from './types';

/** An entry whose metadata is already read. */
export function readEntry(element: Element, anchor: Element, paper: PaperMetadata): PaperEntry {
  return { element, anchor, id: paper.id, aliases: paper.aliases, paper };
}

/**
 * An entry whose metadata `read` takes from the page on first use, then keeps. `id` and `aliases`
 * must be what `read` will answer (the adapter's tests check that they are).
 */
export function lazyEntry(element: Element, anchor: Element, id: PaperId, aliases: readonly PaperId[], read: () => PaperMetadata): PaperEntry {
  return new LazyEntry(element, anchor, id, aliases, read);
}

class LazyEntry implements PaperEntry {
  #read: (() => PaperMetadata) | undefined;
  #paper: PaperMetadata | undefined;

  constructor(
    readonly element: Element,
    readonly anchor: Element,
    readonly id: PaperId,
    readonly aliases: readonly PaperId[],
    read: () => PaperMetadata,
  ) {
    this.#read = read;
  }

  get paper(): PaperMetadata {
    if (!this.#paper) {
      this.#paper = this.#read!();
      this.#read = undefined;
    }
    return this.#paper;
  }
}
