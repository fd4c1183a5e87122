// The content script's core. Each content script (one per site, one for the generic finders;
// src/sites/content-scripts.ts) is this plus its adapters: build.mjs bundles
// `bootContent([<the site's adapter>])` for each. Runs at document_end on the pages the
// manifest lists; picks the adapter for the page and hands over to the controller.
import type { SiteAdapter } from '../sites/types';
import { browserTransport } from './browser-transport';
import { startContent, type ContentTransport } from './controller';
import { listingKey } from '../shared/listing-key';
import { withOneRetry } from './retry';
import { statesRequest } from './states-request';
import { linkSiteId } from '../shared/link-sites';
import { listenForPageCommands } from './page-commands';
import { firstScreenOf, readFirstScreen, type FirstRead } from './scheduler';
import { runWhileEnabled, STORED_SETTINGS, type Running, type SettingsSource } from './site-switch';

// The isolated world's global is ours alone: the page cannot see or forge this flag. A second
// injection into the same world (executeScript, an extension update) finds it and does nothing.
const LOADED = Symbol.for('shelfmark.content');
// Set in this world by the popup's "Mark this page" just before it injects the generic script
// (src/popup/page-marker.ts): the user asked for this page, whatever the settings say of its site.
const MARK_PAGE = Symbol.for('shelfmark.mark-page');

/** The first read, with the first screen's getStates sent (unless the page gave no first read). */
function askedEarly(read: FirstRead | undefined, url: URL, sites: readonly string[], transport: ContentTransport): FirstRead | undefined {
  const head = read ? firstScreenOf(read.found) : [];
  // Nothing on screen to ask about (a page without paper links): nothing to ask, no visit.
  if (!read || head.length === 0) return read;
  const request = statesRequest(head, { rank: true, listing: listingKey(url), sites });
  const asked = withOneRetry(() => transport.request('getStates', request));
  // Unused where the site is off: its failure is nobody's to report.
  asked.catch(() => {});
  return { ...read, asked };
}

export function bootContent(adapters: readonly SiteAdapter[]): void {
  performance.mark('shelfmark:start');
  const world = globalThis as typeof globalThis & { [LOADED]?: Running | true };
  if (world[LOADED]) return;
  const url = new URL(location.href);
  const matching = adapters.filter((candidate) => candidate.matches(url));
  // The generic script holds several finders for the same hosts: the paper page (citation_*
  // meta) takes a page where it finds its paper, the link finder (last) every other page. The
  // last is not asked: it takes the page anyway, and asking would read the page twice.
  const adapter =
    matching.length > 1
      ? (matching.slice(0, -1).find((candidate) => candidate.findEntries(document, url, { limit: 1 }).length > 0) ?? matching.at(-1))
      : matching[0];
  // Not this script's page: another site's script (or none) takes it.
  if (!adapter) return;
  world[LOADED] = true;
  const transport = browserTransport();
  // What the first start finds ready once the site is known to be on: the first screen, read and
  // asked about. A later start (the site turned on again) reads the page as it is then.
  let early: { read: FirstRead | undefined } | undefined;
  const start = () => {
    const read = early?.read;
    // The bench tells the wait for the background (is the site on, and the first screen's states)
    // from the page's own work by this mark.
    if (early) performance.mark('shelfmark:settings');
    early = undefined;
    return startContent({ adapter, transport, ...(read ? { firstRead: read } : {}) });
  };
  if ((globalThis as { [MARK_PAGE]?: boolean })[MARK_PAGE] === true) {
    world[LOADED] = start();
    return;
  }
  // The user may have turned this site off in the library's settings (settings.disabledSites);
  // the link finder is off everywhere as `links`, on one host as `links:<host>`.
  const ids: readonly string[] = adapter.id === 'links' ? [adapter.id, linkSiteId(url.hostname)] : [adapter.id];
  // Reading only reads the page. It is asked about before anything is known of the settings: the
  // request names this script's sites, and on a site turned off the background keeps nothing.
  const read = askedEarly(readFirstScreen(adapter, document, url), url, ids, transport);
  early = { read };
  // Whether the site is off comes with that answer: one round trip before the first screen, not
  // two (each is slow while the page is still loading). Without it, the stored settings say.
  const asked = read?.asked;
  const source: SettingsSource = asked
    ? { ...STORED_SETTINGS, read: () => asked.then((answer) => ({ disabledSites: answer.siteOff ? ids : [] }), STORED_SETTINGS.read) }
    : STORED_SETTINGS;
  const running = runWhileEnabled(ids, start, source);
  void running.settled.then(() => {
    early = undefined;
  });
  world[LOADED] = running;
  // The popup's "Save all new" for this page.
  listenForPageCommands(() => running.current());
}
