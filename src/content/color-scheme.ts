// Follow the page's light or dark look. Hugging Face says so with `html.dark`; other pages are
// judged by their background colour, and a transparent page by the colour scheme it declares.
import type { Scheme } from './styles';

/** Parses `rgb()`/`rgba()` as getComputedStyle reports it; null for anything else. */
export function parseRgb(value: string): { r: number; g: number; b: number; a: number } | null {
  const match = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)$/u.exec(value.trim());
  if (!match) return null;
  const alphaText = match[4];
  let a = 1;
  if (alphaText !== undefined) a = alphaText.endsWith('%') ? Number.parseFloat(alphaText) / 100 : Number(alphaText);
  return { r: Number(match[1]), g: Number(match[2]), b: Number(match[3]), a };
}

/** Relative luminance (WCAG) of an sRGB colour with 0–255 channels. */
export function luminance(r: number, g: number, b: number): number {
  const channel = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

/** Cheap, layout-free answer where the page states it outright; undefined when styles must be read. */
export function declaredScheme(doc: Document): Scheme | undefined {
  const html = doc.documentElement;
  if (html.classList.contains('dark')) return 'dark';
  if (html.classList.contains('light')) return 'light';
  return undefined;
}

/** Reads computed styles (a style recalculation): call it off the critical path. */
export function detectScheme(doc: Document, win: Window): Scheme {
  const declared = declaredScheme(doc);
  if (declared) return declared;
  for (const element of [doc.body, doc.documentElement]) {
    if (!element) continue;
    const colour = parseRgb(win.getComputedStyle(element).backgroundColor);
    if (colour && colour.a >= 0.5) return luminance(colour.r, colour.g, colour.b) < 0.4 ? 'dark' : 'light';
  }
  // A transparent page is drawn on the canvas, dark only if the page opts into dark schemes.
  const declaredSchemes = win.getComputedStyle(doc.documentElement).colorScheme ?? '';
  const prefersDark = win.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false;
  return prefersDark && /\bdark\b/u.test(declaredSchemes) ? 'dark' : 'light';
}

/** Calls `onChange` when the page switches scheme (HF's theme toggle, the OS setting). */
export function watchScheme(doc: Document, win: Window, onChange: () => void): () => void {
  const observer = new MutationObserver(onChange);
  observer.observe(doc.documentElement, { attributes: true, attributeFilter: ['class', 'style', 'data-theme'] });
  const media = win.matchMedia?.('(prefers-color-scheme: dark)');
  media?.addEventListener?.('change', onChange);
  return () => {
    observer.disconnect();
    media?.removeEventListener?.('change', onChange);
  };
}
