import { defineConfig, type Plugin } from 'vitest/config';
import { fileURLToPath } from 'node:url';

const realBrowserModule = fileURLToPath(new URL('./src/shared/browser.ts', import.meta.url));
const fakeBrowserModule = fileURLToPath(new URL('./test/unit/fake-browser.ts', import.meta.url));

// The one browser-API module (src/shared/browser.ts) is swapped for an in-memory fake in unit
// tests, whatever relative path imports it.
const fakeBrowser: Plugin = {
  name: 'shelfmark-fake-browser',
  enforce: 'pre',
  async resolveId(source, importer, options) {
    if (!source.endsWith('/browser') || !importer) return null;
    const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
    return resolved?.id === realBrowserModule ? fakeBrowserModule : null;
  },
};

export default defineConfig({
  plugins: [fakeBrowser],
  // Unit tests exercise the test-build behaviour (build.mjs), e.g. the data-state mirror.
  define: { __SHELFMARK_TEST__: 'true' },
  test: {
    include: ['test/unit/**/*.test.{ts,tsx}'],
    environment: 'happy-dom',
    setupFiles: ['fake-indexeddb/auto'],
  },
});
