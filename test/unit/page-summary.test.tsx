// The popup's page line over the real background, and what the page accepts as a popup command.
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ContentHandle } from '../../src/content/controller';
import { isPageCommand, listenForPageCommands } from '../../src/content/page-commands';
import { PageLine } from '../../src/popup/components/PageLine';
import { describePage, sinceLabel } from '../../src/popup/page-summary';
import { startBackground, type Background } from './extension-kit';
import {
  browser,
  contentScriptSender,
  deliverMessage,
  extensionPageSender,
  FAKE_EXTENSION_ID,
  resetFakeBrowser,
  setDefaultSender,
  setFakeTabs,
} from './fake-browser';

let background: Background;
beforeEach(() => {
  background = startBackground();
  document.body.replaceChildren();
});

describe('page summary', () => {
  it('says "12 of 397 saved here · 40 new since Tue"', () => {
    const now = Date.parse('2026-12-03T10:00:00Z');
    const tuesday = Date.parse('2026-12-01T08:00:00Z');
    expect(describePage({ total: 397, saved: 12, new: 40, previousVisitAt: tuesday }, now)).toBe('12 of 397 saved here · 40 new since Tue');
    expect(describePage({ total: 3, saved: 0, new: 0, previousVisitAt: null }, now)).toBe('0 of 3 saved here');
    expect(sinceLabel(Date.parse('2026-10-05T08:00:00Z'), now)).toBe('Oct 5');
    expect(sinceLabel(Date.parse('2025-10-05T08:00:00Z'), now)).toBe('Oct 5, 2025');
  });

  it('shows the tab the popup opened over, and asks its page to save all new', async () => {
    const sent: unknown[] = [];
    setFakeTabs([{ id: 7, active: true }], {
      7: (message) => {
        sent.push(message);
        return { changed: 40, undoable: true };
      },
    });
    // The tab's content script reported its page (its sender is tab 7).
    setDefaultSender(contentScriptSender(7));
    await background.request('reportPage', { total: 397, saved: 12, new: 40, previousVisitAt: Date.now() - 86_400_000 });
    setDefaultSender(extensionPageSender());

    const root = document.createElement('div');
    document.body.append(root);
    await act(() => render(<PageLine />, root));
    for (let i = 0; i < 100 && !root.querySelector('[data-page-summary]'); i++) await act(() => new Promise((r) => setTimeout(r, 10)));
    expect(root.querySelector('[data-page-summary] span')!.textContent).toMatch(/^12 of 397 saved here · 40 new since \w{3}$/u);
    await act(() => {
      root.querySelector<HTMLButtonElement>('[data-action="save-all-new"]')!.click();
    });
    for (let i = 0; i < 100 && !root.querySelector('[data-action="undo-save-all-new"]'); i++) await act(() => new Promise((r) => setTimeout(r, 10)));
    expect(sent).toEqual([{ shelfmark: 1, type: 'pageCommand', command: 'saveAllNew' }]);
    expect(root.querySelector('[role="status"]')!.textContent).toBe('Saved 40.');
  });

  it('takes commands only from the extension\'s own pages', () => {
    const message = { shelfmark: 1, type: 'pageCommand', command: 'saveAllNew' };
    expect(isPageCommand(message, extensionPageSender(), FAKE_EXTENSION_ID)).toBe('saveAllNew');
    expect(isPageCommand(message, contentScriptSender(3), FAKE_EXTENSION_ID)).toBeNull();
    expect(isPageCommand(message, { id: 'another-extension' }, FAKE_EXTENSION_ID)).toBeNull();
    expect(isPageCommand({ ...message, command: 'forgetEverything' }, extensionPageSender(), FAKE_EXTENSION_ID)).toBeNull();
  });

  it('answers a command through sendResponse and `return true`, and lets every other message pass', async () => {
    resetFakeBrowser();
    let saveAllNew = (): Promise<{ changed: number; undoable: boolean }> => Promise.resolve({ changed: 3, undoable: true });
    const page = { saveAllNew: () => saveAllNew(), undoBulk: () => Promise.resolve(true) } as unknown as ContentHandle;
    const stop = listenForPageCommands(() => page);
    const command = (name: string) => ({ shelfmark: 1, type: 'pageCommand', command: name });
    // Chromium's `chrome` drops an answer returned as a Promise: the listener must keep the channel open.
    const [listener] = browser.runtime.onMessage.listeners;
    expect(listener!(command('undoBulk'), extensionPageSender(), () => undefined)).toBe(true);
    expect(listener!({ shelfmark: 1, type: 'stateChanged', changes: [] }, extensionPageSender(), () => undefined)).toBeUndefined();

    expect(await deliverMessage(command('saveAllNew'), extensionPageSender())).toEqual({ changed: 3, undoable: true });
    expect(await deliverMessage(command('undoBulk'), extensionPageSender())).toEqual({ changed: 1, undoable: false });
    saveAllNew = () => Promise.reject(new Error('no new entries could be read'));
    expect(await deliverMessage(command('saveAllNew'), extensionPageSender())).toBeNull();
    expect(await deliverMessage(command('saveAllNew'), contentScriptSender(3))).toBeUndefined();
    stop();
    expect(browser.runtime.onMessage.hasListeners()).toBe(false);
  });
});
