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

/** Work units between two readings of the clock: a unit is a cheap step (one SGD step, one seen row). */
const UNITS_PER_CHECK = 64;

export class Slicer {
  private started = performance.now();
  private units = 0;
  /** How many times work paused: a test can see that long work was sliced. */
  pauses = 0;

  constructor(
    private readonly sliceMs: number,
    private readonly yieldFn: Yield = macrotask,
  ) {}

  /**
   * True once the slice's time is up. The clock is read once `units` add up to UNITS_PER_CHECK:
   * a step that costs as much as 64 cheap ones (a saved paper's abstract read) says so, and the
   * clock is read after it (64 such steps between readings held the thread for 50 ms and more).
   */
  due(units = 1): boolean {
    this.units += units;
    if (this.units < UNITS_PER_CHECK) return false;
    this.units = 0;
    return performance.now() - this.started >= this.sliceMs;
  }

  async pause(): Promise<void> {
    this.pauses += 1;
    await this.yieldFn();
    this.started = performance.now();
  }

  /** Pauses if the slice's time is up, reading the clock now (after a step of unknown cost). */
  async check(): Promise<void> {
    if (this.due(UNITS_PER_CHECK)) await this.pause();
  }

  /**
   * `body(from, to)` over 0 … end in runs of `chunk`, pausing between runs once the slice's time
   * is up: for plain loops over a whole typed array (the idf table, the title index's postings).
   */
  async chunks(end: number, chunk: number, body: (from: number, to: number) => void): Promise<void> {
    for (let from = 0; from < end; from += chunk) {
      body(from, Math.min(end, from + chunk));
      await this.check();
    }
  }
}
