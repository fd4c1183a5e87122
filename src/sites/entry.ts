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
export function lazyEntry(found: EntryFound, read: () => PaperMetadata, readTitle?: () => string): PaperEntry {
  return new LazyEntry(found, read, readTitle);
}

class LazyEntry implements PaperEntry {
  readonly element: Element;
  readonly anchor: Element;
  readonly id: PaperId;
  readonly aliases: readonly PaperId[];
  readonly hostSpaceReserved: boolean;
  readonly compact: boolean;
  #read: (() => PaperMetadata) | undefined;
  #readTitle: (() => string) | undefined;
  #paper: PaperMetadata | undefined;

  constructor(found: EntryFound, read: () => PaperMetadata, readTitle?: () => string) {
    this.element = found.element;
    this.anchor = found.anchor;
    this.id = found.id;
    this.aliases = found.aliases;
    this.hostSpaceReserved = found.hostSpaceReserved === true;
    this.compact = found.compact === true;
    this.#read = read;
    this.#readTitle = readTitle;
  }

  /** The title without reading the rest (where the adapter can), else from the metadata. */
  get title(): string {
    return this.#paper ? this.#paper.title : this.#readTitle ? this.#readTitle() : this.paper.title;
  }

  get paper(): PaperMetadata {
    if (!this.#paper) {
      this.#paper = this.#read!();
      this.#read = undefined;
    }
    return this.#paper;
  }
}

/**
 * The entries a reader gives (SiteAdapter.readEntries), up to `limit`; a reader that throws ends
 * the list there (a page we misread must never break the page it runs on).
 */
export function takeEntries(reader: Iterator<PaperEntry, void>, limit = Infinity): PaperEntry[] {
  const entries: PaperEntry[] = [];
  try {
    while (entries.length < limit) {
      const next = reader.next();
      if (next.done) break;
      entries.push(next.value);
    }
  } catch {
    // What was read before the fault stands.
  }
  return entries;
}
