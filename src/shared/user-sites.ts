// "Always on this site" (issue 10): the link finder on an origin the user chose. Each such site is
// an optional host permission the user granted plus a content script registered for it
// (scripting.registerContentScripts, kept across sessions); turning it off removes both. Used by
// the popup (turn on), the library's settings (list, turn off) and the background (a permission
// the user revoked in the browser takes its registration with it).
import { USER_SITE_PREFIX, originPattern } from './link-sites';
import { browser } from './browser';

function scriptId(origin: string): string {
  return `${USER_SITE_PREFIX}${origin}`;
}

/**
 * Asks the browser for the origin's host permission. Must run inside the click that asked for
 * it (both browsers require a user gesture): call it first in the handler, before any await.
 */
export function requestSitePermission(origin: string): Promise<boolean> {
  return browser.permissions.request({ origins: [originPattern(origin)] });
}

/** What the registered script runs: the generic content script, kept off the site adapters' hosts. */
export interface SiteScript {
  js: string;
  excludeMatches: readonly string[];
}

/** Registers the content script for a granted origin; a no-op when it is already registered. */
export async function registerSite(origin: string, script: SiteScript): Promise<void> {
  const pattern = originPattern(origin);
  if (!(await browser.permissions.contains({ origins: [pattern] }))) throw new Error(`No permission for ${origin}.`);
  const id = scriptId(origin);
  const known = await browser.scripting.getRegisteredContentScripts({ ids: [id] });
  if (known.length > 0) return;
  await browser.scripting.registerContentScripts([
    {
      id,
      matches: [pattern],
      excludeMatches: [...script.excludeMatches],
      js: [script.js],
      runAt: 'document_end',
      persistAcrossSessions: true,
    },
  ]);
}

/** The origins the user turned the link finder on for, sorted. */
export async function userSites(): Promise<string[]> {
  const scripts = await browser.scripting.getRegisteredContentScripts();
  return scripts
    .map((script) => script.id)
    .filter((id) => id.startsWith(USER_SITE_PREFIX))
    .map((id) => id.slice(USER_SITE_PREFIX.length))
    .sort();
}

/** Turns a site off: its registration and its host permission go. */
export async function forgetSite(origin: string): Promise<void> {
  await unregister([origin]);
  await browser.permissions.remove({ origins: [originPattern(origin)] }).catch(() => false);
}

async function unregister(origins: readonly string[]): Promise<void> {
  const ids = new Set(origins.map(scriptId));
  const known = (await browser.scripting.getRegisteredContentScripts()).map((script) => script.id).filter((id) => ids.has(id));
  if (known.length > 0) await browser.scripting.unregisterContentScripts({ ids: known });
}

/** Background: a host permission the user revoked (browser settings) unregisters its site. */
export function followRevokedPermissions(): void {
  browser.permissions.onRemoved.addListener((removed) => {
    const origins = (removed.origins ?? []).map((pattern) => pattern.replace(/\/\*$/u, ''));
    if (origins.length > 0) void unregister(origins).catch(() => {});
  });
}
