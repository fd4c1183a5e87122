// What the background keeps per tab outlives the background (storage.session) and goes with the tab.
import { beforeEach, describe, expect, it } from 'vitest';
import { PageSummaries } from '../../src/background/page-summary';
import { forgetTab, TabMemory } from '../../src/background/tab-memory';
import { badgeOf, browser, resetFakeBrowser } from './fake-browser';

beforeEach(() => resetFakeBrowser());

const summary = { total: 40, saved: 3, new: 5, previousVisitAt: 1_700_000_000_000 };

describe('tab memory', () => {
  it("keeps a tab's page summary across a restart of the background, until the tab closes", async () => {
    await new PageSummaries().report(3, summary);
    expect(badgeOf(3)).toBe('3');
    // A new background (the old one stopped after 30 s idle) answers the popup from session storage.
    expect(await new PageSummaries().get(3)).toEqual(summary);
    expect(await new PageSummaries().get(4)).toBeNull();
    await forgetTab(3);
    expect(await new PageSummaries().get(3)).toBeNull();
    expect(await browser.storage.session.get(null)).toEqual({});
  });

  it('applies updates of one tab in order, each to the record the one before left', async () => {
    const memory = new TabMemory<number[]>('for-you');
    const appended = [1, 2, 3].map((n) => memory.update(9, (list) => [...(list ?? []), n]));
    // A read waits for the updates asked before it.
    expect(await memory.get(9)).toEqual([1, 2, 3]);
    await Promise.all(appended);
    expect(await new TabMemory<number[]>('for-you').get(9)).toEqual([1, 2, 3]);
  });

  it("clears one memory's records and leaves the other's", async () => {
    const forYou = new TabMemory<string>('for-you');
    forYou.set(1, 'a');
    forYou.set(2, 'b');
    await new PageSummaries().report(1, summary);
    await forYou.clear();
    expect(await new TabMemory<string>('for-you').get(1)).toBeNull();
    expect(await new TabMemory<string>('for-you').get(2)).toBeNull();
    expect(await new PageSummaries().get(1)).toEqual(summary);
  });
});
