// The popup's "suggested on this page" over the real background: why there is nothing (cold start),
// the list with its reasons on demand, and "show me" sent to the tab's content script.
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import { forYouService } from '../../src/background/for-you';
import { entryIdOf } from '../../src/content/page-commands';
import { ForYouList } from '../../src/popup/components/ForYouList';
import { describeSuggestions } from '../../src/popup/for-you';
import { startBackground, type Background } from './extension-kit';
import { contentScriptSender, extensionPageSender, setDefaultSender, setFakeTabs } from './fake-browser';

const GARDEN = ['lattice gardening with quiet trellis', 'trellis pruning for lattice gardening', 'lattice gardening under moonlit trellis', 'compost lattice gardening trellis', 'a trellis theory of lattice gardening', 'trellis lattice gardening at dawn'];
const KELP = ['marine acoustics of humming kelp', 'kelp forest acoustics survey', 'humming kelp and tidal echoes', 'echoes in kelp acoustics', 'tidal kelp humming patterns', 'acoustics of drifting kelp', 'sonar kelp humming', 'kelp echoes at low tide'];
const TAB = 7;

let background: Background;
beforeEach(() => {
  background = startBackground();
  forYouService().reset();
  document.body.replaceChildren();
});

async function saveTitles(titles: readonly string[]) {
  for (const [i, title] of titles.entries()) {
    const id = `arxiv:2501.${String(10000 + i)}`;
    await background.request('save', { paper: { id, aliases: [id], title, authors: ['Ada Example'] } });
  }
}

/** Tab 7's content script asks about its entries (with their titles), as a listing does. */
async function pageAsks(titles: readonly string[], from: number) {
  setDefaultSender(contentScriptSender(TAB));
  const papers = titles.map((text, i) => ({ id: `arxiv:2601.${String(from + i)}`, aliases: [], text }));
  await background.request('getStates', { papers });
  setDefaultSender(extensionPageSender());
  return papers;
}

async function renderList(seenHistoryOn = true) {
  const root = document.createElement('div');
  document.body.append(root);
  await act(() => render(<ForYouList seenHistoryOn={seenHistoryOn} />, root));
  for (let i = 0; i < 100 && !root.querySelector('[data-for-you]'); i++) await act(() => new Promise((r) => setTimeout(r, 10)));
  return root;
}

describe('suggested on this page (popup)', () => {
  it('says why there is nothing: fewer than five papers saved', async () => {
    setFakeTabs([{ id: TAB, active: true }]);
    await saveTitles(GARDEN.slice(0, 3));
    await pageAsks(KELP, 10000);
    await forYouService().idle();
    const root = await renderList();
    expect(root.querySelector('[data-for-you-status]')!.textContent).toBe('No suggestions yet: they start once you have saved 5 papers (you have 3).');
    expect(root.querySelector('[data-suggestion]')).toBeNull();
  });

  it('shows nothing over a tab it ranked nothing on', async () => {
    setFakeTabs([{ id: 9, active: true }]);
    const root = await renderList();
    await act(() => new Promise((r) => setTimeout(r, 50)));
    expect(root.querySelector('[data-for-you]')).toBeNull();
  });

  it('lists the suggested entries, says why on demand, and asks the page to show one', async () => {
    const sent: unknown[] = [];
    setFakeTabs([{ id: TAB, active: true }], {
      // The tab also hears the saves' broadcasts: only the popup's commands are kept.
      [TAB]: (message) => {
        if ((message as { type?: string }).type !== 'pageCommand') return undefined;
        sent.push(message);
        return { shown: true };
      },
    });
    await saveTitles(GARDEN);
    // A first listing, seen and passed over: what the model learns to tell apart.
    const passed = await pageAsks(KELP, 10000);
    await background.request('markSeen', { ids: passed.map((paper) => paper.id) });
    await forYouService().idle();
    await pageAsks(['lattice gardening with trellis robots', 'kelp acoustics under ice', 'humming kelp in aquaria'], 20000);

    const root = await renderList();
    const items = [...root.querySelectorAll('[data-suggestion]')];
    expect(items.map((item) => item.querySelector('[data-action="show-suggestion"]')!.textContent)).toEqual(['lattice gardening with trellis robots']);
    expect(root.querySelector('h2')!.textContent).toBe('Suggested on this page (1)');
    expect(root.querySelector('[data-why]')).toBeNull();

    const why = items[0]!.querySelector<HTMLButtonElement>('[data-action="why-suggested"]')!;
    await act(() => why.click());
    expect(why.getAttribute('aria-expanded')).toBe('true');
    expect(root.querySelector('[data-why]')!.textContent).toMatch(/^Because of: .*(lattice|gardening|trellis)/u);

    await act(() => items[0]!.querySelector<HTMLButtonElement>('[data-action="show-suggestion"]')!.click());
    await act(() => new Promise((r) => setTimeout(r, 10)));
    expect(sent).toEqual([{ shelfmark: 1, type: 'pageCommand', command: 'showEntry', id: 'arxiv:2601.20000' }]);
    expect(entryIdOf(sent[0])).toBe('arxiv:2601.20000');
    expect(root.querySelector('[role="status"]')).toBeNull();
  });

  it('says the seen history is what it learns from, when that is off', () => {
    expect(describeSuggestions({ status: 'no-seen', suggestions: [] }, false)).toMatch(/seen history .* off/u);
    expect(describeSuggestions({ status: 'no-seen', suggestions: [] }, true)).toMatch(/has seen none yet/u);
    expect(describeSuggestions({ status: 'on', suggestions: [] }, true)).toMatch(/^Nothing on this page/u);
  });
});
