// Words of a paper's title (and abstract) as the ranking model sees them: lower-cased words,
// English stop words dropped, Porter-stemmed (`stemmer`), so "Diffusion" and "diffusions" are one
// term. Each term remembers a word it came from, for explanations ("because of: diffusion").
import { stemmer } from 'stemmer';
import { eng } from 'stopword';

const STOP = new Set<string>(eng);
// Letters and digits, with inner hyphens and apostrophes split off: "self-supervised" is two words.
const WORD = /[\p{L}\p{N}]+/gu;
/** Any character outside ASCII: such text takes the Unicode-aware way. */
export const NOT_ASCII = /\P{ASCII}/u;
const DIGITS = /^\d+$/u;

/**
 * Calls `visit` with each word of `text`, lower-cased, in order. Most titles are plain ASCII:
 * those are split by character codes (a-z, 0-9 are the only letters and digits there), which
 * allocates nothing but the words; any other text goes through the Unicode-aware pattern.
 */
export function forEachWord(text: string, visit: (word: string) => void): void {
  const lower = text.toLowerCase();
  if (NOT_ASCII.test(lower)) {
    for (const match of lower.matchAll(WORD)) visit(match[0]);
    return;
  }
  let start = -1;
  for (let i = 0; i <= lower.length; i++) {
    const c = i < lower.length ? lower.charCodeAt(i) : 0;
    const inWord = (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
    if (inWord) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      visit(lower.slice(start, i));
      start = -1;
    }
  }
}

/**
 * The term a lower-cased word stands for, or null when it carries no topic: single letters, stop
 * words, pure numbers (years, table counts). Words with digits inside ("gpt4", "3d") do count.
 */
export function termOf(word: string): string | null {
  if (word.length < 2 || STOP.has(word) || DIGITS.test(word)) return null;
  return stemmer(word);
}

/** A text's terms in order, and one surface word per term (the first seen). */
export interface Terms {
  stems: string[];
  words: Map<string, string>;
}

/** Terms of `text` (the features module reads the same words through forEachWord and termOf). */
export function termsOf(text: string): Terms {
  const out: Terms = { stems: [], words: new Map() };
  forEachWord(text, (word) => {
    const stem = termOf(word);
    if (stem === null) return;
    out.stems.push(stem);
    if (!out.words.has(stem)) out.words.set(stem, word);
  });
  return out;
}
