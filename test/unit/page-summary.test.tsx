// The popup's page line over the real background, and what the page accepts as a popup command.
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import { isPageCommand } from '../../src/content/page-commands';
import { PageLine } from '../../src/popup/components/PageLine';
import { describePage, sinceLabel } from '../../src/popup/page-summary';
import { startBackground, type Background } from './extension-kit';
import { contentScriptSender, extensionPageSender, FAKE_EXTENSION_ID, setDefaultSender, setFakeTabs } from './fake-browser';

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
});
