// The page's selection, for acting on many entries at once: `x` toggles the current entry, a
// click on an entry's select box toggles it, a shift-click selects the range from the last one
// toggled. Selected entries show it in their shadow root (never in the page's DOM).
import type { EntryIndex } from './entry-index';
import type { EntryView } from './entry-view';

export class EntrySelection {
  readonly #index: EntryIndex;
  readonly #onChange: (count: number) => void;
  readonly #selected = new Set<EntryView>();
  #anchor: EntryView | undefined;

  constructor(index: EntryIndex, onChange: (count: number) => void) {
    this.#index = index;
    this.#onChange = onChange;
    index.onDrop((view) => {
      if (this.#anchor === view) this.#anchor = undefined;
      if (this.#selected.delete(view)) this.#onChange(this.#selected.size);
    });
  }

  get size(): number {
    return this.#selected.size;
  }

  has(view: EntryView): boolean {
    return this.#selected.has(view);
  }

  /** The selected entries, in document order. */
  selected(): EntryView[] {
    return this.#index.inDocumentOrder().filter((view) => this.#selected.has(view));
  }

  toggle(view: EntryView): void {
    this.#set(view, !this.#selected.has(view));
    this.#anchor = view;
    this.#onChange(this.#selected.size);
  }

  /** Shift-click: every entry from the last one toggled to `view` takes `view`'s new state. */
  extendTo(view: EntryView): void {
    const anchor = this.#anchor && this.#index.has(this.#anchor) ? this.#anchor : undefined;
    if (!anchor) {
      this.toggle(view);
      return;
    }
    const list = this.#index.inDocumentOrder();
    const [from, to] = [list.indexOf(anchor), list.indexOf(view)].sort((a, b) => a - b) as [number, number];
    const select = !this.#selected.has(view);
    for (const other of list.slice(Math.max(0, from), to + 1)) this.#set(other, select);
    this.#anchor = view;
    this.#onChange(this.#selected.size);
  }

  clear(): void {
    for (const view of this.#selected) view.setSelected(false);
    this.#selected.clear();
    this.#anchor = undefined;
    this.#onChange(0);
  }

  destroy(): void {
    this.#selected.clear();
    this.#anchor = undefined;
  }

  #set(view: EntryView, selected: boolean): void {
    if (selected) this.#selected.add(view);
    else this.#selected.delete(view);
    view.setSelected(selected);
  }
}
