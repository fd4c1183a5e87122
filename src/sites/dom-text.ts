// Reading a page without trusting it: every helper tolerates missing nodes and returns plain,
// whitespace-collapsed text. Adapters use these instead of touching textContent directly.

// Whitespace other than single spaces between words. No `u` flag: `\s` means the same with or
// without it, and Chromium runs these non-unicode regexps several times faster; listings collapse
// ~10,000 strings per page, nearly all of which need only a trim.
const NEEDS_COLLAPSE = /\s\s|[^\S ]/;
const WHITESPACE_RUN = /\s+/g;

export function collapseWhitespace(text: string): string {
  const trimmed = text.trim();
  return NEEDS_COLLAPSE.test(trimmed) ? trimmed.replace(WHITESPACE_RUN, ' ') : trimmed;
}

/** Plain text of the first match, or '' when there is none. */
export function textOf(root: ParentNode | null | undefined, selector?: string): string {
  if (!root) return '';
  const node = selector ? root.querySelector(selector) : (root as Node);
  return node ? collapseWhitespace(node.textContent ?? '') : '';
}

/** Text of an element without the children matching `skip` (e.g. arXiv's "Title:" descriptor). */
export function textWithout(element: Element | null | undefined, skip: string): string {
  if (!element) return '';
  let text = '';
  // A sibling walk, not for…of over childNodes: adapters call this thousands of times per page.
  for (let child = element.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === 1 && (child as Element).matches(skip)) continue;
    text += child.textContent ?? '';
  }
  return collapseWhitespace(text);
}

export function attrOf(root: ParentNode | null | undefined, selector: string, name: string): string {
  return root?.querySelector(selector)?.getAttribute(name)?.trim() ?? '';
}

/** Texts of every match, empty ones dropped. */
export function textsOf(root: ParentNode | null | undefined, selector: string): string[] {
  if (!root) return [];
  const out: string[] = [];
  for (const node of root.querySelectorAll(selector)) {
    const text = collapseWhitespace(node.textContent ?? '');
    if (text) out.push(text);
  }
  return out;
}

/** Absolute URL for an href on the page, or undefined for a missing or unparsable one. */
export function absoluteUrl(href: string | null | undefined, base: URL): string | undefined {
  if (!href) return undefined;
  try {
    return new URL(href, base).href;
  } catch {
    return undefined;
  }
}
