// What the "for you" ranking tells a page and the popup (issue 15). Types only: the model lives
// in the background (src/background/for-you.ts, src/rank/).
import type { PaperId } from './paper';

/** Why an entry is suggested, shown on hover or focus. */
export interface SuggestionInfo {
  /** The words of the entry that weighed most, as written on the page. */
  because: string[];
  /** Titles of the user's saved papers most like it. */
  like: string[];
  /** One of the user's tags the entry looks like ("looks like your #diffusion papers"). */
  tag?: string;
}

/**
 * `on`: suggestions were made (maybe none on this page); otherwise why there are none: turned off,
 * fewer than five papers saved (`saved` says how many), nothing seen and passed over yet to learn
 * from, or the model is being (re)trained.
 */
export type ForYouStatus = 'on' | 'off' | 'cold-start' | 'no-seen' | 'training';

/** Comes with every getStates answer: the page's suggested entries (of those asked about). */
export interface ForYouAnswer {
  status: ForYouStatus;
  saved?: number;
  suggestions: Record<PaperId, SuggestionInfo>;
}

/** The popup's "suggested on this page". */
export interface PageSuggestions {
  status: ForYouStatus;
  saved?: number;
  suggestions: (SuggestionInfo & { id: PaperId; title: string })[];
}
