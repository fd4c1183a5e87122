// The content script's core. Each content script (one per site, one for the generic finders;
// src/sites/content-scripts.ts) is this plus its adapters: build.mjs bundles
// `bootContent([<the site's adapter>])` for each. Runs at document_end on the pages the
// manifest lists; picks the adapter for the page and hands over to the controller.
import type { SiteAdapter } from '../sites/types';
import { browserTransport } from './browser-transport';
import { startContent } from './controller';
import { listenForPageCommands } from './page-commands';
import { runWhileEnabled, type Running } from './site-switch';

// The isolated world's global is ours alone: the page cannot see or forge this flag. A second
// injection into the same world (executeScript, an extension update) finds it and does nothing.
const LOADED = Symbol.for('shelfmark.content');

export function bootContent(adapters: readonly SiteAdapter[]): void {
  performance.mark('shelfmark:start');
  const world = globalThis as typeof globalThis & { [LOADED]?: Running | true };
  if (world[LOADED]) return;
  const url = new URL(location.href);
  const adapter = adapters.find((candidate) => candidate.matches(url));
  // Not this script's page: another site's script (or none) takes it.
  if (!adapter) return;
  world[LOADED] = true;
  // The user may have turned this site off in the library's settings (settings.disabledSites).
  const running = runWhileEnabled(adapter.id, () => startContent({ adapter, transport: browserTransport() }));
  world[LOADED] = running;
  // The popup's "Save all new" for this page.
  listenForPageCommands(() => running.current());
}
