// Styles live inside each host's closed shadow root, so the page's CSS cannot break them and ours
// cannot leak out. One constructed sheet is shared by every root (2,000 `<style>` elements cost
// far more than 2,000 references to one sheet); where adopting from a content script is refused
// (Firefox's isolated world), each root gets its own `<style>` instead.
import { TAG_EDITOR_CSS } from '../ui/tag-editor';

export type Scheme = 'light' | 'dark';

const BASE_CSS = `
:host { display: flex; flex-wrap: wrap; align-items: center; gap: 4px; margin: 2px 0;
  font: 12px/1.4 system-ui, sans-serif; color: var(--sm-text); text-align: start; }
button { font: inherit; margin: 0; cursor: pointer; }
.contents { display: contents; }
.sm-tag-editor, .note { position: relative; }
/* Nothing in a host is positioned until it shows an overlay: 2,000 positioned hosts and buttons
   made every frame's pre-paint of a long listing slower. The overlay's origin is an absolutely
   positioned, unsized box at the host's start (out of flex flow, so no gap), and what follows it
   is positioned so it paints above the tint. */
.overlay-origin { position: absolute; width: 0; height: 0; }
.overlay-origin ~ button, .overlay-origin ~ .contents button { position: relative; }
button:focus-visible { outline: 2px solid var(--sm-accent); outline-offset: 1px; }
.save { min-height: 22px; padding: 1px 8px; border-radius: 4px; border: 1px solid var(--sm-border);
  background: var(--sm-surface); color: var(--sm-text); }
.save[aria-pressed="true"] { background: var(--sm-accent); border-color: var(--sm-accent); color: var(--sm-on-accent); }
.save:hover { border-color: var(--sm-accent); }
.marks { display: contents; }
.select { min-height: 22px; padding: 1px 6px; border-radius: 4px; border: 1px solid var(--sm-border);
  background: var(--sm-surface); color: var(--sm-text); }
.select[aria-pressed="true"] { border-color: var(--sm-accent); color: var(--sm-accent); font-weight: 600; }
.bar { position: fixed; inset-inline-end: 16px; bottom: 16px; z-index: 2147483647; display: flex; flex-wrap: wrap;
  gap: 6px; align-items: center; max-width: calc(100vw - 32px); padding: 6px 10px; border-radius: 8px;
  background: var(--sm-surface); border: 1px solid var(--sm-border); box-shadow: 0 2px 10px rgb(0 0 0 / 25%); }
.bar button, .bar input { font: inherit; }
.bar input { width: 9em; }
.mark { font-size: 11px; padding: 0 6px; border-radius: 8px; color: var(--sm-text); opacity: .6; }
.mark.new { opacity: 1; border: 1px solid var(--sm-accent); color: var(--sm-accent); font-weight: 600; }
.mark.version { opacity: 1; border: 1px solid var(--sm-border); text-decoration: none; }
.overlay-origin ~ .marks .mark { position: relative; }
.chip { border: 0; border-radius: 9px; padding: 1px 8px; background: var(--chip); color: var(--chip-text); }
.chip:hover { text-decoration: line-through; }
.add { border: 1px dashed var(--sm-border); border-radius: 9px; padding: 1px 8px; background: transparent; color: inherit; }
.note { font-size: 12px; }
.note.error { color: var(--sm-danger); }
.undo { border: 0; padding: 0 2px; background: transparent; color: var(--sm-accent); text-decoration: underline; }
.overlay { position: absolute; pointer-events: none; box-sizing: border-box; display: none; }
.overlay.saved { display: block; background: var(--sm-tint); border-inline-start: 4px solid var(--sm-accent); }
.overlay.current { display: block; outline: 2px solid var(--sm-accent); outline-offset: 2px; border-radius: 2px; }
${TAG_EDITOR_CSS}
`;

// Hosts of the link finder sit inside someone else's prose: one inline star, no box, chips and
// the editor only on demand (EntryView's compact mode).
const COMPACT_CSS = `
:host { display: inline-flex; margin: 0 0 0 3px; gap: 2px; vertical-align: baseline; font-size: 11px; line-height: 1; }
.save { min-height: 0; padding: 0 2px; border: 0; background: transparent; color: var(--sm-accent); font-size: 13px; line-height: 1; }
.save[aria-pressed="true"] { background: transparent; color: var(--sm-accent); }
.more { border: 0; padding: 0 2px; background: transparent; color: var(--sm-accent); font-size: 11px; }
`;

const SCHEME_CSS: Record<Scheme, string> = {
  light: `:host { color-scheme: light; --sm-text: #1f2937; --sm-surface: #ffffff; --sm-border: #9ca3af;
  --sm-accent: #b45309; --sm-on-accent: #ffffff; --sm-tint: rgba(245, 158, 11, 0.10); --sm-danger: #b91c1c; }`,
  dark: `:host { color-scheme: dark; --sm-text: #e5e7eb; --sm-surface: #1f2937; --sm-border: #6b7280;
  --sm-accent: #f59e0b; --sm-on-accent: #111827; --sm-tint: rgba(245, 158, 11, 0.14); --sm-danger: #f87171; }`,
};

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
