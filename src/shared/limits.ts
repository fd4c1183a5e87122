// Size limits of what a request or an import may carry, apart from the message schemas
// (./messages.ts re-exports them) so that code with no messaging, such as the BibTeX worker, can
// use them without the browser API module.
import { RANK_TEXT_LIMIT } from './for-you';

// Size limits: generous for real pages (5,000-character titles, 2,000-entry listings), small
// enough that a hostile page cannot make the background store megabytes per message.
export const LIMITS = {
  idLength: 400,
  idsPerRequest: 20_000,
  aliases: 16,
  title: 20_000,
  abstract: 100_000,
  authors: 5_000,
  authorLength: 1_000,
  textField: 10_000,
  url: 4_000,
  tagsPerPaper: 200,
  note: 200_000,
  importPapers: 100_000,
  /** An entry's text for the "for you" ranking (its title, and abstract where shown). */
  rankText: RANK_TEXT_LIMIT,
  /** Papers one bulk save may carry: a long listing's worth. */
  bulkPapers: 5_000,
} as const;
