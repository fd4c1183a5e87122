// The fake that stands in for src/shared/browser.ts must behave like the browsers where our code
// depends on it, or every test built on it proves nothing.
import { beforeEach, describe, expect, it } from 'vitest';
import { browser as viaModule } from '../../src/shared/browser';
import {
  browser,
  contentScriptSender,
  deliverMessage,
  extensionPageSender,
  resetFakeBrowser,
  sentMessages,
  sentToTabs,
  setDefaultSender,
  setFakeTabs,
} from './fake-browser';

beforeEach(() => {
  resetFakeBrowser();
});

describe('fake browser', () => {
  it('is what src/shared/browser.ts gives in unit tests', () => {
    expect(viaModule).toBe(browser);
  });

  it('answers with the first listener that answers; undefined lets the next one answer', async () => {
    browser.runtime.onMessage.addListener(() => undefined);
    browser.runtime.onMessage.addListener(async (message) => ({ echoed: message }));
    expect(await browser.runtime.sendMessage({ a: 1 })).toEqual({ echoed: { a: 1 } });
    expect(sentMessages()).toEqual([{ a: 1 }]);
  });

  it('resolves undefined when no listener answers, and rejects when there is no listener', async () => {
    const silent = () => undefined;
    browser.runtime.onMessage.addListener(silent);
    expect(browser.runtime.onMessage.hasListener(silent)).toBe(true);
    expect(await browser.runtime.sendMessage('hi')).toBeUndefined();
    browser.runtime.onMessage.removeListener(silent);
    await expect(browser.runtime.sendMessage('hi')).rejects.toThrow(/Receiving end does not exist/);
  });

  it('passes the sender and clones messages both ways', async () => {
    const seen: unknown[] = [];
    const payload = { nested: { n: 1 } };
    browser.runtime.onMessage.addListener((message, sender) => {
      seen.push(sender);
      (message as typeof payload).nested.n = 2;
      return Promise.resolve('ok');
    });
    setDefaultSender(contentScriptSender(9));
    await browser.runtime.sendMessage(payload);
    await deliverMessage(payload, extensionPageSender('options.html'));
    expect(payload.nested.n).toBe(1);
    expect(seen).toEqual([contentScriptSender(9), extensionPageSender('options.html')]);
    expect(browser.runtime.getURL('/popup.html')).toBe(`${browser.runtime.getURL('')}popup.html`);
  });

  it('lists fake tabs and records tabs.sendMessage, rejecting for tabs without a receiver', async () => {
    setFakeTabs([{ id: 1 }, { id: 2 }], { 1: (message) => ({ got: message }) });
    expect((await browser.tabs.query({})).map((tab) => tab.id)).toEqual([1, 2]);
    expect(await browser.tabs.sendMessage(1, 'x')).toEqual({ got: 'x' });
    await expect(browser.tabs.sendMessage(2, 'y')).rejects.toThrow(/Receiving end does not exist/);
    expect(sentToTabs()).toEqual([
      { tabId: 1, message: 'x' },
      { tabId: 2, message: 'y' },
    ]);
    resetFakeBrowser();
    expect(sentToTabs()).toEqual([]);
    expect(await browser.tabs.query({})).toEqual([]);
  });
});
