// Every site adapter, in one list: site adapters first, then the generic finders. Each content
// script holds one site's adapter (or the generic ones) and picks the first whose `matches`
// accepts the page; build.mjs writes the manifest's content_scripts from this list
// (content-scripts.ts) and test/unit/conventions.test.ts keeps adapters, fixtures and manifest in step.
import { acl } from './acl';
import { arxiv } from './arxiv';
import { cvf } from './cvf';
import { dblp } from './dblp';
import { huggingface } from './huggingface';
import { links } from './links';
import { matchesPattern } from './match-pattern';
import { paperPage } from './paper-page';
import { scholar } from './scholar';
import type { SiteAdapter } from './types';

// The generic finders last: the paper page (citation_* meta) before the link finder.
export const ADAPTERS: readonly SiteAdapter[] = [arxiv, huggingface, scholar, dblp, acl, cvf, paperPage, links];

const SITE_ADAPTERS = ADAPTERS.filter((adapter) => !adapter.generic);
/**
 * The site adapters' whole hosts, any path: a site's other pages (arxiv.org's home page) are its
 * site's too, and the generic finders stay off them, wherever they are injected from ("Mark
 * this page", a registered script).
 */
export const SITE_HOSTS: readonly string[] = [
  ...new Set(SITE_ADAPTERS.flatMap((adapter) => adapter.hosts.map((pattern) => pattern.replace(/^([^:]+:\/\/[^/]+)\/.*$/u, '$1/*')))),
];

export function adapterFor(url: URL): SiteAdapter | undefined {
  const site = SITE_ADAPTERS.find((adapter) => adapter.matches(url));
  if (site) return site;
  if (SITE_HOSTS.some((pattern) => matchesPattern(pattern, url))) return undefined;
  return ADAPTERS.find((adapter) => adapter.generic && adapter.matches(url));
}
