// Long work (training) in slices: the caller checks `due()` cheaply in its loop and, when the
// slice's time is up, awaits `pause()`, which hands the thread back (to the service worker's
// message handlers, so answering a page never waits behind a training run).
export type Yield = () => Promise<void>;

/**
 * Yields to the event loop through a macrotask: messages queued meanwhile are handled first. A
 * MessageChannel message, not setTimeout(0): nested timers are clamped to 4 ms, which added a
 * third to every 8 ms slice of a long training run.
 */
export const macrotask: Yield = () =>
  new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });

export class Slicer {
  private started = performance.now();
  private checks = 0;
  /** How many times work paused: a test can see that long work was sliced. */
  pauses = 0;

  constructor(
    private readonly sliceMs: number,
    private readonly yieldFn: Yield = macrotask,
  ) {}

  /** True once the slice's time is up; reads the clock only every 64 calls. */
  due(): boolean {
    if (++this.checks % 64 !== 0) return false;
    return performance.now() - this.started >= this.sliceMs;
  }

  async pause(): Promise<void> {
    this.pauses += 1;
    await this.yieldFn();
    this.started = performance.now();
  }
}
