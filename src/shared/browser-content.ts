// The one door to the WebExtension APIs (browser.ts) as the content scripts get it: build.mjs
// bundles this module into content-*.js in place of browser.ts. Content scripts make a handful of
// calls (runtime.id, runtime.sendMessage, runtime.onMessage, storage.local.get, storage.onChanged),
// and every browser we support has them natively, with promises: Firefox's `browser`, Chromium's
// `browser` (Chromium 156 has one, and webextension-polyfill hands it out unwrapped there too) and,
// before Chromium had it, MV3's `chrome`. webextension-polyfill (10 KB, 3 KB of a content script's
// 25 KB gzip budget) stays in the background and the extension pages.
// The one difference content code must mind: an onMessage listener that answers does so through
// `sendResponse` and `return true` (src/content/page-commands.ts), since `chrome` ignores a
// returned Promise and the sender gets no answer.
import type { browser as PolyfilledBrowser } from './browser';

export type { Runtime, Tabs } from 'webextension-polyfill';

type Api = typeof PolyfilledBrowser;
const world = globalThis as { browser?: Api; chrome?: Api };

// `runtime.id`, as the polyfill checks it: where the browser has no `browser` namespace, the name
// can be a page element's (`<div id="browser">` is `window.browser`).
export const browser: Api = world.browser?.runtime?.id ? world.browser : world.chrome!;
