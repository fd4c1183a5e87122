// The content script's core. Each content script (one per site, one for the generic finders;
// src/sites/content-scripts.ts) is this plus its adapters: build.mjs bundles
// `bootContent([<the site's adapter>])` for each. Runs at document_end on the pages the
// manifest lists; picks the adapter for the page and hands over to the controller.
import type { SiteAdapter } from '../sites/types';
import { browserTransport } from './browser-transport';
import { startContent, type ContentHandle } from './controller';

// The isolated world's global is ours alone: the page cannot see or forge this flag. A second
// injection into the same world (executeScript, an extension update) finds it and does nothing.
const LOADED = Symbol.for('shelfmark.content');

export function bootContent(adapters: readonly SiteAdapter[]): void {
  performance.mark('shelfmark:start');
  const world = globalThis as typeof globalThis & { [LOADED]?: ContentHandle | true };
  if (world[LOADED]) return;
  const url = new URL(location.href);
  const adapter = adapters.find((candidate) => candidate.matches(url));
  if (!adapter) return;
  world[LOADED] = true;
  world[LOADED] = startContent({ adapter, transport: browserTransport() });
}
