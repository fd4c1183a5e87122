// The page's keyboard and its "current" entry: j/k move, s saves, t opens the tag editor; focus
// inside an entry (Tab, a click on its toggle) also makes it current. Pointer or focus coming near
// an unsaved entry shows its "+ tag" (fewer nodes per host until then).
import type { EntryIndex } from './entry-index';
import { HOST_TAG, type EntryView } from './entry-view';
import { pageKeyAction } from './page-keys';
import { isTrustedEvent } from './trusted-event';

export interface PageKeyboardOptions {
  doc: Document;
  index: EntryIndex;
  toggleSave(view: EntryView): void;
  toggleSelect(view: EntryView): void;
  /** With entries selected, `s` saves them all (one step); answers false to act on the current one. */
  saveSelection(): boolean;
  undoBulk(): void;
}

export class PageKeyboard {
  readonly #o: PageKeyboardOptions;
  #current: EntryView | undefined;

  constructor(options: PageKeyboardOptions) {
    this.#o = options;
    options.index.onDrop((view) => {
      if (this.#current === view) this.#current = undefined;
    });
    options.doc.addEventListener('keydown', this.#onKeyDown);
    options.doc.addEventListener('pointerover', this.#onApproach);
    options.doc.addEventListener('focusin', this.#onApproach);
  }

  get current(): EntryView | undefined {
    return this.#current;
  }

  makeCurrent(view: EntryView): void {
    if (view === this.#current) return;
    this.#current?.setCurrent(false);
    this.#current = view;
    view.setCurrent(true);
  }

  destroy(): void {
    const { doc } = this.#o;
    doc.removeEventListener('keydown', this.#onKeyDown);
    doc.removeEventListener('pointerover', this.#onApproach);
    doc.removeEventListener('focusin', this.#onApproach);
    this.#current = undefined;
  }

  /** `suggested`: to the next (previous) entry suggested "for you" (f/F), its explanation open. */
  #move(step: 1 | -1, suggested = false): void {
    const list = this.#o.index.inDocumentOrder();
    if (list.length === 0) return;
    const at = this.#current ? list.indexOf(this.#current) : -1;
    let next = at < 0 ? firstInViewport(list) : Math.min(list.length - 1, Math.max(0, at + step));
    if (suggested) {
      next = at < 0 ? next - (step === 1 ? 0 : 1) : at + step;
      while (list[next] && !list[next]!.suggested) next += step;
    }
    const view = list[next];
    if (!view) return;
    if (suggested) this.showSuggestion(view);
    else {
      this.makeCurrent(view);
      view.entry.element.scrollIntoView({ block: 'nearest' });
      view.focusSave();
    }
  }

  /** Makes `view` current, scrolls to it and opens why it is suggested (f/F, and the popup's list). */
  showSuggestion(view: EntryView, block: ScrollLogicalPosition = 'nearest'): void {
    this.makeCurrent(view);
    view.entry.element.scrollIntoView({ block });
    view.focusSuggestion();
  }

  readonly #onKeyDown = (event: KeyboardEvent): void => {
    const action = pageKeyAction(event);
    if (!action) return;
    const current = this.#current;
    if (action === 'next' || action === 'previous') this.#move(action === 'next' ? 1 : -1);
    else if (action === 'next-suggested' || action === 'previous-suggested') this.#move(action === 'next-suggested' ? 1 : -1, true);
    else if (action === 'undo-bulk') this.#o.undoBulk();
    else if (action === 'toggle-save' && this.#o.saveSelection()) {
      // Saved the selection.
    } else if (!current) return;
    else if (action === 'toggle-select') this.#o.toggleSelect(current);
    else if (action === 'toggle-save') this.#o.toggleSave(current);
    else current.openEditor();
    // After our handling: `t` must not type itself into the editor it just opened.
    event.preventDefault();
  };

  readonly #onApproach = (event: Event): void => {
    const target = event.target as Element | null;
    if (target?.localName !== HOST_TAG) return;
    const view = this.#o.index.viewForHost(target);
    if (!view) return;
    view.expand();
    if (event.type === 'focusin' && isTrustedEvent(event)) this.makeCurrent(view);
  };
}

/** The first entry whose bottom is below the viewport's top (one layout, ~11 reads). */
function firstInViewport(list: readonly EntryView[]): number {
  let low = 0;
  let high = list.length - 1;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (list[mid]!.entry.element.getBoundingClientRect().bottom < 0) low = mid + 1;
    else high = mid;
  }
  return low;
}
