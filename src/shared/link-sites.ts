// Where the link finder runs besides the hosts the manifest lists (links.ts matchPatterns): the
// sites the user turned on with "Always on this site", each an optional host permission plus a
// registered content script, and the names under which settings.disabledSites turns a host off.

/** Registered content scripts of user-enabled sites are named `links-site:<origin>`. */
export const USER_SITE_PREFIX = 'links-site:';

/** The `settings.disabledSites` entry that turns the link finder off on one host. */
export function linkSiteId(hostname: string): string {
  return `links:${hostname.toLowerCase()}`.slice(0, 64);
}

/** The match pattern for every page of an origin (`https://example.org` → `https://example.org/*`). */
export function originPattern(origin: string): string {
  return `${origin}/*`;
}

/** The origin of a page a user may turn the link finder on for: http(s) only, else null. */
export function siteOrigin(pageUrl: string | undefined): string | null {
  if (!pageUrl) return null;
  try {
    const url = new URL(pageUrl);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.origin : null;
  } catch {
    return null;
  }
}
