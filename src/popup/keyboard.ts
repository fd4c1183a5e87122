// The popup's keyboard shortcuts, as a pure mapping from a key event to an action, so the rules
// (what is ignored while typing) are testable without a DOM.

export type KeyAction =
  | 'focus-search'
  | 'next'
  | 'previous'
  | 'open'
  | 'tags'
  | 'notes'
  | 'cycle-status'
  | 'remove'
  | 'escape';

export interface KeyInput {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  /** Focus is in a text field, where letters are typing, not commands. */
  inTextField: boolean;
  /** Focus is on a button, link or select, where Enter already means "activate this". */
  onControl?: boolean;
}

export function keyAction(input: KeyInput): KeyAction | null {
  if (input.ctrlKey || input.metaKey || input.altKey) return null;
  if (input.key === 'Escape') return 'escape';
  if (input.inTextField) {
    // Arrows leave the search box for the list, so search → ↓ → Enter opens the first hit.
    if (input.key === 'ArrowDown') return 'next';
    return null;
  }
  switch (input.key) {
    case '/':
      return 'focus-search';
    case 'j':
    case 'ArrowDown':
      return 'next';
    case 'k':
    case 'ArrowUp':
      return 'previous';
    case 'Enter':
      return input.onControl ? null : 'open';
    case 't':
      return 'tags';
    case 'n':
      return 'notes';
    case 's':
      return 'cycle-status';
    case 'Delete':
      return 'remove';
    default:
      return null;
  }
}

export function isTextField(target: EventTarget | null): boolean {
  if (!target || !(target as Element).tagName) return false;
  const element = target as HTMLElement;
  if (element.isContentEditable) return true;
  if (element.tagName === 'TEXTAREA') return true;
  return element.tagName === 'INPUT' && !['checkbox', 'radio', 'button', 'submit', 'file'].includes((element as HTMLInputElement).type);
}

export function isControl(target: EventTarget | null): boolean {
  const tag = (target as Element | null)?.tagName;
  return tag === 'BUTTON' || tag === 'A' || tag === 'SELECT' || tag === 'SUMMARY';
}
