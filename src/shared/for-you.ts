// What the "for you" ranking tells a page and the popup (issue 15): types, and the text an entry is
// ranked by. The model lives in the background (src/background/for-you.ts, src/rank/).
import type { PaperId } from './paper';

/** Fewer saved papers than this: no suggestions (too little to go on; the popup says so). */
export const MIN_SAVED = 5;

/** Why an entry is suggested, shown on hover or focus. */
export interface SuggestionInfo {
  /** The words of the entry that weighed most, as written on the page. */
  because: string[];
  /** Titles of the user's saved papers most like it. */
  like: string[];
  /** One of the user's tags the entry looks like ("looks like your #diffusion papers"). */
  tag?: string;
  /** `because` and `like` as the page shows them, one line each (made here, not in the content script). */
  why: string;
}

/** The explanation shown on hover or focus, one line per reason. */
export function explanation(because: readonly string[], like: readonly string[]): string {
  const lines: string[] = [];
  if (because.length > 0) lines.push(`Because of: ${because.join(', ')}`);
  if (like.length > 0) lines.push(`Like: ${like.map((title) => `“${title}”`).join('; ')}`);
  return lines.join('\n') || 'Like papers you saved';
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

/** The popup's "suggested on this page" (null for a tab the background ranked nothing on). */
export interface PageSuggestions {
  status: ForYouStatus;
  saved?: number;
  suggestions: (SuggestionInfo & { id: PaperId; title: string })[];
}

/** The text a paper is ranked by: its title, and its abstract where known (title first line). */
export function rankText(title: string, abstract?: string): string {
  return abstract ? `${title}\n${abstract}` : title;
}

/** The most text sent per entry (messages.ts LIMITS.rankText checks it). */
export const RANK_TEXT_LIMIT = 4_000;
