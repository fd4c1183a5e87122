// State changes pushed by the background after each write. Only this extension's messages count
// (another extension's are ignored); of those, the background's broadcasts are told apart from the
// popup's page commands (page-commands.ts) by their type. They are not checked field by field: the
// background builds them from its own records (src/background/broadcast.ts, typed StateBroadcast),
// and web pages cannot send on this channel (only the extension's own pages and background reach
// a content script's runtime.onMessage), so what passes the sender check is trusted. The schemas
// stay with the background, which checks everything content scripts send.
import type { StateBroadcast, StateChange } from '../shared/messages';

export interface MessageSenderLike {
  id?: string;
}

export function parseBroadcast(message: unknown, sender: MessageSenderLike | undefined, runtimeId: string): StateChange[] | null {
  if (!sender || sender.id !== runtimeId || typeof message !== 'object' || message === null) return null;
  const { shelfmark, type, changes } = message as Partial<StateBroadcast>;
  return shelfmark === 1 && type === 'stateChanged' && Array.isArray(changes) ? changes : null;
}
