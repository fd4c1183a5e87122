// Typed request/response over runtime messaging. Every context sends through `request`.
import { browser } from './browser';
import type { RequestEnvelope, RequestOf, RequestType, ResponseOf, Result } from './messages';
import { Refused } from './refused';

/** A request that failed without a definite refusal (no answer, an unexpected fault): it may succeed if sent again. */
export class ShelfmarkRequestError extends Error {
  override name = 'ShelfmarkRequestError';
}

export async function request<K extends RequestType>(type: K, payload: RequestOf<K>): Promise<ResponseOf<K>> {
  const envelope: RequestEnvelope<K> = { shelfmark: 1, type, payload };
  const result = (await browser.runtime.sendMessage(envelope)) as Result<ResponseOf<K>> | undefined;
  if (!result || typeof result !== 'object' || !('ok' in result)) {
    throw new ShelfmarkRequestError(`No answer from the Shelfmark background to "${type}".`);
  }
  if (!result.ok) throw result.refused ? new Refused(result.error) : new ShelfmarkRequestError(result.error);
  return result.value;
}
