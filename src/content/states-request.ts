// What a getStates asks: the entries' ids (one per paper), and, while "for you" is on, the text
// it ranks them by. The controller asks this way; so does bootContent for the first screen, which
// it asks about before the settings say the site is on (the two round trips overlap).
import { RANK_TEXT_LIMIT, rankText } from '../shared/for-you';
import type { RequestOf } from '../shared/messages';
import type { PaperId } from '../shared/paper';
import type { PaperEntry } from '../sites/types';

/**
 * What the "for you" ranking reads of an entry: its title (read alone on long listings) and, where
 * the adapter has read it already, its abstract; cut to the request's limit.
 */
function rankTextOf(entry: PaperEntry): string {
  const text = entry.title !== undefined ? entry.title : rankText(entry.paper.title, entry.paper.abstract);
  return text.length > RANK_TEXT_LIMIT ? text.slice(0, RANK_TEXT_LIMIT) : text;
}

export interface StatesRequestOptions {
  /** Send each entry's text for the ranking ("for you" not known to be off). */
  rank: boolean;
  /** The listing this is a visit to (listingKey), if it is one. */
  listing?: string;
  /** The site ids the script runs as, while the settings are not read yet. */
  sites?: readonly string[];
}

type AskedPaper = { id: PaperId; aliases: PaperId[]; text?: string };

/**
 * The papers a getStates asks about (deduplicated by id), gathered a slice of entries at a time:
 * reading a long listing's text is a long task's worth at once (2,000 arXiv titles: 10-20 ms, more
 * under load), and the scheduler reads it as it reads the page.
 */
export class StatesPapers {
  readonly #papers = new Map<PaperId, AskedPaper>();
  readonly #rank: boolean;

  /** `rank`: each entry's text goes too ("for you" not known to be off). */
  constructor(rank: boolean) {
    this.#rank = rank;
  }

  get size(): number {
    return this.#papers.size;
  }

  add(entries: readonly PaperEntry[]): void {
    for (const entry of entries) {
      if (this.#papers.has(entry.id)) continue;
      const ref = { id: entry.id, aliases: [...entry.aliases] };
      this.#papers.set(entry.id, this.#rank ? { ...ref, text: rankTextOf(entry) } : ref);
    }
  }

  /** The request. Without `rank` (the ranking turned out to be off meanwhile), no text goes. */
  request(options: StatesRequestOptions): RequestOf<'getStates'> {
    const papers = [...this.#papers.values()];
    return {
      papers: this.#rank && !options.rank ? papers.map(({ id, aliases }) => ({ id, aliases })) : papers,
      ...(options.listing !== undefined ? { listing: options.listing } : {}),
      ...(options.sites ? { sites: [...options.sites] } : {}),
    };
  }
}

export function statesRequest(entries: readonly PaperEntry[], options: StatesRequestOptions): RequestOf<'getStates'> {
  const papers = new StatesPapers(options.rank);
  papers.add(entries);
  return papers.request(options);
}
