// Page-wide keys: j/k move between entries, s saves (the selection, when there is one), t tags,
// x selects, z undoes the last step on many entries. Never while the user types into a
// page field, never with a modifier (those are the browser's and the page's shortcuts).
import { isTrustedEvent } from './trusted-event';

export type PageKeyAction = 'next' | 'previous' | 'toggle-save' | 'edit-tags' | 'toggle-select' | 'undo-bulk';

const ACTIONS: Record<string, PageKeyAction> = {
  j: 'next',
  k: 'previous',
  s: 'toggle-save',
  t: 'edit-tags',
  x: 'toggle-select',
  z: 'undo-bulk',
};
const NON_TEXT_INPUTS = new Set(['button', 'checkbox', 'radio', 'submit', 'reset', 'image', 'range', 'color', 'file']);

export function pageKeyAction(event: KeyboardEvent): PageKeyAction | null {
  if (!isTrustedEvent(event) || event.defaultPrevented || event.isComposing) return null;
  if (event.ctrlKey || event.altKey || event.metaKey || event.shiftKey) return null;
  const action = ACTIONS[event.key];
  if (!action) return null;
  // composedPath()[0] is the real target even inside a page's open shadow roots.
  const target = (event.composedPath?.()[0] ?? event.target) as Element | null;
  return isTypingTarget(target) ? null : action;
}

export function isTypingTarget(target: Element | null): boolean {
  if (!target || target.nodeType !== 1) return false;
  const name = target.localName;
  if (name === 'textarea' || name === 'select') return true;
  if (name === 'input') return !NON_TEXT_INPUTS.has(((target as HTMLInputElement).type || 'text').toLowerCase());
  if ((target as HTMLElement).isContentEditable) return true;
  // isContentEditable is not implemented everywhere (test DOMs); the attribute is what it reflects.
  const editable = target.closest('[contenteditable]');
  if (editable && editable.getAttribute('contenteditable') !== 'false') return true;
  const role = target.getAttribute('role');
  return role === 'textbox' || role === 'combobox' || role === 'searchbox';
}
