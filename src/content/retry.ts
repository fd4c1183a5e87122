// A request can fail while the background's service worker is being stopped or restarted (the
// message finds no receiver). The next message wakes it, so one retry is enough. A definite
// refusal (a rule, a full disk: `Refused`) is not retried: the same request would fail the same way.
import { Refused } from '../shared/refused';

const RETRY_DELAY_MS = 50;

export async function withOneRetry<T>(attempt: () => Promise<T>): Promise<T> {
  try {
    return await attempt();
  } catch (error) {
    if (error instanceof Refused) throw error;
    await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS));
    return attempt();
  }
}

/** What the page shows for a failed request: a refusal says why (a full disk, a rule); anything else is a background that did not answer. */
export function failureNote(error: unknown): string {
  return error instanceof Refused ? error.message : 'Shelfmark did not answer. Try again.';
}
