// The popup's "suggested on this page" (issue 15): what the background ranked on the tab the popup
// opened over, why there is nothing when there is nothing, and "show me" (the tab's content script
// scrolls to the entry and opens its explanation).
import { browser } from '../shared/browser';
import { MIN_SAVED, type PageSuggestions } from '../shared/for-you';
import { request } from '../shared/messaging';
import type { PageCommandMessage } from './page-summary';

/** The tab's suggestions; null when the background ranked nothing there (no listing, or turned off). */
export async function pageSuggestionsOf(tabId: number): Promise<PageSuggestions | null> {
  return request('pageSuggestions', { tabId });
}

/**
 * The line above the list, or the whole answer when there is no list: why nothing is suggested
 * (fewer than five papers saved, nothing passed over to learn from yet, still learning).
 */
export function describeSuggestions(page: PageSuggestions, seenHistoryOn: boolean): string | null {
  switch (page.status) {
    case 'cold-start': {
      const saved = page.saved ?? 0;
      return `No suggestions yet: they start once you have saved ${MIN_SAVED} papers (you have ${saved}).`;
    }
    case 'no-seen':
      return seenHistoryOn
        ? 'No suggestions yet: Shelfmark learns from the papers you scroll past without saving, and has seen none yet.'
        : 'No suggestions: Shelfmark learns from the papers you scroll past without saving, which the seen history keeps, and it is off (Settings, Seen history).';
    case 'training':
      return 'Learning from your library; suggestions come with the next page.';
    case 'off':
      return null;
    case 'on':
      return page.suggestions.length === 0 ? 'Nothing on this page is much like the papers you saved.' : null;
  }
}

/** Asks the tab to scroll to the entry of `id`; false when the page no longer shows it. */
export async function showOnPage(tabId: number, id: string): Promise<boolean> {
  const message: PageCommandMessage = { shelfmark: 1, type: 'pageCommand', command: 'showEntry', id };
  const answer = (await browser.tabs.sendMessage(tabId, message)) as { shown?: unknown } | null | undefined;
  return answer?.shown === true;
}
