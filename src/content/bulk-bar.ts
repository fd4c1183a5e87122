// The page's bulk bar: one `<shelfmark-bar>` host at the end of <body>, its UI in a closed shadow
// root, shown while entries are selected or the listing has entries new since the last visit.
// It offers save / tag / mark seen for the selection, "Save all new on this page", and the undo
// of the last bulk step. Page text never enters it; its buttons act only on trusted clicks.
import type { ShadowStyles } from './styles';
import { isTrustedEvent } from './trusted-event';

export const BAR_TAG = 'shelfmark-bar';

export interface BulkBarActions {
  saveSelected(): void;
  tagSelected(tag: string): void;
  markSelectedSeen(): void;
  clearSelection(): void;
  saveAllNew(): void;
  undo(): void;
}

export interface BulkBarState {
  selected: number;
  /** Entries new since the last visit and not saved. */
  newUnsaved: number;
  /** A line about the last step, and whether it can be undone. */
  note?: { text: string; undo: boolean; error?: boolean };
}

// The test build's way into the closed root (as for entry hosts).
const roots = new WeakMap<Element, ShadowRoot>();
export function barRootOf(host: Element): ShadowRoot | undefined {
  return roots.get(host);
}

export class BulkBar {
  readonly #doc: Document;
  readonly #styles: ShadowStyles;
  readonly #actions: BulkBarActions;
  #host: HTMLElement | undefined;
  #root: ShadowRoot | undefined;
  #state: BulkBarState = { selected: 0, newUnsaved: 0 };

  constructor(doc: Document, styles: ShadowStyles, actions: BulkBarActions) {
    this.#doc = doc;
    this.#styles = styles;
    this.#actions = actions;
  }

  get state(): BulkBarState {
    return this.#state;
  }

  update(patch: Partial<BulkBarState>): void {
    this.#state = { ...this.#state, ...patch };
    const { selected, newUnsaved, note } = this.#state;
    if (selected === 0 && newUnsaved === 0 && !note) {
      this.#host?.remove();
      return;
    }
    this.#render();
  }

  destroy(): void {
    this.#root?.removeEventListener('click', this.#onClick);
    this.#root?.removeEventListener('keydown', this.#onKey);
    this.#host?.remove();
    this.#host = undefined;
  }

  #render(): void {
    const doc = this.#doc;
    if (!this.#host) {
      this.#host = doc.createElement(BAR_TAG);
      this.#root = this.#host.attachShadow({ mode: 'closed' });
      roots.set(this.#host, this.#root);
      this.#styles.apply(this.#root);
      this.#root.addEventListener('click', this.#onClick);
      this.#root.addEventListener('keydown', this.#onKey);
    }
    if (!this.#host.isConnected) doc.body.append(this.#host);
    const { selected, newUnsaved, note } = this.#state;
    const bar = doc.createElement('div');
    bar.className = 'bar';
    bar.setAttribute('role', 'toolbar');
    bar.setAttribute('aria-label', 'Shelfmark: act on many entries');
    if (selected > 0) {
      const count = doc.createElement('span');
      count.className = 'count';
      count.textContent = `${selected} selected`;
      const tag = doc.createElement('input');
      tag.type = 'text';
      tag.placeholder = 'tag';
      tag.setAttribute('aria-label', 'Tag for the selected entries');
      tag.dataset.field = 'bulk-tag';
      bar.append(
        count,
        button(doc, 'bulk-save', 'Save'),
        tag,
        button(doc, 'bulk-tag', 'Tag'),
        button(doc, 'bulk-seen', 'Mark seen'),
        button(doc, 'bulk-clear', 'Clear'),
      );
    }
    if (newUnsaved > 0) bar.append(button(doc, 'save-new', `Save all new on this page (${newUnsaved})`));
    if (note) {
      const line = doc.createElement('span');
      line.className = note.error ? 'note error' : 'note';
      line.setAttribute('role', 'status');
      line.textContent = note.text;
      bar.append(line);
      if (note.undo) bar.append(button(doc, 'bulk-undo', 'Undo'));
    }
    this.#root!.replaceChildren(...this.#root!.querySelectorAll('style, link'), bar);
  }

  readonly #onClick = (event: Event): void => {
    if (!isTrustedEvent(event)) return;
    const action = (event.target as Element | null)?.closest?.('button')?.dataset.action;
    if (action === 'bulk-save') this.#actions.saveSelected();
    else if (action === 'bulk-tag') this.#tag();
    else if (action === 'bulk-seen') this.#actions.markSelectedSeen();
    else if (action === 'bulk-clear') this.#actions.clearSelection();
    else if (action === 'save-new') this.#actions.saveAllNew();
    else if (action === 'bulk-undo') this.#actions.undo();
  };

  // Keys typed into the tag field stay ours (the page's shortcuts never see them); Enter tags.
  readonly #onKey = (event: Event): void => {
    event.stopPropagation();
    if ((event as KeyboardEvent).key === 'Enter' && isTrustedEvent(event)) this.#tag();
  };

  #tag(): void {
    const field = this.#root?.querySelector<HTMLInputElement>('input[data-field="bulk-tag"]');
    const name = field?.value.trim() ?? '';
    if (name) this.#actions.tagSelected(name);
  }
}

function button(doc: Document, action: string, label: string): HTMLButtonElement {
  const element = doc.createElement('button');
  element.type = 'button';
  element.dataset.action = action;
  element.textContent = label;
  return element;
}
