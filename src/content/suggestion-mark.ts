// The "for you" mark of one entry (issue 15), inside its host's closed shadow root: a quiet,
// focusable "for you" label (`data-mark="suggested"`) whose explanation (the words and saved
// papers behind the suggestion) opens on hover or focus, and, where one of the user's tags fits,
// a chip that applies it (which saves the paper). Page text enters only as text. Kept small: it
// is part of the content script (budget: 25 KB gzipped).
import type { SuggestionInfo } from '../shared/for-you';
import { isTrustedEvent } from './trusted-event';

export class SuggestionMark {
  readonly element: HTMLElement;
  readonly #label: HTMLElement;
  readonly #why: HTMLElement;
  readonly #chip: HTMLButtonElement;
  #tag: string | undefined;

  constructor(
    doc: Document,
    private readonly host: HTMLElement,
    private readonly applyTag: (tag: string) => void,
  ) {
    const make = <K extends keyof HTMLElementTagNameMap>(name: K) => doc.createElement(name);
    this.element = make('span');
    this.element.className = 'fy';
    this.#label = make('span');
    this.#label.dataset.mark = 'suggested';
    this.#label.tabIndex = 0;
    this.#label.textContent = 'for you';
    this.#why = make('p');
    this.#why.setAttribute('role', 'tooltip');
    this.#why.hidden = true;
    this.#chip = make('button');
    this.#chip.type = 'button';
    this.element.append(this.#label, this.#why);
    for (const type of ['pointerenter', 'focusin', 'pointerleave', 'focusout']) this.#label.addEventListener(type, this);
    this.#chip.addEventListener('click', this);
  }

  update(info: SuggestionInfo, tagged: (tag: string) => boolean): void {
    const why = info.why;
    this.#why.textContent = why;
    this.#label.setAttribute('aria-label', `Suggested for you. ${why}`);
    this.#tag = info.tag && !tagged(info.tag) ? info.tag : undefined;
    if (this.#tag) {
      this.#chip.textContent = `looks like your #${this.#tag} papers`;
      this.element.append(this.#chip);
    } else {
      this.#chip.remove();
    }
    // Test builds mirror the mark and its explanation into the light DOM (e2e cannot see inside).
    if (__SHELFMARK_TEST__) this.host.setAttribute('data-suggested-tag', this.#tag ?? '');
  }

  /**
   * Focuses the mark and opens its explanation (f/F, the popup's list). Opened here, not only by
   * the focusin that follows: a browser window without focus (Firefox) fires no focus events.
   */
  focus(): void {
    this.#label.focus({ preventScroll: true });
    this.#open(true);
  }

  #open(open: boolean): void {
    this.#why.hidden = !open;
    if (__SHELFMARK_TEST__) this.host.toggleAttribute('data-suggested-open', open);
  }

  destroy(): void {
    this.element.remove();
    if (__SHELFMARK_TEST__) for (const name of ['data-suggested-tag', 'data-suggested-open']) this.host.removeAttribute(name);
  }

  handleEvent(event: Event): void {
    if (event.type !== 'click') {
      this.#open(event.type === 'pointerenter' || event.type === 'focusin');
    } else if (isTrustedEvent(event) && this.#tag) {
      // Our click: the entry's own handler (save toggle, chips) must not read it.
      event.stopPropagation();
      const tag = this.#tag;
      this.#tag = undefined;
      this.#chip.remove();
      this.applyTag(tag);
    }
  }
}
