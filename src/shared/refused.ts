// The one error for "refused, nothing changed": a request, record or file that cannot be done or
// read as asked, detected before anything was written (or inside a transaction that then rolled
// back). Its message is shown to the user as is, so it says what was wrong in plain words.
// Anything else thrown is an unexpected failure. Every layer (formats, db, background, popup)
// throws and catches this same class; nothing converts it into another.
export class Refused extends Error {
  override name = 'Refused';
}

export function notSaved(id: string): Refused {
  return new Refused(`The paper "${id}" is not in your reading list.`);
}

/** What a full disk is called everywhere (page, popup, imports). */
export const STORAGE_FULL =
  "Your browser's storage for Shelfmark is full, so nothing was saved. Free some disk space (or remove other sites' data) and try again.";

/**
 * A write that failed because the disk or the browser's quota is full, as IndexedDB reports it
 * (directly, or as the inner error of Dexie's AbortError): a definite refusal with a plain message.
 */
export function isStorageFull(error: unknown): boolean {
  for (let e = error as { name?: unknown; inner?: unknown } | null | undefined, depth = 0; e && depth < 4; e = e.inner as typeof e, depth += 1) {
    if (e.name === 'QuotaExceededError') return true;
  }
  return false;
}
