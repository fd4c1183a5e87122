// "Mark this page" and "Always on this site" (issue 10): the link finder on the tab the popup was
// opened over. Marking once needs no host permission: opening the popup grants `activeTab` for
// that tab, and `scripting` injects the content script into it. "Always" asks for the origin as
// an optional host permission and registers the content script there (src/shared/user-sites.ts).
import { browser } from '../shared/browser';
import { registerSite, requestSitePermission } from '../shared/user-sites';
import { siteOrigin } from '../shared/link-sites';
import { GENERIC_BUNDLE } from '../sites/content-scripts';
import { matchesPattern } from '../sites/match-pattern';
import { SITE_HOSTS } from '../sites/registry';

// The generic finders' script; the site adapters' hosts have their own scripts already.
const SCRIPT = { js: `${GENERIC_BUNDLE}.js`, excludeMatches: SITE_HOSTS };

export interface PageMarker {
  /** The http(s) page the popup was opened over: its tab id and origin, or null (new tab, about:, …). */
  currentPage(): Promise<{ tabId: number; origin: string } | null>;
  /** Runs Shelfmark on the tab once. */
  markPage(tabId: number): Promise<void>;
  /** Asks for the origin, registers it, and marks the tab; false when the user declined. Call inside the click. */
  alwaysOn(tabId: number, origin: string): Promise<boolean>;
}

/** Set in the content script's world before it is injected: the user asked for this page (content/index.ts). */
function flagMarkedByUser(): void {
  (globalThis as { [key: symbol]: unknown })[Symbol.for('shelfmark.mark-page')] = true;
}

async function markPage(tabId: number): Promise<void> {
  await browser.scripting.executeScript({ target: { tabId }, func: flagMarkedByUser });
  await browser.scripting.executeScript({ target: { tabId }, files: [SCRIPT.js] });
}

export const pageMarker: PageMarker = {
  async currentPage() {
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    const origin = siteOrigin(tab?.url);
    // A site adapter's page has its own script: nothing to mark there.
    if (!tab?.url || SITE_HOSTS.some((pattern) => matchesPattern(pattern, new URL(tab.url!)))) return null;
    return tab.id !== undefined && origin ? { tabId: tab.id, origin } : null;
  },
  markPage,
  async alwaysOn(tabId, origin) {
    // First, before any await: the permission prompt needs the click's user gesture.
    const granted = await requestSitePermission(origin);
    if (!granted) return false;
    await registerSite(origin, SCRIPT);
    await markPage(tabId);
    return true;
  },
};
