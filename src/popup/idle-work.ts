// Work that can wait: building the search index once the list shows. It runs in slices that
// stop at a deadline a few milliseconds away, so a key pressed meanwhile waits for one short
// slice at most; each slice is a background-priority task, which the browser runs only when no
// input, rendering or other task is waiting (so a key's own work is never queued behind one).

/** How long one slice may run: a key pressed during it waits this long at most. */
export const SLICE_MS = 8;

interface PostTaskScheduler {
  postTask(callback: () => void, options?: { priority?: 'user-blocking' | 'user-visible' | 'background' }): Promise<void>;
}

/**
 * Runs `work` once, in a later task, with the `performance.now()` time at which it should stop.
 * Returns a function that cancels it. Not `requestIdleCallback`: Chromium gives a page that
 * asks again from its callback one callback per idle period (up to 50 ms), which made the
 * 10,000-paper index take 10–15 s under load. Where `scheduler.postTask` is missing (some Firefox versions, unit
 * tests' DOM), a timer.
 */
export function inBackground(work: (until: number) => void): () => void {
  let cancelled = false;
  const run = (): void => {
    if (!cancelled) work(performance.now() + SLICE_MS);
  };
  const scheduler = (globalThis as { scheduler?: PostTaskScheduler }).scheduler;
  if (typeof scheduler?.postTask === 'function') void scheduler.postTask(run, { priority: 'background' });
  else setTimeout(run, 0);
  return () => {
    cancelled = true;
  };
}
