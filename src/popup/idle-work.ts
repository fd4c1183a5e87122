// Work that can wait for the page to be idle: building the search index once the list shows.
// Each slice stops at a deadline a few milliseconds away, so a key pressed meanwhile waits for
// one short slice at most, and a key's own work is never queued behind a slice (idle callbacks
// run only when nothing else is waiting).

/** How long one slice may run: a key pressed during it waits this long at most. */
export const IDLE_SLICE_MS = 8;

/**
 * Runs `work` once, when the page is next idle, with the `performance.now()` time at which it
 * should stop. Returns a function that cancels it. Without `requestIdleCallback` (unit tests'
 * DOM), a timer runs it.
 */
export function whenIdle(work: (until: number) => void): () => void {
  if (typeof requestIdleCallback === 'function') {
    // The timeout keeps the work going in a page that is never idle (a busy tab, or a hidden one,
    // which gets few idle periods); a slice called by it still stops at its deadline.
    const handle = requestIdleCallback(
      (idle) => work(performance.now() + (idle.didTimeout ? IDLE_SLICE_MS : Math.min(IDLE_SLICE_MS, idle.timeRemaining()))),
      { timeout: 1_000 },
    );
    return () => cancelIdleCallback(handle);
  }
  const timer = setTimeout(() => work(performance.now() + IDLE_SLICE_MS), 0);
  return () => clearTimeout(timer);
}
