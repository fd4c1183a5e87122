// State changes pushed by the background after each write. Anything else arriving on the
// message channel (another extension's, a malformed one) is ignored.
import * as v from 'valibot';
import { StateBroadcastSchema, type StateChange } from '../shared/messages';

export interface MessageSenderLike {
  id?: string;
}

export function parseBroadcast(message: unknown, sender: MessageSenderLike | undefined, runtimeId: string): StateChange[] | null {
  if (!sender || sender.id !== runtimeId) return null;
  const parsed = v.safeParse(StateBroadcastSchema, message);
  return parsed.success ? parsed.output.changes : null;
}
