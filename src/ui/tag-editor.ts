// A framework-free, autocompleting tag input. The content script mounts it inside an entry's
// closed shadow root; the popup mounts the same element from a Preact wrapper. It owns only the
// typing: what a tag means (saving, storage) is the caller's, through the callbacks.
import type { TagSuggestion } from '../shared/messages';
import { Refused } from '../shared/refused';
import { TAG_COLOR } from '../shared/tags';

export interface TagEditorOptions {
  /** Suggestions for what is typed so far; `exclude` are the tags the paper already has. */
  getSuggestions(prefix: string, exclude: readonly string[]): Promise<readonly TagSuggestion[]>;
  /** A tag was chosen (typed + Enter, or a suggestion picked). A rejected promise shows an error. */
  onAdd(name: string): void | Promise<unknown>;
  /** Backspace in the empty input: the caller removes the paper's last tag. */
  onRemoveLast(): void;
  /** Escape, or focus left the editor with nothing typed. */
  onClose(): void;
  /** An error message for a name that must not be added, or null when it is fine. */
  validate(name: string): string | null;
  /** The paper's current tags, sent as `exclude` so suggestions offer only new ones. */
  currentTags?(): readonly string[];
  /** In a page, act only on real user input: a page script cannot type tags for the user. */
  trustedOnly?: boolean;
  /** Accessible name of the input. */
  label?: string;
  maxSuggestions?: number;
  ownerDocument?: Document;
}

export interface TagEditor {
  element: HTMLElement;
  focus(): void;
  /** Shows a message under the input (e.g. the caller's request failed). */
  showError(message: string): void;
  destroy(): void;
}

/** Class names, styled by TAG_EDITOR_CSS (tag-editor.css) or by the host page's own sheet. */
export { default as TAG_EDITOR_CSS } from './tag-editor.css?raw';

let editorCount = 0;

