// Tag names: trimmed, 1–64 characters of any script, compared case-insensitively.
// The display form is the one the user first typed; the key is what comparisons use.

export const TAG_MAX_LENGTH = 64;

// A zero-width joiner between two pictographs (👩‍🔬) is part of one emoji.
const EMOJI_JOINER = /(?<=\p{Extended_Pictographic}\uFE0F?)\u200D(?=\p{Extended_Pictographic})/gu;
// Something that draws: not a space, separator, control, format or unassigned character, nor one
// of the blank letters that render as nothing (Hangul fillers, Braille blank, Mongolian vowel separator).
const VISIBLE = /[^\p{Z}\p{C}\u115F\u1160\u3164\uFFA0\u2800\u180E]/u;

export type TagNameResult = { ok: true; name: string; key: string } | { ok: false; error: string };

/** Collapse inner whitespace too, so "deep  learning" and "deep learning" are one tag. */
export function cleanTagName(raw: string): string {
  return raw.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

export function tagKey(name: string): string {
  return cleanTagName(name).toLocaleLowerCase('und');
}

export function parseTagName(raw: unknown): TagNameResult {
  if (typeof raw !== 'string') return { ok: false, error: 'A tag must be text.' };
  const name = cleanTagName(raw);
  if (name.length === 0) return { ok: false, error: 'A tag cannot be empty.' };
  // Count code points, not UTF-16 units, so 64 emoji or CJK characters fit as 64 Latin ones do.
  if ([...name].length > TAG_MAX_LENGTH) {
    return { ok: false, error: `A tag can be at most ${TAG_MAX_LENGTH} characters.` };
  }
  // Control characters would render invisibly and make two tags look alike.
  if (/\p{Cc}/u.test(name)) return { ok: false, error: 'A tag cannot contain control characters.' };
  // So would format characters (right-to-left overrides, zero-width spaces), which can also make a
  // tag read backwards; only the zero-width joiner inside an emoji sequence is kept.
  if (/\p{Cf}/u.test(name.replace(EMOJI_JOINER, ''))) {
    return { ok: false, error: 'A tag cannot contain invisible formatting characters (such as direction overrides or zero-width spaces).' };
  }
  if (!VISIBLE.test(name)) return { ok: false, error: 'A tag needs at least one visible character.' };
  return { ok: true, name, key: tagKey(name) };
}

/** The one colour rule: a tag's colour is `#rrggbb` (what `<input type="color">` gives). */
export const TAG_COLOR = /^#[0-9a-f]{6}$/iu;

/** A stable colour per tag key, so a tag looks the same everywhere before the user picks one. */
const PALETTE = ['#2563eb', '#16a34a', '#d97706', '#dc2626', '#7c3aed', '#0891b2', '#db2777', '#4d7c0f'];
export function defaultTagColor(key: string): string {
  let hash = 0;
  for (const ch of key) hash = (hash * 31 + ch.codePointAt(0)!) >>> 0;
  return PALETTE[hash % PALETTE.length]!;
}
