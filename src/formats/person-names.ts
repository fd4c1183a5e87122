// Stored authors are display strings ("Ada M. Lovelace"); citation formats want family and
// given names. Splitting on the last word is wrong for some names ("van der Berg"), so particles
// stay with the family name, and single-word names (collaborations) stay literal.

export interface PersonName {
  given?: string;
  family?: string;
  /** A name that cannot be split (one word, an organisation). */
  literal?: string;
}

const PARTICLES = new Set(['van', 'von', 'der', 'den', 'de', 'del', 'della', 'di', 'da', 'du', 'la', 'le', 'dos', 'das', 'ten', 'ter', 'bin', 'al']);
const SUFFIXES = new Set(['jr', 'jr.', 'sr', 'sr.', 'ii', 'iii', 'iv']);

export function splitName(raw: string): PersonName {
  const name = raw.replace(/\s+/gu, ' ').trim();
  if (name.includes(',')) {
    // Already "Family, Given" (as BibTeX and some pages write it).
    const [family, ...rest] = name.split(',');
    const given = rest.join(',').trim();
    return given ? { family: family!.trim(), given } : { literal: family!.trim() };
  }
  const words = name.split(' ');
  if (words.length < 2) return { literal: name };
  let end = words.length;
  if (SUFFIXES.has(words[end - 1]!.toLowerCase()) && end > 2) end -= 1;
  let start = end - 1;
  while (start > 1 && PARTICLES.has(words[start - 1]!.toLowerCase())) start -= 1;
  const family = words.slice(start, end).join(' ');
  const given = words.slice(0, start).join(' ');
  return { given, family: end < words.length ? `${family} ${words.slice(end).join(' ')}` : family };
}

/** "A. Author, B. Author, … +5": the first names in full, then how many more. */
export function shortAuthorList(authors: readonly string[], shown = 3): string {
  if (authors.length <= shown + 1) return authors.join(', ');
  return `${authors.slice(0, shown).join(', ')}, … +${authors.length - shown}`;
}