export function createTagEditor(options: TagEditorOptions): TagEditor {
  const doc = options.ownerDocument ?? document;
  const uid = `sm-tag-editor-${++editorCount}`;
  const limit = options.maxSuggestions ?? 8;

  const element = doc.createElement('div');
  element.className = 'sm-tag-editor';

  const input = doc.createElement('input');
  input.className = 'sm-tag-input';
  input.type = 'text';
  input.autocomplete = 'off';
  input.spellcheck = false;
  input.placeholder = 'tag';
  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-expanded', 'false');
  input.setAttribute('aria-controls', `${uid}-list`);
  input.setAttribute('aria-describedby', `${uid}-error`);
  input.setAttribute('aria-label', options.label ?? 'Add a tag');

  const list = doc.createElement('ul');
  list.className = 'sm-tag-suggestions';
  list.id = `${uid}-list`;
  list.setAttribute('role', 'listbox');
  list.setAttribute('aria-label', 'Your tags');
  list.hidden = true;

  const error = doc.createElement('div');
  error.className = 'sm-tag-error';
  error.id = `${uid}-error`;
  error.setAttribute('role', 'alert');

  element.append(input, list, error);

  let suggestions: readonly TagSuggestion[] = [];
  let active = -1;
  // Each keystroke asks for suggestions; only the newest answer may render.
  let generation = 0;
  let destroyed = false;

  const acts = (event: Event) => !options.trustedOnly || event.isTrusted === true;

  function setError(message: string) {
    error.textContent = message;
    input.setAttribute('aria-invalid', message ? 'true' : 'false');
  }

  function render() {
    const items = suggestions.map((suggestion, index) => {
      const option = doc.createElement('li');
      option.className = 'sm-tag-option';
      option.id = `${uid}-opt-${index}`;
      option.setAttribute('role', 'option');
      option.setAttribute('aria-selected', String(index === active));
      const dot = doc.createElement('span');
      dot.className = 'sm-tag-dot';
      if (TAG_COLOR.test(suggestion.color)) dot.style.background = suggestion.color;
      const name = doc.createElement('span');
      name.textContent = suggestion.name;
      option.append(dot, name);
      if (suggestion.count > 0) {
        const count = doc.createElement('span');
        count.className = 'sm-tag-count';
        count.textContent = String(suggestion.count);
        option.append(count);
      }
      return option;
    });
    list.replaceChildren(...items);
    list.hidden = items.length === 0;
    input.setAttribute('aria-expanded', String(items.length > 0));
    if (active >= 0) input.setAttribute('aria-activedescendant', `${uid}-opt-${active}`);
    else input.removeAttribute('aria-activedescendant');
  }

  async function refresh() {
    const mine = ++generation;
    const exclude = options.currentTags?.() ?? [];
    let found: readonly TagSuggestion[] = [];
    try {
      found = await options.getSuggestions(input.value.trim(), exclude);
    } catch {
      found = [];
    }
    if (mine !== generation || destroyed) return;
    suggestions = found.slice(0, limit);
    active = -1;
    render();
  }

  function move(step: number) {
    if (suggestions.length === 0) return;
    active = active < 0 ? (step > 0 ? 0 : suggestions.length - 1) : (active + step + suggestions.length) % suggestions.length;
    render();
  }

  async function add(raw: string) {
    const message = options.validate(raw);
    if (message) {
      setError(message);
      return;
    }
    setError('');
    input.value = '';
    suggestions = [];
    active = -1;
    render();
    try {
      await options.onAdd(raw);
    } catch (error) {
      // A refusal (a full disk, a rule) says why; anything else may succeed if tried again.
      if (!destroyed) setError(error instanceof Refused ? error.message : 'Could not add the tag. Try again.');
      return;
    }
    if (!destroyed) void refresh();
  }

  function onKeyDown(event: KeyboardEvent) {
    if (!acts(event) || event.isComposing) return;
    switch (event.key) {
      case 'Enter': {
        event.preventDefault();
        const picked = active >= 0 ? suggestions[active]?.name : undefined;
        const typed = input.value;
        if (picked !== undefined) void add(picked);
        else if (typed.trim() !== '') void add(typed);
        break;
      }
      case 'Backspace':
        if (input.value === '') {
          event.preventDefault();
          setError('');
          options.onRemoveLast();
        }
        break;
      case 'ArrowDown':
        event.preventDefault();
        move(1);
        break;
      case 'ArrowUp':
        event.preventDefault();
        move(-1);
        break;
      case 'Escape':
        event.preventDefault();
        options.onClose();
        break;
    }
  }

  function onInput(event: Event) {
    if (!acts(event)) return;
    setError('');
    void refresh();
  }

  // pointerdown would move focus out of the input (and close the editor) before the click lands.
  function onListPointerDown(event: Event) {
    event.preventDefault();
  }

  function onListClick(event: MouseEvent) {
    if (!acts(event)) return;
    const option = (event.target as Element | null)?.closest?.('.sm-tag-option');
    const index = option ? Number(option.id.slice(`${uid}-opt-`.length)) : -1;
    const picked = suggestions[index];
    if (picked) void add(picked.name);
    input.focus();
  }

  function onFocusOut(event: FocusEvent) {
    if (!acts(event)) return;
    const next = event.relatedTarget as Node | null;
    if (next && element.contains(next)) return;
    if (input.value.trim() === '') options.onClose();
  }

  input.addEventListener('keydown', onKeyDown);
  input.addEventListener('input', onInput);
  list.addEventListener('pointerdown', onListPointerDown);
  list.addEventListener('mousedown', onListPointerDown);
  list.addEventListener('click', onListClick);
  element.addEventListener('focusout', onFocusOut);

  void refresh();

  return {
    element,
    focus() {
      input.focus();
    },
    showError: setError,
    destroy() {
      if (destroyed) return;
      destroyed = true;
      input.removeEventListener('keydown', onKeyDown);
      input.removeEventListener('input', onInput);
      list.removeEventListener('pointerdown', onListPointerDown);
      list.removeEventListener('mousedown', onListPointerDown);
      list.removeEventListener('click', onListClick);
      element.removeEventListener('focusout', onFocusOut);
      element.remove();
    },
  };
}
