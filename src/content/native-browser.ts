// What `webextension-polyfill` resolves to in the content script's bundle (build.mjs): the
// browser's own `browser` (Firefox) or `chrome` (Chromium) object. The polyfill is 3 KB of the
// content script's 25 KB gzip budget and adds nothing the content script uses: in MV3 both
// browsers return promises from runtime.sendMessage and storage.local.get, and the content
// script's message listener never answers. The background and popup keep the polyfill (their
// listeners answer with promises, which Chromium's own API does not take).
const scope = globalThis as unknown as { browser?: unknown; chrome?: unknown };

export default scope.browser ?? scope.chrome;
