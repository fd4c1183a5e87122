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

export function statesRequest(entries: readonly PaperEntry[], options: StatesRequestOptions): RequestOf<'getStates'> {
  const papers = new Map<PaperId, { id: PaperId; aliases: PaperId[]; text?: string }>();
  for (const entry of entries) {
    if (papers.has(entry.id)) continue;
    const ref = { id: entry.id, aliases: [...entry.aliases] };
    papers.set(entry.id, options.rank ? { ...ref, text: rankTextOf(entry) } : ref);
  }
  return {
    papers: [...papers.values()],
    ...(options.listing !== undefined ? { listing: options.listing } : {}),
    ...(options.sites ? { sites: [...options.sites] } : {}),
  };
}
