// Content script entry. Runs at document_end on the pages the manifest lists; finds the site's
// adapter and hands over to the controller.
import { adapterFor } from '../sites/registry';
import { browserTransport } from './browser-transport';
import { startContent } from './controller';
import { runWhileEnabled, type Running } from './site-switch';

performance.mark('shelfmark:start');

// The isolated world's global is ours alone: the page cannot see or forge this flag. A second
// injection into the same world (executeScript, an extension update) finds it and does nothing.
const LOADED = Symbol.for('shelfmark.content');
const world = globalThis as typeof globalThis & { [LOADED]?: Running | true };

if (!world[LOADED]) {
  world[LOADED] = true;
  const adapter = adapterFor(new URL(location.href));
  // The user may have turned this site off in the library's settings (settings.disabledSites).
  if (adapter) world[LOADED] = runWhileEnabled(adapter.id, () => startContent({ adapter, transport: browserTransport() }));
}
