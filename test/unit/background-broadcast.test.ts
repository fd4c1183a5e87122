import { beforeEach, describe, expect, it, vi } from 'vitest';
import { broadcastChanges } from '../../src/background/broadcast';
import type { StateChange } from '../../src/shared/messages';
import { unsavedState } from '../../src/shared/paper';
import { browser, resetFakeBrowser, sentToTabs, setFakeTabs } from './fake-browser';

beforeEach(() => {
  resetFakeBrowser();
});

const change = (id: string): StateChange => ({ keys: [id], state: unsavedState(id) });
const idsSent = (tabId: number) =>
  sentToTabs()
    .filter((sent) => sent.tabId === tabId)
    .map((sent) => (sent.message as { changes: StateChange[] }).changes[0]!.state.id);

describe('broadcastChanges', () => {
  it('sends one stateChanged message to every tab with an id, ignoring tabs that cannot answer', async () => {
    const received: unknown[] = [];
    setFakeTabs([{ id: 1 }, { id: 2 }, { id: undefined }, { id: 4 }], {
      1: (message) => received.push(message),
      4: () => {
        throw new Error('page is being unloaded');
      },
    });
    await expect(broadcastChanges([change('arxiv:2501.00001')])).resolves.toBeUndefined();
    expect(sentToTabs().map((sent) => sent.tabId)).toEqual([1, 2, 4]);
    expect(received).toEqual([{ shelfmark: 1, type: 'stateChanged', changes: [change('arxiv:2501.00001')] }]);
  });

  it('sends nothing for an empty change list', async () => {
    setFakeTabs([{ id: 1 }]);
    await broadcastChanges([]);
    expect(sentToTabs()).toEqual([]);
  });

  it('keeps commit order even when listing the tabs is slow the first time', async () => {
    setFakeTabs([{ id: 1 }], { 1: () => undefined });
    const query = browser.tabs.query;
    vi.spyOn(browser.tabs, 'query')
      .mockImplementationOnce(async (info) => {
        await new Promise((resolve) => setTimeout(resolve, 30));
        return query(info);
      })
      .mockImplementation(query);
    await Promise.all([broadcastChanges([change('arxiv:first')]), broadcastChanges([change('arxiv:second')])]);
    expect(idsSent(1)).toEqual(['arxiv:first', 'arxiv:second']);
  });

  it('a tab that never answers does not hold up the next broadcast', async () => {
    setFakeTabs([{ id: 1 }, { id: 2 }], { 1: () => new Promise(() => undefined), 2: () => undefined });
    void broadcastChanges([change('arxiv:first')]);
    await vi.waitFor(() => expect(idsSent(2)).toEqual(['arxiv:first']));
    void broadcastChanges([change('arxiv:second')]);
    await vi.waitFor(() => expect(idsSent(1)).toEqual(['arxiv:first', 'arxiv:second']));
  });

  it('survives a failure to list the tabs, and the next broadcast still goes out', async () => {
    setFakeTabs([{ id: 1 }], { 1: () => undefined });
    vi.spyOn(browser.tabs, 'query').mockRejectedValueOnce(new Error('browser shutting down'));
    await expect(broadcastChanges([change('arxiv:lost')])).resolves.toBeUndefined();
    await broadcastChanges([change('arxiv:next')]);
    expect(idsSent(1)).toEqual(['arxiv:next']);
  });
});
