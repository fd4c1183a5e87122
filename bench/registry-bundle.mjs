// The site adapters, bundled for a web page: the benchmarks run the same registry the content
// script runs, built with the same esbuild settings (minified, same targets), but in the page's
// main world where a benchmark can time it without the rest of the extension.
import * as esbuild from 'esbuild';
import { ROOT } from '../test/e2e/harness/env.mjs';

/** The global the bundle defines: `{ adapterFor(url: URL): SiteAdapter | undefined }`. */
export const BENCH_GLOBAL = '__shelfmarkBench';

/** @returns {Promise<string>} an IIFE that sets globalThis[BENCH_GLOBAL] */
export async function registryBundle() {
  const result = await esbuild.build({
    stdin: {
      contents: `import { adapterFor } from './src/sites/registry';\nglobalThis.${BENCH_GLOBAL} = { adapterFor };\n`,
      resolveDir: ROOT,
      sourcefile: 'bench-registry.ts',
      loader: 'ts',
    },
    bundle: true,
    write: false,
    format: 'iife',
    target: ['chrome120', 'firefox128'],
    minify: true,
    legalComments: 'none',
    logLevel: 'error',
    define: { __SHELFMARK_TEST__: 'false' },
  });
  return result.outputFiles[0].text;
}
