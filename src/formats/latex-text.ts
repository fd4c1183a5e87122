// Plain text → a BibTeX field value that LaTeX prints as the same text.
// BibTeX counts braces without regard to backslashes, so `\{` would unbalance a field: braces
// and the backslash become text-mode commands instead.
const REPLACEMENTS: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '{': '\\textbraceleft{}',
  '}': '\\textbraceright{}',
  '&': '\\&',
  '%': '\\%',
  $: '\\$',
  '#': '\\#',
  _: '\\_',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
};

export function escapeLatex(text: string): string {
  return (
    text
      // Control characters and line breaks would end the field or print nothing.
      .replace(/[\p{Cc}\u2028\u2029]+/gu, ' ')
      .replace(/[\\{}&%$#_~^]/gu, (ch) => REPLACEMENTS[ch]!)
  );
}

/**
 * A title whose capitals must survive bibliography styles that lower-case titles: each word with a
 * capital after its first letter (BERT, GPT-4, iPhone) is braced.
 */
export function protectTitle(text: string): string {
  return escapeLatex(text)
    .split(' ')
    .map((word) => (/^\S+\p{Lu}/u.test(word) && !word.startsWith('\\') ? `{${word}}` : word))
    .join(' ');
}

/** URLs and DOIs are verbatim fields; only what would break the field is dropped. */
export function verbatimValue(text: string): string {
  return text.replace(/[{}\\\p{Cc}\s]/gu, '');
}
