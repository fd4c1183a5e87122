// The manifest's content_scripts, derived from the registry (build.mjs calls this; so do the
// convention tests). One script per site, holding the content-script core and that site's adapter
// only, so each page loads the code of one site and the script stays within its size budget
// however many sites there are; one more script for the generic finders, which runs on their
// hosts except where a site's script does (a page gets one script, so one host per entry).
import type { MatchPattern, SiteAdapter } from './types';

/** One content script file: its name (without `.js`) and the adapters it holds, by id. */
export interface ContentBundle {
  name: string;
  adapters: readonly string[];
}

/** A manifest `content_scripts` item, as the manifest spells it. */
export interface ContentScriptItem {
  matches: MatchPattern[];
  exclude_matches?: MatchPattern[];
  js?: string[];
  css?: string[];
  run_at?: 'document_end';
}

/** The generic finders' script; no site may take this id (a convention test checks). */
export const GENERIC_BUNDLE = 'content-generic';

export function bundleNameOf(adapter: SiteAdapter): string {
  return adapter.generic ? GENERIC_BUNDLE : `content-${adapter.id}`;
}

export function contentBundles(adapters: readonly SiteAdapter[]): ContentBundle[] {
  const bundles = new Map<string, string[]>();
  for (const adapter of adapters) {
    const name = bundleNameOf(adapter);
    bundles.set(name, [...(bundles.get(name) ?? []), adapter.id]);
  }
  return [...bundles].map(([name, ids]) => ({ name, adapters: ids }));
}

const unique = (patterns: Iterable<MatchPattern>) => [...new Set(patterns)];

export function contentScripts(adapters: readonly SiteAdapter[]): ContentScriptItem[] {
  const sites = adapters.filter((adapter) => !adapter.generic);
  const generic = adapters.filter((adapter) => adapter.generic);
  const siteHosts = unique(sites.flatMap((adapter) => adapter.hosts));
  const items: ContentScriptItem[] = [];
  for (const adapter of sites) {
    items.push({ matches: [...adapter.hosts], js: [`${bundleNameOf(adapter)}.js`], run_at: 'document_end' });
  }
  if (generic.length > 0) {
    const matches = unique(generic.flatMap((adapter) => adapter.hosts));
    items.push({ matches, exclude_matches: siteHosts, js: [`${GENERIC_BUNDLE}.js`], run_at: 'document_end' });
  }
  // Page CSS: injected before the page is first laid out (content_scripts css is, whatever run_at).
  for (const adapter of adapters) {
    if (!adapter.css) continue;
    const item: ContentScriptItem = { matches: [...adapter.css.hosts], css: [adapter.css.file] };
    if (adapter.generic) item.exclude_matches = siteHosts;
    items.push(item);
  }
  return items;
}
