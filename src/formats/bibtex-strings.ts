// @string abbreviations are expanded by the BibTeX parser as it reads, and strings may refer to
// each other: `@string{b = a # a}` doubles `a`, so forty short lines stand for terabytes of text.
// The parser then fails after seconds with "Invalid string length", or, at a few hundred MB,
// works for minutes. `checkStringExpansion` reads the file with the parser's own grammar
// (@retorquere/bibtex-parser's first pass, dist/esm/verbatim.js: same tokens, same recovery at the
// next `@` after a fault) and adds up the lengths the values expand to, without expanding them, so
// such a file is refused at once, in plain words.
import { MAX_IMPORT_BYTES } from './import-batch';
import { Refused } from '../shared/refused';

/**
 * At most this many characters of text, with every @string written out: what Shelfmark reads from
 * one file (MAX_IMPORT_BYTES), so a file never makes the parser read more than the largest file
 * could hold. Real files stay far below: a journal's name used in 50,000 entries is 3 MB.
 */
export const MAX_EXPANDED_CHARS = MAX_IMPORT_BYTES;

/**
 * A reference to no @string of the file: the parser puts in one of its few built-in strings
 * (month numbers, journal names up to 66 characters) or `{{name}}`. This bounds them all.
 */
const BUILT_IN_MAX = 80;

