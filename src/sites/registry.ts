// Every site adapter, in one list. The content script picks the first whose `matches` accepts
// the page; a test checks the manifest's content_scripts.matches against `matchPatterns`.
// The link finder (links.ts) comes last and never takes a page a site adapter's hosts cover.
import { arxiv } from './arxiv';
import { huggingface } from './huggingface';
import { links } from './links';
import { matchesPattern } from './match-pattern';
import type { SiteAdapter } from './types';

export const ADAPTERS: readonly SiteAdapter[] = [arxiv, huggingface, links];

const SITE_ADAPTERS = ADAPTERS.filter((adapter) => adapter !== links);
// A site adapter's whole hosts, any path: its site's other pages (arxiv.org's home page) are its
// site's too, and the link finder stays off them.
const SITE_HOSTS = [...new Set(SITE_ADAPTERS.flatMap((adapter) => adapter.matchPatterns.map((pattern) => pattern.replace(/^([^:]+:\/\/[^/]+)\/.*$/u, '$1/*'))))];

export function adapterFor(url: URL): SiteAdapter | undefined {
  const site = SITE_ADAPTERS.find((adapter) => adapter.matches(url));
  if (site) return site;
  if (SITE_HOSTS.some((pattern) => matchesPattern(pattern, url))) return undefined;
  return links.matches(url) ? links : undefined;
}
