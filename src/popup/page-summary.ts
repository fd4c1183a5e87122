// The popup's line about the tab it opened over: "12 of 397 saved here · 40 new since Tue", and
// "Save all new" on that page (done by the tab's content script, which shows the undo there too).
// The tab's id comes from tabs.query, which needs no `tabs` permission for ids.
import { browser } from '../shared/browser';
import { request } from '../shared/messaging';
import type { PageSummaryReport } from '../shared/triage';

/** What the popup can ask of the tab's content script. */
export type PageCommand = 'saveAllNew' | 'undoBulk' | 'showEntry';
export const PAGE_COMMANDS: readonly PageCommand[] = ['saveAllNew', 'undoBulk', 'showEntry'];

export interface PageCommandMessage {
  shelfmark: 1;
  type: 'pageCommand';
  command: PageCommand;
  /** The paper whose entry `showEntry` scrolls to. */
  id?: string;
}

const DAY_MS = 86_400_000;

/** "Tue" within the last week, else "Nov 3" (and the year when it is not this one). */
export function sinceLabel(at: number, now = Date.now()): string {
  const date = new Date(at);
  if (now - at < 6 * DAY_MS) return new Intl.DateTimeFormat('en', { weekday: 'short' }).format(date);
  const sameYear = date.getFullYear() === new Date(now).getFullYear();
  return new Intl.DateTimeFormat('en', sameYear ? { day: 'numeric', month: 'short' } : { day: 'numeric', month: 'short', year: 'numeric' }).format(date);
}

/** "12 of 397 saved here · 40 new since Tue" */
export function describePage(summary: PageSummaryReport, now = Date.now()): string {
  const saved = `${summary.saved.toLocaleString('en')} of ${summary.total.toLocaleString('en')} saved here`;
  if (summary.previousVisitAt === null) return saved;
  return `${saved} · ${summary.new.toLocaleString('en')} new since ${sinceLabel(summary.previousVisitAt, now)}`;
}

export async function activeTabId(): Promise<number | undefined> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

export async function pageSummaryOf(tabId: number): Promise<PageSummaryReport | null> {
  return request('pageSummary', { tabId });
}

/** Asks the tab's content script to act; answers what it did ({ changed, undoable }). */
export async function sendPageCommand(tabId: number, command: 'saveAllNew' | 'undoBulk'): Promise<{ changed: number; undoable: boolean }> {
  const message: PageCommandMessage = { shelfmark: 1, type: 'pageCommand', command };
  const answer = (await browser.tabs.sendMessage(tabId, message)) as { changed: number; undoable: boolean } | undefined;
  if (!answer || typeof answer.changed !== 'number') throw new Error('The page did not answer.');
  return answer;
}
