// Styles live inside each host's closed shadow root, so the page's CSS cannot break them and ours
// cannot leak out. One constructed sheet is shared by every root (2,000 `<style>` elements cost
// far more than 2,000 references to one sheet); where adopting from a content script is refused
// (Firefox's isolated world), each root gets its own `<style>` instead.
// The sheets are .css files beside this one, imported as text (`?raw`) and minified by the build
// (build.mjs cssText).
import TAG_EDITOR_CSS from '../ui/tag-editor.css?raw';
import SHADOW_CSS from './shadow.css?raw';
import COMPACT_CSS from './shadow-compact.css?raw';
import DARK_CSS from './theme-dark.css?raw';
import LIGHT_CSS from './theme-light.css?raw';

export type Scheme = 'light' | 'dark';

const BASE_CSS = SHADOW_CSS + TAG_EDITOR_CSS;

const SCHEME_CSS: Record<Scheme, string> = { light: LIGHT_CSS, dark: DARK_CSS };

export interface ShadowStyles {
  /** Gives a new shadow root its styles; `compact` for the link finder's inline hosts. */
  apply(root: ShadowRoot, compact?: boolean): void;
  setScheme(scheme: Scheme): void;
  /** Forgets a root's fallback `<style>` (the root is being removed). */
  release(root: ShadowRoot): void;
}

export function createShadowStyles(doc: Document, initial: Scheme): ShadowStyles {
  let scheme = initial;
  let sheets: CSSStyleSheet[] | null = null;
  let compactSheets: CSSStyleSheet[] | null = null;
  let adoptable = true;
  let verified = false;
  const fallbackThemes = new Map<ShadowRoot, HTMLStyleElement>();

  function constructedSheets(): CSSStyleSheet[] | null {
    if (sheets) return sheets;
    try {
      const base = new CSSStyleSheet();
      base.replaceSync(BASE_CSS);
      const theme = new CSSStyleSheet();
      theme.replaceSync(SCHEME_CSS[scheme]);
      sheets = [base, theme];
    } catch {
      adoptable = false;
    }
    return sheets;
  }

  function applyFallback(root: ShadowRoot, compact: boolean) {
    const base = doc.createElement('style');
    base.textContent = compact ? BASE_CSS + COMPACT_CSS : BASE_CSS;
    const theme = doc.createElement('style');
    theme.textContent = SCHEME_CSS[scheme];
    root.prepend(base, theme);
    fallbackThemes.set(root, theme);
  }

  function withCompact(shared: CSSStyleSheet[]): CSSStyleSheet[] {
    if (compactSheets) return compactSheets;
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(COMPACT_CSS);
    compactSheets = [...shared, sheet];
    return compactSheets;
  }

  return {
    apply(root, compact = false) {
      const constructed = adoptable ? constructedSheets() : null;
      if (constructed) {
        try {
          const shared = compact ? withCompact(constructed) : constructed;
          root.adoptedStyleSheets = shared;
          // Firefox content scripts may accept the assignment yet adopt nothing: check once.
          if (verified) return;
          if (root.adoptedStyleSheets.length === shared.length) {
            verified = true;
            return;
          }
        } catch {
          // Refused across the content-script boundary: fall back below, for every later root too.
        }
        adoptable = false;
      }
      applyFallback(root, compact);
    },
    setScheme(next) {
      if (next === scheme) return;
      scheme = next;
      sheets?.[1]?.replaceSync(SCHEME_CSS[scheme]);
      for (const theme of fallbackThemes.values()) theme.textContent = SCHEME_CSS[scheme];
    },
    release(root) {
      fallbackThemes.delete(root);
    },
  };
}
