// Content script entry. Runs at document_end on the pages the manifest lists; finds the site's
// adapter and hands over to the controller.
import { adapterFor } from '../sites/registry';
import { browserTransport } from './browser-transport';
import { startContent } from './controller';
import { runWhileEnabled, type Running } from './site-switch';
import { linkSiteId } from '../shared/link-sites';

performance.mark('shelfmark:start');

// The isolated world's global is ours alone: the page cannot see or forge this flag. A second
// injection into the same world (executeScript, an extension update) finds it and does nothing.
const LOADED = Symbol.for('shelfmark.content');
const MARK_PAGE = Symbol.for('shelfmark.mark-page');
const world = globalThis as typeof globalThis & { [LOADED]?: Running | true };

if (!world[LOADED]) {
  world[LOADED] = true;
  const url = new URL(location.href);
  const adapter = adapterFor(url);
  const start = () => startContent({ adapter: adapter!, transport: browserTransport() });
  // The popup's "Mark this page" sets this flag in our world before injecting us: the user asked
  // for this page, whatever the settings say about its site.
  const marked = (globalThis as { [MARK_PAGE]?: boolean })[MARK_PAGE] === true;
  // The user may have turned this site off in the library's settings (settings.disabledSites);
  // the link finder is off everywhere as `links`, on one host as `links:<host>`.
  if (adapter && marked) world[LOADED] = start();
  else if (adapter) world[LOADED] = runWhileEnabled(adapter.id === 'links' ? ['links', linkSiteId(url.hostname)] : adapter.id, start);
}
