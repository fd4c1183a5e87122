// Words of a paper's title (and abstract) as the ranking model sees them: lower-cased words,
// English stop words dropped, Porter-stemmed (`stemmer`), so "Diffusion" and "diffusions" are one
// term. Each term remembers a word it came from, for explanations ("because of: diffusion").
import { stemmer } from 'stemmer';
import { eng } from 'stopword';

const STOP = new Set<string>(eng);
// Letters and digits, with inner hyphens and apostrophes split off: "self-supervised" is two words.
const WORD = /[\p{L}\p{N}]+/gu;
// The same words come back on every page: stemming each once keeps scoring 2,000 titles cheap.
const STEM_CACHE_LIMIT = 50_000;
const stems = new Map<string, string>();

function stemOf(word: string): string {
  let stem = stems.get(word);
  if (stem === undefined) {
    stem = stemmer(word);
    if (stems.size >= STEM_CACHE_LIMIT) stems.clear();
    stems.set(word, stem);
  }
  return stem;
}

/** A text's terms in order, and one surface word per term (the first seen). */
export interface Terms {
  stems: string[];
  words: Map<string, string>;
}

/**
 * Terms of `text`. Single letters and pure numbers (years, table counts) carry no topic; words
 * with digits inside ("gpt4", "3d") do.
 */
export function termsOf(text: string): Terms {
  const out: Terms = { stems: [], words: new Map() };
  for (const match of text.toLowerCase().matchAll(WORD)) {
    const word = match[0];
    if (word.length < 2 || STOP.has(word) || /^\d+$/u.test(word)) continue;
    const stem = stemOf(word);
    out.stems.push(stem);
    if (!out.words.has(stem)) out.words.set(stem, word);
  }
  return out;
}
