// What the popup may ask of the page it opened over ("Save all new", and its undo; "show me this
// suggestion"), by tabs.sendMessage. Only the extension's own pages can send here: a message from
// elsewhere, or from another tab's content script, is ignored.
import { browser, type Runtime } from '../shared/browser';
import type { BulkOutcome, ContentHandle } from './controller';

const COMMANDS = new Set(['saveAllNew', 'undoBulk', 'showEntry']);
// A paper id is looked up among the page's entries, never shown: only its length is bounded.
const ID_MAX = 300;

export function isPageCommand(message: unknown, sender: Runtime.MessageSender | undefined, runtimeId: string): string | null {
  if (!sender || sender.id !== runtimeId || sender.tab !== undefined) return null;
  if (typeof message !== 'object' || message === null) return null;
  const { shelfmark, type, command } = message as { shelfmark?: unknown; type?: unknown; command?: unknown };
  return shelfmark === 1 && type === 'pageCommand' && typeof command === 'string' && COMMANDS.has(command) ? command : null;
}

/**
 * Answers the popup's commands with what the page did; returns the unsubscribe. The answer goes
 * through `sendResponse`, the channel kept open by `return true`: content scripts use the native
 * API (src/shared/browser-content.ts), and Chromium's `chrome` drops an answer returned as a Promise.
 */
/** The paper id a `showEntry` command names, or null. */
export function entryIdOf(message: unknown): string | null {
  const id = (message as { id?: unknown }).id;
  return typeof id === 'string' && id.length > 0 && id.length <= ID_MAX ? id : null;
}

export function listenForPageCommands(handle: () => ContentHandle | null): () => void {
  const onMessage = (
    message: unknown,
    sender: Runtime.MessageSender,
    sendResponse: (answer: BulkOutcome | { shown: boolean } | null) => void,
  ): true | undefined => {
    const command = isPageCommand(message, sender, browser.runtime.id);
    const current = command ? handle() : null;
    if (!command || !current) return undefined;
    if (command === 'showEntry') {
      const id = entryIdOf(message);
      sendResponse({ shown: id !== null && current.showEntry(id) });
      return true;
    }
    const done = command === 'saveAllNew' ? current.saveAllNew() : current.undoBulk().then((undone) => ({ changed: undone ? 1 : 0, undoable: false }));
    // A failure answers null, which the popup reports as "the page did not answer".
    done.then(sendResponse, () => sendResponse(null));
    return true;
  };
  // The polyfill's types know listeners that always answer (return true) or never do; this one
  // answers only the popup's commands, and lets every other message pass.
  const listener = onMessage as Runtime.OnMessageListenerCallback;
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}
