// One entry's injected UI: a `<shelfmark-entry>` host after the entry's title line, with a closed
// shadow root holding the save toggle, the tag chips and the tag editor. The view draws; the
// controller decides what a click means (it owns requests and the page-wide state).
//
// The host is a plain element with a shadow root, not a custom element class: in Chrome,
// `customElements` is null in a content script's isolated world.
import type { TagSuggestion } from '../shared/messages';
import type { PaperId, PaperState, TagInfo } from '../shared/paper';
import { keysOf } from '../shared/paper-id';
import { cleanTagName, defaultTagColor, parseTagName, tagKey } from '../shared/tags';
import type { PaperEntry } from '../sites/types';
import { createTagEditor, type TagEditor } from '../ui/tag-editor';
import { luminance } from './color-scheme';
import type { OverlayTarget, OverlayTracker } from './overlay-tracker';
import type { ShadowStyles } from './styles';
import { SuggestionMark } from './suggestion-mark';
import type { SuggestionInfo } from '../shared/for-you';
import { isTrustedEvent } from './trusted-event';
import { failureNote } from './retry';

export const HOST_TAG = 'shelfmark-entry';
const NOTE_MS = 6000;
const HEX_COLOR = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/iu;
const KEY_EVENTS = ['keydown', 'keyup', 'keypress', 'input', 'beforeinput'] as const;

/** What the view asks of its controller. */
export interface EntryActions {
  toggleSave(view: EntryView): void;
  addTag(view: EntryView, name: string): Promise<void>;
  removeTag(view: EntryView, name: string): void;
  suggestTags(prefix: string, exclude: readonly string[]): Promise<readonly TagSuggestion[]>;
  /** The user opened the newer-version link: the badge goes. */
  openedVersion?(view: EntryView): void;
  /** The select box was clicked (`range`: with shift, from the last one toggled). */
  select?(view: EntryView, range: boolean): void;
}

/** Marks an entry can carry, each drawn as an element with this `data-mark` in the shadow root. */
export type EntryMarkName = 'seen' | 'new';
/** A saved arXiv paper listed here at a newer version than the one saved. */
export interface VersionBadge {
  latest: number;
  saved: number;
  href: string;
}

export interface ViewContext {
  doc: Document;
  styles: ShadowStyles;
  overlays: OverlayTracker;
  actions: EntryActions;
  /** Called once a view is drawn (its shadow root built). */
  onHydrate?(view: EntryView): void;
}

// The roots are closed to the page; the extension's own tests reach them through this module.
const roots = new WeakMap<Element, ShadowRoot>();
export function shadowRootOf(host: Element): ShadowRoot | undefined {
  return roots.get(host);
}

export class EntryView implements OverlayTarget {
  readonly entry: PaperEntry;
  readonly host: HTMLElement;
  /** The newest state shown; undefined until the background has answered. */
  state: PaperState | undefined;
  overlay: HTMLElement | undefined;
  /** A save/unsave is in flight: further toggles wait for it. */
  busy = false;

  readonly #ctx: ViewContext;
  /** The shadow root and its save toggle, once drawn (see hydrate). */
  #ui: { root: ShadowRoot; save: HTMLButtonElement } | undefined;
  #expanded = false;
  #current = false;
  #tracked = false;
  #chips: HTMLElement | undefined;
  /** Each chip's tag; made with the first chips (most of a listing's hosts never have any). */
  #chipNames: Map<Element, string> | undefined;
  #note: HTMLElement | undefined;
  #noteTimer: ReturnType<typeof setTimeout> | undefined;
  #undoButton: HTMLButtonElement | undefined;
  #undoTag: string | undefined;
  #add: HTMLButtonElement | undefined;
  /** Compact hosts: "#2", the way to their chips and editor while they are folded. */
  #more: HTMLButtonElement | undefined;
  #editor: TagEditor | undefined;
  /** "For you": why the ranking suggests this entry (undefined: not suggested). */
  #suggestion: SuggestionInfo | undefined;
  #suggestionMark: SuggestionMark | undefined;
  #mark: EntryMarkName | undefined;
  #selected = false;
  #select: HTMLButtonElement | undefined;
  #version: VersionBadge | undefined;
  #marks: HTMLElement | undefined;

