import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TagSuggestion } from '../../src/shared/messages';
import { parseTagName } from '../../src/shared/tags';
import { createTagEditor, type TagEditor, type TagEditorOptions } from '../../src/ui/tag-editor';
import { eventually, trusted, userKey } from './content-kit';

const OWN_TAGS: TagSuggestion[] = [
  { name: 'optics', color: '#2563eb', count: 4 },
  { name: 'Optimisation', color: '#16a34a', count: 2 },
  { name: 'reading group', color: '#d97706', count: 1 },
];

let editor: TagEditor | undefined;
afterEach(() => {
  editor?.destroy();
  editor = undefined;
  document.body.replaceChildren();
});

function mount(overrides: Partial<TagEditorOptions> = {}) {
  const calls = {
    added: [] as string[],
    removedLast: 0,
    closed: 0,
    asked: [] as { prefix: string; exclude: readonly string[] }[],
  };
  const options: TagEditorOptions = {
    async getSuggestions(prefix, exclude) {
      calls.asked.push({ prefix, exclude });
      return OWN_TAGS.filter((tag) => tag.name.toLowerCase().startsWith(prefix.toLowerCase()));
    },
    onAdd: (name) => {
      calls.added.push(name);
    },
    onRemoveLast: () => {
      calls.removedLast += 1;
    },
    onClose: () => {
      calls.closed += 1;
    },
    validate: (name) => {
      const parsed = parseTagName(name);
      return parsed.ok ? null : parsed.error;
    },
    ...overrides,
  };
  editor = createTagEditor(options);
  document.body.append(editor.element);
  editor.focus();
  const input = editor.element.querySelector('input')!;
  return { calls, input, element: editor.element };
}

function type(input: HTMLInputElement, text: string) {
  input.value = text;
  input.dispatchEvent(trusted(new Event('input', { bubbles: true })));
}

const options = (element: HTMLElement) => [...element.querySelectorAll('[role="option"]')];
const selected = (element: HTMLElement) =>
  options(element).find((option) => option.getAttribute('aria-selected') === 'true')?.textContent ?? null;

describe('tag editor', () => {
  beforeEach(() => {
    vi.useRealTimers();
  });

  it('is a labelled combobox that takes focus', () => {
    const { input } = mount({ label: 'Add a tag to “Invented paper”' });
    expect(document.activeElement).toBe(input);
    expect(input.getAttribute('role')).toBe('combobox');
    expect(input.getAttribute('aria-label')).toBe('Add a tag to “Invented paper”');
    expect(document.getElementById(input.getAttribute('aria-controls')!)?.getAttribute('role')).toBe('listbox');
  });

  it('adds the typed name on Enter and clears the input', async () => {
    const { input, calls } = mount();
    type(input, 'lattice methods');
    userKey(input, 'Enter');
    expect(calls.added).toEqual(['lattice methods']);
    expect(input.value).toBe('');
  });

  it('shows an invalid name inline and adds nothing', () => {
    const { input, calls, element } = mount();
    type(input, '   ');
    userKey(input, 'Enter');
    type(input, 'ü'.repeat(65));
    userKey(input, 'Enter');
    expect(calls.added).toEqual([]);
    expect(element.querySelector('[role="alert"]')!.textContent).toBe('A tag can be at most 64 characters.');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.value).toBe('ü'.repeat(65));
    type(input, 'ü');
    expect(element.querySelector('[role="alert"]')!.textContent).toBe('');
  });

  it('suggests the user’s tags by prefix, excluding the paper’s own, and picks one with the arrows', async () => {
    const { input, calls, element } = mount({ currentTags: () => ['reading group'] });
    type(input, 'opt');
    await eventually(() => expect(options(element).map((o) => o.textContent)).toEqual(['optics4', 'Optimisation2']));
    expect(calls.asked.at(-1)).toEqual({ prefix: 'opt', exclude: ['reading group'] });
    expect(input.getAttribute('aria-expanded')).toBe('true');

    userKey(input, 'ArrowDown');
    expect(selected(element)).toBe('optics4');
    userKey(input, 'ArrowDown');
    expect(selected(element)).toBe('Optimisation2');
    expect(input.getAttribute('aria-activedescendant')).toBe(options(element)[1]!.id);
    userKey(input, 'ArrowDown');
    expect(selected(element)).toBe('optics4');
    userKey(input, 'ArrowUp');
    expect(selected(element)).toBe('Optimisation2');
    userKey(input, 'Enter');
    expect(calls.added).toEqual(['Optimisation']);
  });

  it('renders only the newest suggestions when answers arrive out of order', async () => {
    const answers: ((tags: TagSuggestion[]) => void)[] = [];
    const { input, element } = mount({
      getSuggestions: () => new Promise((resolve) => answers.push(resolve)),
    });
    type(input, 'o');
    type(input, 'op');
    answers[2]!([OWN_TAGS[0]!]);
    answers[1]!([OWN_TAGS[2]!]);
    await eventually(() => expect(options(element).map((o) => o.textContent)).toEqual(['optics4']));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(options(element).map((o) => o.textContent)).toEqual(['optics4']);
  });

  it('removes the last tag on Backspace only when the input is empty', () => {
    const { input, calls } = mount();
    type(input, 'ab');
    userKey(input, 'Backspace');
    expect(calls.removedLast).toBe(0);
    type(input, '');
    expect(userKey(input, 'Backspace').defaultPrevented).toBe(true);
    expect(calls.removedLast).toBe(1);
  });

  it('closes on Escape', () => {
    const { input, calls } = mount();
    userKey(input, 'Escape');
    expect(calls.closed).toBe(1);
  });

  it('says so when adding fails', async () => {
    const { input, element } = mount({ onAdd: () => Promise.reject(new Error('no background')) });
    type(input, 'optics');
    userKey(input, 'Enter');
    await eventually(() => expect(element.querySelector('[role="alert"]')!.textContent).toBe('Could not add the tag. Try again.'));
  });

  it('renders suggestion names as text', async () => {
    const hostile = '<img src=x onerror="window.__pwned=1">';
    const { element } = mount({ getSuggestions: async () => [{ name: hostile, color: 'red;background:url(x)', count: 1 }] });
    await eventually(() => expect(options(element)).toHaveLength(1));
    expect(element.querySelector('img')).toBeNull();
    expect(options(element)[0]!.textContent).toBe(`${hostile}1`);
    expect((element.querySelector('.sm-tag-dot') as HTMLElement).style.background).toBe('');
  });

  it('with trustedOnly, ignores keys a script dispatches', () => {
    const { input, calls } = mount({ trustedOnly: true });
    input.value = 'planted';
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(calls.added).toEqual([]);
    expect(calls.closed).toBe(0);
    userKey(input, 'Enter');
    expect(calls.added).toEqual(['planted']);
  });

  it('picks a suggestion with the mouse', async () => {
    const { input, calls, element } = mount();
    type(input, 'read');
    await eventually(() => expect(options(element)).toHaveLength(1));
    options(element)[0]!.firstElementChild!.dispatchEvent(trusted(new MouseEvent('click', { bubbles: true })));
    expect(calls.added).toEqual(['reading group']);
  });

  it('destroy removes the element', () => {
    const { element } = mount();
    editor!.destroy();
    expect(element.isConnected).toBe(false);
  });
});
