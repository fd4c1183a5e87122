// Long work (training) in slices: the caller checks `due()` cheaply in its loop and, when the
// slice's time is up, awaits `pause()`, which hands the thread back (to the service worker's
// message handlers, so answering a page never waits behind a training run).
export type Yield = () => Promise<void>;

/** Yields to the event loop through a macrotask: messages queued meanwhile are handled first. */
export const macrotask: Yield = () => new Promise((resolve) => setTimeout(resolve, 0));

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
