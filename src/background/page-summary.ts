// Per-tab page summaries, reported by each tab's content script (sender.tab.id; no `tabs`
// permission needed): the toolbar badge shows how many of the tab's entries are saved, and the
// popup reads the whole summary for the tab it opened over. Kept for as long as the tab is open,
// across restarts of the background (tab-memory.ts).
import { browser } from '../shared/browser';
import type { PageSummaryReport } from '../shared/triage';
import { TabMemory } from './tab-memory';

const BADGE_COLOR = '#2563eb';

export class PageSummaries {
  readonly #byTab = new TabMemory<PageSummaryReport>('page-summary');

  async report(tabId: number, summary: PageSummaryReport): Promise<void> {
    this.#byTab.set(tabId, summary);
    const action = (browser as { action?: typeof browser.action }).action;
    if (!action) return;
    // A tab that was closed meanwhile rejects: nothing to draw then.
    await Promise.all([
      action.setBadgeText({ tabId, text: summary.saved > 0 ? String(summary.saved) : '' }),
      action.setBadgeBackgroundColor({ tabId, color: BADGE_COLOR }),
    ]).catch(() => undefined);
  }

  get(tabId: number): Promise<PageSummaryReport | null> {
    return this.#byTab.get(tabId);
  }
}

let shared: PageSummaries | undefined;
export function pageSummaries(): PageSummaries {
  shared ??= new PageSummaries();
  return shared;
}