const KEY_CHAR = /[+'a-zA-Z0-9&;_:\\./-]/u;
const LETTER = /[\p{Lu}\p{Lt}\p{Ll}\p{Lm}\p{Lo}]/u;

class ScanFault extends Error {}

function amount(chars: number): string {
  return chars >= 1e9 ? 'billions of characters' : `${Math.max(1, Math.round(chars / 1e6))} million characters`;
}

function tooLong(detail: string): Refused {
  return new Refused(
    `This BibTeX file's @string abbreviations refer to each other so that the text multiplies: ${detail}, more than the ${MAX_EXPANDED_CHARS / 1024 / 1024} MB Shelfmark reads from one file.`,
  );
}

/** The parser's first pass, measuring: `strings` holds each @string's expanded length. */
class Scanner {
  pos = 0;
  parsingString = false;
  readonly strings = new Map<string, number>();
  /** Characters of every entry's and preamble's values, @strings written out. */
  total = 0;

  constructor(readonly input: string) {}

  run(): void {
    while (this.pos < this.input.length) this.next();
  }

  private skipWhitespace(): void {
    const { input } = this;
    while (this.pos < input.length) {
      const c = input[this.pos];
      if (c === '%') {
        while (this.pos < input.length && input[this.pos] !== '\n') this.pos += 1;
      } else if (c === ' ' || c === '\t' || c === '\r' || c === '\n') {
        this.pos += 1;
      } else {
        return;
      }
    }
  }

  private match(s: string, skipAfter = true): void {
    this.skipWhitespace();
    if (!this.input.startsWith(s, this.pos)) throw new ScanFault();
    this.pos += s.length;
    if (skipAfter) this.skipWhitespace();
  }

  private tryMatch(s: string, consume = false): boolean {
    this.skipWhitespace();
    const found = this.input.startsWith(s, this.pos);
    if (found && consume) this.pos += s.length;
    return found;
  }

  /** `{…}`: its length; braces nest, `\` escapes one character. */
  private braces(): number {
    this.match('{', false);
    const { input } = this;
    const start = this.pos;
    let depth = 0;
    let math = false;
    for (;;) {
      switch (input[this.pos]) {
        case '\\':
          this.pos += 1;
          break;
        case '{':
          depth += 1;
          break;
        case '}':
          if (depth === 0) {
            if (math) throw new ScanFault();
            this.pos += 1;
            return this.pos - 1 - start;
          }
          depth -= 1;
          break;
        case '$':
          math = !math;
          break;
      }
      this.pos += 1;
      if (this.pos >= input.length) throw new ScanFault();
    }
  }

  /** `"…"`: its length; a `"` inside braces does not end it. */
  private quotes(): number {
    this.match('"', false);
    const { input } = this;
    const start = this.pos;
    let depth = 0;
    for (;;) {
      switch (input[this.pos]) {
        case '\\':
          this.pos += 1;
          break;
        case '{':
          depth += 1;
          break;
        case '}':
          depth -= 1;
          break;
        case '"':
          if (depth <= 0) {
            this.pos += 1;
            return this.pos - 1 - start;
          }
      }
      this.pos += 1;
      if (this.pos >= input.length) throw new ScanFault();
    }
  }

  private single(): number {
    if (this.tryMatch('{')) return this.braces();
    if (this.tryMatch('"')) return this.quotes();
    const bare = this.key();
    if (/^\d+$/u.test(bare)) return bare.length;
    // The parser takes an empty @string as missing (`strings[name] || built-in`).
    const own = this.strings.get(bare.toUpperCase());
    return own ? own : Math.max(BUILT_IN_MAX, bare.length + 4);
  }

  /** A value: parts joined by `#`. */
  private value(): number {
    let length = this.single();
    while (this.tryMatch('#')) {
      this.match('#');
      length += this.single();
    }
    return length;
  }

  private key(allow = ''): string {
    const { input } = this;
    const start = this.pos;
    for (;;) {
      if (this.pos === input.length) throw new ScanFault();
      const c = input[this.pos]!;
      if (KEY_CHAR.test(c) || LETTER.test(c) || allow.includes(c)) this.pos += 1;
      else return input.substring(start, this.pos);
    }
  }

  private keyEqualsValue(given?: string): void {
    const key = given || this.key();
    if (!key) return;
    if (!this.tryMatch('=')) throw new ScanFault();
    this.match('=');
    const length = this.value();
    if (!this.parsingString) {
      this.total += length;
      if (this.total > MAX_EXPANDED_CHARS) throw tooLong(`written out where they are used, they make ${amount(this.total)} of text`);
      return;
    }
    if (length > MAX_EXPANDED_CHARS) throw tooLong(`"${key.slice(0, 80)}" alone stands for ${amount(length)}`);
    this.strings.set(key.toUpperCase(), length);
  }

  private entry(guard: string): void {
    if (this.tryMatch(guard)) return;
    const key = this.tryMatch(',') ? '' : this.key('[]*"');
    if (this.tryMatch('=')) this.keyEqualsValue(key);
    this.tryMatch(',', true);
    if (this.tryMatch(guard)) return;
    this.keyEqualsValue();
    while (this.tryMatch(',', true)) {
      if (this.tryMatch(guard)) return;
      this.keyEqualsValue();
    }
  }

  private matchGuard(): string {
    for (const [open, close] of [['{', '}'], ['(', ')']] as const) {
      if (this.tryMatch(open)) {
        this.match(open);
        return close;
      }
    }
    throw new ScanFault();
  }

  private next(): void {
    const { input } = this;
    this.skipWhitespace();
    while (this.pos < input.length && input[this.pos] !== '@') {
      if (input[this.pos] === '%') {
        while (this.pos < input.length && input[this.pos] !== '\n') this.pos += 1;
      } else {
        this.pos += 1;
      }
    }
    if (this.pos >= input.length) return;
    const start = this.pos;
    try {
      this.match('@');
      const directive = this.key().toLowerCase();
      this.parsingString = directive === 'string';
      if (directive === 'string') {
        const guard = this.matchGuard();
        this.keyEqualsValue();
        this.match(guard);
      } else if (directive === 'preamble') {
        this.total += this.value();
        if (this.total > MAX_EXPANDED_CHARS) throw tooLong(`written out where they are used, they make ${amount(this.total)} of text`);
      } else if (directive === 'comment') {
        // The parser keeps a comment's text and expands nothing in it.
        while (input[this.pos] === ' ' || input[this.pos] === '\t') this.pos += 1;
        if (input[this.pos] === '{') this.braces();
        else while (this.pos < input.length && input[this.pos] !== '\n') this.pos += 1;
      } else {
        const guard = this.matchGuard();
        this.entry(guard);
        this.match(guard);
      }
    } catch (error) {
      if (!(error instanceof ScanFault)) throw error;
      // As the parser recovers: on at the next `@`, the fault left for it to report.
      this.pos = start + 1;
      while (this.pos < input.length && input[this.pos] !== '@') this.pos += 1;
    }
  }
}

/**
 * Refuses a file whose @string abbreviations would expand past MAX_EXPANDED_CHARS, one string
 * alone or all their uses together; anything else (faults included) is left to the parser.
 */
export function checkStringExpansion(text: string): void {
  // Without @string there is nothing to expand but the parser's few built-in strings (at most 66
  // characters each). The parser allows blanks and %-comments between `@` and `string`.
  if (!/string/iu.test(text)) return;
  new Scanner(text).run();
}
