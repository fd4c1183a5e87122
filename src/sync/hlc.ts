// Hybrid logical clock (Kulkarni et al., 2014): a timestamp that follows wall time where the
// devices' clocks agree and still orders every change after whatever its device had seen, even when
// a clock is behind. Packed in one safe integer so records stay small and compare with `<`:
//   [ wall seconds : 32 bits ][ counter : 12 bits ][ node : 8 bits ]   = 52 bits < 2^53
// Seconds, not milliseconds: the counter orders changes within a second, and the smaller numbers
// cost fewer bytes in browser sync storage. The node bits (from the device id) break the tie
// between two devices that changed something in the same second with the same counter.

export type Hlc = number;

const NODE_BITS = 8;
const COUNTER_BITS = 12;
const NODE_SPACE = 2 ** NODE_BITS;
const COUNTER_SPACE = 2 ** COUNTER_BITS;
const LOW_SPACE = NODE_SPACE * COUNTER_SPACE;
const MAX_COUNTER = COUNTER_SPACE - 1;

/** The clock value that is before every other: a field nobody has written. */
export const ZERO: Hlc = 0;

export interface HlcParts {
  seconds: number;
  counter: number;
  node: number;
}

export function packHlc({ seconds, counter, node }: HlcParts): Hlc {
  return seconds * LOW_SPACE + counter * NODE_SPACE + node;
}

export function unpackHlc(clock: Hlc): HlcParts {
  const seconds = Math.floor(clock / LOW_SPACE);
  const low = clock - seconds * LOW_SPACE;
  return { seconds, counter: Math.floor(low / NODE_SPACE), node: low % NODE_SPACE };
}

/** Wall time (ms) a clock stands for, to the second; for pruning and "last change" displays. */
export function hlcMillis(clock: Hlc): number {
  return unpackHlc(clock).seconds * 1000;
}

/** A clock for an event at wall time `ms` that no device has ordered yet (records kept before sync). */
export function hlcAt(ms: number, node = 0): Hlc {
  return packHlc({ seconds: Math.max(0, Math.floor(ms / 1000)), counter: 0, node });
}

/** The 8 node bits of a device id: a stable FNV-1a hash of its text. */
export function nodeOf(deviceId: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < deviceId.length; i += 1) {
    hash ^= deviceId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % NODE_SPACE;
}

/**
 * One device's clock. `now()` stamps a local change; `observe()` takes in a clock received from
 * another device so every later local change is ordered after it. `last` is what to persist.
 */
export class HybridClock {
  private seconds: number;
  private counter: number;

  constructor(
    readonly node: number,
    last: Hlc = ZERO,
    private readonly wallMs: () => number = Date.now,
  ) {
    const parts = unpackHlc(last);
    this.seconds = parts.seconds;
    this.counter = parts.counter;
  }

  get last(): Hlc {
    return packHlc({ seconds: this.seconds, counter: this.counter, node: this.node });
  }

  now(): Hlc {
    const wall = Math.floor(this.wallMs() / 1000);
    if (wall > this.seconds) {
      this.seconds = wall;
      this.counter = 0;
    } else {
      this.bump();
    }
    return this.last;
  }

  observe(remote: Hlc): void {
    const theirs = unpackHlc(remote);
    if (theirs.seconds > this.seconds || (theirs.seconds === this.seconds && theirs.counter > this.counter)) {
      this.seconds = theirs.seconds;
      this.counter = theirs.counter;
    }
  }

  /** Next counter value; past 4,095 changes in one second the logical second runs ahead by one. */
  private bump(): void {
    if (this.counter < MAX_COUNTER) {
      this.counter += 1;
    } else {
      this.seconds += 1;
      this.counter = 0;
    }
  }
}

