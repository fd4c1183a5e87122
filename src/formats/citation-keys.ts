// Citation keys in the common `familyYearWord` form, ASCII only (BibTeX and biber disagree about
// anything else), unique within one export.
import { splitName } from './person-names';

const STOP_WORDS = new Set(['a', 'an', 'the', 'on', 'of', 'in', 'for', 'to', 'and', 'with', 'towards', 'toward', 'via', 'is', 'are', 'from', 'by', 'at']);

function asciiWord(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/gu, '')
    .replace(/[^A-Za-z0-9]/gu, '');
}

export function baseCitationKey(authors: readonly string[], title: string, year: string | undefined): string {
  const first = authors[0] ? splitName(authors[0]) : {};
  const family = asciiWord((first.family ?? first.literal ?? '').split(' ').pop() ?? '').toLowerCase();
  const word = title
    .split(/\s+/u)
    .map(asciiWord)
    .find((w) => w.length > 0 && !STOP_WORDS.has(w.toLowerCase()));
  const key = `${family || 'anon'}${year ?? ''}${word ? word.toLowerCase() : ''}`;
  return key.slice(0, 60);
}

/** Hands out keys, adding a, b, … z, aa, … to repeats so every key in one file is unique. */
export class CitationKeys {
  private readonly used = new Set<string>();

  next(base: string): string {
    let key = base;
    for (let n = 0; this.used.has(key.toLowerCase()); n += 1) key = base + suffix(n);
    this.used.add(key.toLowerCase());
    return key;
  }
}

function suffix(n: number): string {
  let out = '';
  let rest = n;
  do {
    out = String.fromCharCode(97 + (rest % 26)) + out;
    rest = Math.floor(rest / 26) - 1;
  } while (rest >= 0);
  return out;
}