  /**
   * The host alone, hidden and empty: on a long listing most entries are far off screen, and a
   * host without a shadow root costs the page almost nothing. hydrate() draws it.
   */
  constructor(entry: PaperEntry, ctx: ViewContext) {
    this.entry = entry;
    this.#ctx = ctx;
    const host = ctx.doc.createElement(HOST_TAG);
    host.setAttribute('data-shelfmark-id', entry.id);
    host.hidden = true;
    this.host = host;
  }

  get hydrated(): boolean {
    return this.#ui !== undefined;
  }

  /** Builds the shadow root and its save toggle, shows the host, and draws the state known so far. */
  hydrate(): void {
    if (this.#ui) return;
    const { doc, styles } = this.#ctx;
    const root = this.host.attachShadow({ mode: 'closed' });
    styles.apply(root, this.#compact);
    const save = doc.createElement('button');
    save.type = 'button';
    save.className = 'save';
    save.dataset.action = 'save';
    renderSaveButton(save, false, this.#compact);
    root.append(save);
    root.addEventListener('click', this);
    roots.set(this.host, root);
    this.#ui = { root, save };
    this.host.hidden = false;
    if (this.state) this.#render(undefined, this.state);
    if (this.#suggestion) this.#renderSuggestion();
    if (this.#mark || this.#version) this.#renderMarks();
    this.#ctx.onHydrate?.(this);
  }

  get mark(): EntryMarkName | undefined {
    return this.#mark;
  }

  /** Seen before, or new on this listing since the last visit (the seen history); quiet text. */
  setMark(mark: EntryMarkName | undefined): void {
    if (this.#mark === mark) return;
    this.#mark = mark;
    this.#marksChanged();
  }

  get versionBadge(): VersionBadge | undefined {
    return this.#version;
  }

  setVersionBadge(badge: VersionBadge | undefined): void {
    if (this.#version?.latest === badge?.latest && this.#version?.saved === badge?.saved) return;
    this.#version = badge;
    this.#marksChanged();
  }

  #marksChanged() {
    // Like the saved state, marks are private: only test builds mirror them into the light DOM.
    if (__SHELFMARK_TEST__) {
      const names = [this.#mark, this.#version ? 'new-version' : undefined].filter(Boolean).join(' ');
      if (names) this.host.setAttribute('data-marks', names);
      else this.host.removeAttribute('data-marks');
    }
    if (this.#ui) this.#renderMarks();
  }

  // After the save toggle: a text mark ("seen", "new") and the newer-version link.
  #renderMarks() {
    const doc = this.#ctx.doc;
    const parts: HTMLElement[] = [];
    if (this.#mark) {
      const mark = doc.createElement('span');
      mark.className = `mark ${this.#mark}`;
      mark.dataset.mark = this.#mark;
      mark.textContent = this.#mark === 'seen' ? 'seen' : 'new';
      mark.title = this.#mark === 'seen' ? 'You have seen this paper before' : 'New since your last visit to this listing';
      parts.push(mark);
    }
    if (this.#version) {
      const { latest, saved, href } = this.#version;
      const link = doc.createElement('a');
      link.className = 'mark version';
      link.dataset.mark = 'new-version';
      link.href = href;
      link.target = '_blank';
      link.rel = 'noopener';
      link.textContent = `v${latest} — saved v${saved}`;
      link.title = `A newer version (v${latest}) than the one you saved (v${saved})`;
      parts.push(link);
    }
    if (parts.length === 0) {
      this.#marks?.remove();
      this.#marks = undefined;
      return;
    }
    if (!this.#marks) {
      this.#marks = doc.createElement('span');
      this.#marks.className = 'marks';
      this.#ui!.save.after(this.#marks);
    }
    this.#marks.replaceChildren(...parts);
  }

  get suggested(): boolean {
    return this.#suggestion !== undefined;
  }

  /** Marks the entry as suggested for the user, with why (undefined: not suggested). */
  setSuggestion(info: SuggestionInfo | undefined): void {
    if (!info && !this.#suggestion) return;
    this.#suggestion = info;
    // Test builds mirror it into the light DOM, drawn or not (e2e cannot see inside).
    if (__SHELFMARK_TEST__) {
      if (info) this.host.setAttribute('data-suggested', info.why);
      else this.host.removeAttribute('data-suggested');
    }
    if (this.#ui) this.#renderSuggestion();
  }

  /** Moves focus to the "for you" mark, which opens its explanation. */
  focusSuggestion(): void {
    this.hydrate();
    if (this.#suggestionMark) this.#suggestionMark.focus();
    else this.#ui!.save.focus({ preventScroll: true });
  }

  #renderSuggestion(): void {
    const info = this.#suggestion;
    if (!info) {
      this.#suggestionMark?.destroy();
      this.#suggestionMark = undefined;
      return;
    }
    this.#suggestionMark ??= new SuggestionMark(this.#ctx.doc, this.host, (tag) => this.#addTagOrSay(tag));
    const tagged = (tag: string) => this.state?.tags.some((t) => tagKey(t.name) === tagKey(tag)) === true;
    this.#suggestionMark.update(info, tagged);
    if (!this.#suggestionMark.element.isConnected) this.#ui!.root.append(this.#suggestionMark.element);
  }

  get id(): PaperId {
    return this.entry.id;
  }

  /** An inline host in someone else's prose (the link finder): a star; chips and editor on demand. */
  get #compact(): boolean {
    return this.entry.compact === true;
  }

  get entryElement(): Element {
    return this.entry.element;
  }

  get saved(): boolean {
    return this.state?.saved === true;
  }

  /** Every key this entry can be matched by in a state change. */
  keys(): readonly PaperId[] {
    const { id, aliases } = this.entry;
    // Adapters give the canonical id first and no repeats: nothing to build, 2,000 times a page.
    return aliases.length === 1 && aliases[0] === id ? aliases : keysOf(this.entry);
  }

  insert(): void {
    this.entry.anchor.after(this.host);
  }

  setState(state: PaperState): void {
    const previous = this.state;
    this.state = state;
    if (!previous || previous.saved !== state.saved) {
      // Saved state is private (issue 4): only test builds mirror it into the light DOM.
      if (__SHELFMARK_TEST__) this.host.setAttribute('data-state', state.saved ? 'saved' : 'unsaved');
    }
    if (this.#ui) this.#render(previous, state);
    if (state.saved ? state.version !== undefined : this.#version) this.setVersionBadge(newerVersion(this.entry, state));
  }

  #render(previous: PaperState | undefined, state: PaperState) {
    if (!previous || previous.saved !== state.saved) {
      renderSaveButton(this.#ui!.save, state.saved, this.#compact);
      this.#updateOverlay();
    }
    const unsavedCompact = this.#compact && previous?.saved === true;
    if ((previous?.tags.length ?? 0) > 0 || state.tags.length > 0 || state.saved || this.#expanded || unsavedCompact) this.#renderExtras();
  }

  /** Shows "+ tag" (and the chip area). Kept out of unsaved entries until the user comes near. */
  expand(): void {
    if (this.#expanded) return;
    this.hydrate();
    this.#expanded = true;
    this.#renderExtras();
  }

  get selected(): boolean {
    return this.#selected;
  }

  setSelected(selected: boolean): void {
    if (this.#selected === selected) return;
    this.#selected = selected;
    if (__SHELFMARK_TEST__) {
      if (selected) this.host.setAttribute('data-selected', '');
      else this.host.removeAttribute('data-selected');
    }
    if (selected) this.hydrate();
    this.#renderSelect();
  }

  // The select box: on the current (focused) entry, and on every selected one, after the rest.
  #renderSelect() {
    if (!this.#ui) return;
    const wanted = this.#selected || this.#current;
    if (!wanted) {
      this.#select?.remove();
      return;
    }
    if (!this.#select) {
      this.#select = this.#ctx.doc.createElement('button');
      this.#select.type = 'button';
      this.#select.className = 'select';
      this.#select.dataset.action = 'select';
    }
    this.#select.setAttribute('aria-pressed', String(this.#selected));
    this.#select.setAttribute('aria-label', this.#selected ? 'Selected (x or click to unselect; shift-click for a range)' : 'Select (x)');
    this.#select.textContent = this.#selected ? '☑' : '☐';
    // Last in the host: it appears when the entry takes focus (often from a click on its toggle),
    // and nothing the user is clicking may move under the pointer.
    if (!this.#select.isConnected) this.#ui.root.append(this.#select);
  }

  setCurrent(current: boolean): void {
    if (this.#current === current) return;
    if (current) this.hydrate();
    this.#current = current;
    this.#renderSelect();
    this.#updateOverlay();
    if (current) this.#ctx.overlays.measureNow([this]);
  }

  focusSave(): void {
    this.hydrate();
    this.#ui!.save.focus({ preventScroll: true });
  }

  openEditor(): void {
    this.expand();
    if (this.#editor) {
      this.#editor.focus();
      return;
    }
    const title = this.entry.paper.title;
    const editor = createTagEditor({
      ownerDocument: this.#ctx.doc,
      trustedOnly: true,
      label: title ? `Add a tag to “${title.length > 80 ? `${title.slice(0, 79)}…` : title}”` : 'Add a tag',
      getSuggestions: (prefix, exclude) => this.#ctx.actions.suggestTags(prefix, exclude),
      currentTags: () => this.state?.tags.map((tag) => tag.name) ?? [],
      validate: (name) => this.#validate(name),
      onAdd: (name) => this.#ctx.actions.addTag(this, cleanTagName(name)),
      onRemoveLast: () => {
        const last = this.state?.tags.at(-1);
        if (last) this.#removeWithUndo(last.name);
      },
      onClose: () => this.closeEditor(),
    });
    // Keys typed into our input stay ours: the page neither sees the tag being typed nor runs
    // its own shortcuts for it.
    for (const type of KEY_EVENTS) editor.element.addEventListener(type, stopPropagation);
    this.#editor = editor;
    this.#renderExtras();
    editor.focus();
  }

  closeEditor(): void {
    const editor = this.#editor;
    if (!editor) return;
    // Escape keeps focus with us; a click elsewhere has already moved it and must keep it there.
    const hadFocus = this.#ui!.root.activeElement !== null;
    this.#editor = undefined;
    editor.destroy();
    this.#renderExtras();
    if (hadFocus) this.#add?.focus();
  }

  showNote(text: string, kind: 'status' | 'error' = 'status', undoTag?: string): void {
    this.hydrate();
    const doc = this.#ctx.doc;
    if (!this.#note) {
      this.#note = doc.createElement('span');
      this.#note.setAttribute('role', 'status');
    }
    this.#note.className = kind === 'error' ? 'note error' : 'note';
    this.#note.textContent = text;
    this.#undoTag = undoTag;
    if (undoTag !== undefined) {
      this.#undoButton ??= doc.createElement('button');
      this.#undoButton.type = 'button';
      this.#undoButton.className = 'undo';
      this.#undoButton.textContent = 'Undo';
      this.#note.append(' ', this.#undoButton);
    }
    clearTimeout(this.#noteTimer);
    this.#noteTimer = setTimeout(() => this.#clearNote(), NOTE_MS);
    this.#renderExtras();
  }

  handleEvent(event: Event): void {
    if (event.type !== 'click' || !isTrustedEvent(event)) return;
    if ((event.target as Element | null)?.closest?.('a[data-mark="new-version"]')) {
      this.#ctx.actions.openedVersion?.(this);
      return;
    }
    const button = (event.target as Element | null)?.closest?.('button');
    if (!button) return;
    if (button === this.#select) {
      this.#ctx.actions.select?.(this, (event as MouseEvent).shiftKey === true);
    } else if (button === this.#ui?.save) {
      this.#ctx.actions.toggleSave(this);
    } else if (button === this.#add) {
      this.openEditor();
    } else if (button === this.#more) {
      this.expand();
      this.#add?.focus();
    } else if (button === this.#undoButton) {
      const tag = this.#undoTag;
      this.#clearNote();
      if (tag !== undefined) this.#addTagOrSay(tag);
    } else {
      const tag = this.#chipNames?.get(button);
      if (tag !== undefined) this.#removeWithUndo(tag);
    }
  }

  destroy(): void {
    this.#suggestionMark?.destroy();
    clearTimeout(this.#noteTimer);
    this.#editor?.destroy();
    this.#editor = undefined;
    if (this.#tracked) this.#ctx.overlays.untrack(this);
    this.#tracked = false;
    if (this.#ui) {
      this.#ui.root.removeEventListener('click', this);
      this.#ctx.styles.release(this.#ui.root);
    }
    this.host.remove();
  }

  /** Adds a tag outside the tag editor (Undo, a suggestion); a failure shows in the entry's note. */
  #addTagOrSay(tag: string): void {
    this.#ctx.actions.addTag(this, tag).catch((error: unknown) => this.showNote(failureNote(error), 'error'));
  }

  #removeWithUndo(name: string) {
    this.#ctx.actions.removeTag(this, name);
    this.showNote(`Removed “${name}”.`, 'status', name);
  }

  #validate(raw: string): string | null {
    const parsed = parseTagName(raw);
    if (!parsed.ok) return parsed.error;
    if (this.state?.tags.some((tag) => tagKey(tag.name) === parsed.key)) return `Already tagged “${parsed.name}”.`;
    return null;
  }

  #clearNote() {
    clearTimeout(this.#noteTimer);
    this.#noteTimer = undefined;
    this.#undoTag = undefined;
    this.#note?.remove();
    this.#note = undefined;
  }

  // Chips, note, "+ tag"/editor, after the save button. Created only for entries that need them,
  // so the 2,000 hosts of a long listing stay one button each.
  #renderExtras() {
    const doc = this.#ctx.doc;
    const tags = this.state?.tags ?? [];
    if (this.#compact && !this.#expanded) {
      this.#renderFolded(tags.length);
      return;
    }
    this.#more?.remove();
    if (!this.#chips) {
      this.#chips = doc.createElement('span');
      this.#chips.setAttribute('role', 'list');
      this.#chips.setAttribute('aria-label', 'Tags');
      this.#chips.className = 'contents';
      this.#ui!.save.after(this.#chips);
    }
    const names = new Map<Element, string>();
    this.#chipNames = names;
    this.#chips.replaceChildren(...tags.map((tag) => this.#chip(tag, names)));

    let tail: Element = this.#chips;
    if (this.#note) {
      if (this.#note.previousElementSibling !== tail) tail.after(this.#note);
      tail = this.#note;
    }
    if (this.#editor) {
      if (this.#editor.element.previousElementSibling !== tail) tail.after(this.#editor.element);
      tail = this.#editor.element;
    }
    const wantAdd = !this.#editor && (this.#expanded || this.saved || tags.length > 0);
    if (wantAdd) {
      if (!this.#add) {
        this.#add = doc.createElement('button');
        this.#add.type = 'button';
        this.#add.className = 'add';
        this.#add.dataset.action = 'tag';
        this.#add.textContent = '+ tag';
        this.#add.setAttribute('aria-label', 'Add a tag');
      }
      if (this.#add.previousElementSibling !== tail) tail.after(this.#add);
    } else {
      this.#add?.remove();
    }
  }

  /** A compact host, folded: the star and, for a saved or tagged paper, one "#n" button. */
  #renderFolded(tagCount: number) {
    const wanted = this.saved || tagCount > 0;
    if (!wanted) {
      this.#more?.remove();
      return;
    }
    if (!this.#more) {
      this.#more = this.#ctx.doc.createElement('button');
      this.#more.type = 'button';
      this.#more.className = 'more';
      this.#more.dataset.action = 'more';
    }
    this.#more.textContent = tagCount > 0 ? `#${tagCount}` : '#';
    this.#more.setAttribute('aria-label', tagCount > 0 ? `Show ${tagCount} tag${tagCount === 1 ? '' : 's'}` : 'Add a tag');
    if (this.#more.previousElementSibling !== this.#ui!.save) this.#ui!.save.after(this.#more);
  }

  #chip(tag: TagInfo, names: Map<Element, string>): HTMLElement {
    const doc = this.#ctx.doc;
    const item = doc.createElement('span');
    item.setAttribute('role', 'listitem');
    item.className = 'contents';
    const chip = doc.createElement('button');
    chip.type = 'button';
    chip.className = 'chip';
    chip.textContent = `${tag.name} ×`;
    chip.setAttribute('aria-label', `Remove tag ${tag.name}`);
    const colour = HEX_COLOR.test(tag.color) ? tag.color : defaultTagColor(tagKey(tag.name));
    chip.style.setProperty('--chip', colour);
    chip.style.setProperty('--chip-text', readableTextOn(colour));
    names.set(chip, tag.name);
    item.append(chip);
    return item;
  }

  #updateOverlay() {
    // A compact host's star says "saved" itself: no tint over someone else's prose.
    const tinted = this.saved && !this.#compact;
    const wanted = tinted || this.#current;
    if (wanted && !this.overlay) {
      const origin = this.#ctx.doc.createElement('span');
      origin.className = 'overlay-origin';
      origin.setAttribute('aria-hidden', 'true');
      this.overlay = this.#ctx.doc.createElement('div');
      origin.append(this.overlay);
      // First in the root: the styles position its later siblings (our buttons) above the tint.
      this.#ui!.root.insertBefore(origin, this.#ui!.save);
    }
    if (this.overlay) {
      this.overlay.className = `overlay${tinted ? ' saved' : ''}${this.#current ? ' current' : ''}`;
    }
    if (wanted && !this.#tracked) {
      this.#tracked = true;
      this.#ctx.overlays.track(this);
    } else if (!wanted && this.#tracked) {
      this.#tracked = false;
      this.#ctx.overlays.untrack(this);
    }
  }
}

/**
 * A saved arXiv paper that this page lists at a newer version than the one saved (and than any
 * opened from the badge since). Only saved papers get here, so reading the entry's metadata (the
 * version shown) costs a few entries per page, not the listing.
 */
function newerVersion(entry: PaperEntry, state: PaperState): VersionBadge | undefined {
  if (!state.saved || state.version === undefined || !state.id.startsWith('arxiv:')) return undefined;
  const listed = entry.paper.version;
  const known = Math.max(state.version, state.versionSeen ?? 0);
  if (listed === undefined || listed <= known) return undefined;
  return { latest: listed, saved: state.version, href: `https://arxiv.org/abs/${state.id.slice('arxiv:'.length)}v${listed}` };
}

function renderSaveButton(button: HTMLButtonElement, saved: boolean, compact: boolean) {
  button.setAttribute('aria-pressed', String(saved));
  button.setAttribute('aria-label', saved ? 'Saved — remove from Shelfmark' : 'Save to Shelfmark');
  if (compact) button.title = saved ? 'Saved in Shelfmark' : 'Save to Shelfmark';
  button.textContent = compact ? (saved ? '★' : '☆') : saved ? '★ Saved' : '☆ Save';
}

function stopPropagation(event: Event) {
  event.stopPropagation();
}

function readableTextOn(hex: string): string {
  const match = HEX_COLOR.exec(hex);
  if (!match) return '#ffffff';
  const [r, g, b] = [match[1], match[2], match[3]].map((part) => Number.parseInt(part!, 16)) as [number, number, number];
  return luminance(r, g, b) > 0.35 ? '#111827' : '#ffffff';
}
