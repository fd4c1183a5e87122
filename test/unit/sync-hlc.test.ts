import { describe, expect, it } from 'vitest';
import { hlcAt, hlcMillis, HybridClock, nodeOf, packHlc, unpackHlc } from '../../src/sync/hlc';

describe('hybrid logical clock', () => {
  it('packs and unpacks its parts, ordering by seconds, then counter, then node', () => {
    const parts = { seconds: 1_790_000_000, counter: 4095, node: 255 };
    expect(unpackHlc(packHlc(parts))).toEqual(parts);
    expect(Number.isSafeInteger(packHlc({ seconds: 2 ** 32 - 1, counter: 4095, node: 255 }))).toBe(true);
    expect(packHlc({ seconds: 10, counter: 0, node: 0 })).toBeGreaterThan(packHlc({ seconds: 9, counter: 4095, node: 255 }));
    expect(packHlc({ seconds: 10, counter: 1, node: 0 })).toBeGreaterThan(packHlc({ seconds: 10, counter: 0, node: 255 }));
    expect(hlcMillis(hlcAt(1_700_000_123_456))).toBe(1_700_000_123_000);
  });

  it('follows wall time and orders changes within one second by its counter', () => {
    let wall = 1_700_000_000_000;
    const clock = new HybridClock(7, 0, () => wall);
    const first = clock.now();
    const second = clock.now();
    expect(second).toBeGreaterThan(first);
    expect(unpackHlc(second)).toEqual({ seconds: 1_700_000_000, counter: 1, node: 7 });
    wall += 5_000;
    expect(unpackHlc(clock.now())).toEqual({ seconds: 1_700_000_005, counter: 0, node: 7 });
  });

  it('never goes back when the wall clock does, and runs the second ahead past 4,095 changes', () => {
    let wall = 1_700_000_000_000;
    const clock = new HybridClock(1, 0, () => wall);
    let previous = clock.now();
    wall -= 60_000;
    for (let i = 0; i < 5000; i += 1) {
      const next = clock.now();
      expect(next).toBeGreaterThan(previous);
      previous = next;
    }
    expect(unpackHlc(previous).seconds).toBe(1_700_000_001);
  });

  it('stamps every change after a clock it received, even from a device whose clock is ahead', () => {
    const behind = new HybridClock(1, 0, () => 1_700_000_000_000);
    const ahead = new HybridClock(2, 0, () => 1_700_000_900_000);
    const remote = ahead.now();
    behind.observe(remote);
    expect(behind.now()).toBeGreaterThan(remote);
    // Restored from its persisted value, a clock keeps its order.
    const restored = new HybridClock(1, behind.last, () => 1_600_000_000_000);
    expect(restored.now()).toBeGreaterThan(behind.last);
  });

  it('derives the node from the device id, stably', () => {
    expect(nodeOf('device-a')).toBe(nodeOf('device-a'));
    expect(nodeOf('device-a')).toBeGreaterThanOrEqual(0);
    expect(nodeOf('device-a')).toBeLessThan(256);
  });
});
