import { describe, expect, it } from 'vitest';
import { giveWay, givenWayTo } from '../../src/background/give-way';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("training's pause (give-way)", () => {
  it('rests as long as the slice it follows when no request is in flight', async () => {
    const started = performance.now();
    await giveWay(20);
    expect(performance.now() - started).toBeGreaterThanOrEqual(19);
  });

  it('waits while a request is in flight, and goes on once the last one settles', async () => {
    let settleFirst!: () => void;
    let settleSecond!: (value: string) => void;
    const first = givenWayTo(new Promise<void>((resolve) => (settleFirst = resolve)));
    const second = givenWayTo(new Promise<string>((resolve) => (settleSecond = resolve)));
    let resumed = false;
    const pause = giveWay(1).then(() => (resumed = true));
    await sleep(30);
    expect(resumed).toBe(false);
    settleFirst();
    await first;
    await sleep(10);
    expect(resumed).toBe(false);
    settleSecond('answered');
    expect(await second).toBe('answered');
    await pause;
    expect(resumed).toBe(true);
  });

  it('passes a failed request on, and stops waiting for it', async () => {
    const failed = givenWayTo(Promise.reject(new Error('refused')));
    await expect(failed).rejects.toThrow('refused');
    const started = performance.now();
    await giveWay(1);
    expect(performance.now() - started).toBeLessThan(200);
  });

  it('does not wait more than a quarter of a second for a request that never settles', async () => {
    void givenWayTo(new Promise<never>(() => {}));
    const started = performance.now();
    await giveWay(1);
    const waited = performance.now() - started;
    expect(waited).toBeGreaterThanOrEqual(240);
    expect(waited).toBeLessThan(1_000);
  });
});
