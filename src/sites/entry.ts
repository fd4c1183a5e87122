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

/** What a scan needs of an entry, known before its metadata is read. */
export type EntryFound = Omit<PaperEntry, 'paper'>;

/**
 * An entry whose metadata `read` takes from the page on first use, then keeps. `found.id` and
 * `found.aliases` must be what `read` will answer (the adapters' tests check that they are).
 */
export function lazyEntry(found: EntryFound, read: () => PaperMetadata): PaperEntry {
  return new LazyEntry(found, read);
}

class LazyEntry implements PaperEntry {
  readonly element: Element;
  readonly anchor: Element;
  readonly id: PaperId;
  readonly aliases: readonly PaperId[];
  readonly hostSpaceReserved: boolean;
  readonly compact: boolean;
  #read: (() => PaperMetadata) | undefined;
  #paper: PaperMetadata | undefined;

  constructor(found: EntryFound, read: () => PaperMetadata) {
    this.element = found.element;
    this.anchor = found.anchor;
    this.id = found.id;
    this.aliases = found.aliases;
    this.hostSpaceReserved = found.hostSpaceReserved === true;
    this.compact = found.compact === true;
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
