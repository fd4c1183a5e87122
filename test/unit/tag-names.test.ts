// Tag names (src/shared/tags.ts): what can never be a tag because it does not show, or shows
// something other than what it is (issue 14: invisible names and \p{Cf} format characters).
import { describe, expect, it } from 'vitest';
import { parseTagName } from '../../src/shared/tags';

describe('parseTagName', () => {
  it.each([
    ['zero-width spaces only', '\u200B\u200B'],
    ['a Hangul filler', '\u3164'],
    ['a Braille blank', '\u2800\u2800'],
    ['a word-joiner and a BOM', '\u2060\uFEFF'],
  ])('refuses a name of %s', (_what, raw) => {
    expect(parseTagName(raw).ok).toBe(false);
  });

  it.each([
    ['a right-to-left override', 'safe\u202Etxt.exe'],
    ['a zero-width space inside', 'opt\u200Bics'],
    ['a soft hyphen', 'topo\u00ADlogy'],
  ])('refuses %s', (_what, raw) => {
    expect(parseTagName(raw)).toEqual({ ok: false, error: expect.stringMatching(/invisible formatting characters/u) });
  });

  it('keeps emoji sequences and every script', () => {
    for (const name of ['👩‍🔬 lab', '量子', 'عربي', 'deep learning']) expect(parseTagName(name)).toMatchObject({ ok: true, name });
  });
});
