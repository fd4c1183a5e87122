// Runs the site adapters (TypeScript, in src/sites/) under Node: bundles the registry and the
// fixture serialiser with esbuild, and parses saved pages with happy-dom. Shared by
// check-pages.mjs and update-fixtures.mjs.
import * as esbuild from 'esbuild';
import { Window } from 'happy-dom';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** `{ ADAPTERS, adapterFor, serializeEntries }` from the current sources. */
export async function loadAdapters() {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'shelfmark-adapters-'));
  const entry = path.join(dir, 'entry.ts');
  const out = path.join(dir, 'adapters.mjs');
  await writeFile(
    entry,
    [
      `export { ADAPTERS, adapterFor } from ${JSON.stringify(path.join(ROOT, 'src/sites/registry.ts'))};`,
      `export { serializeEntries } from ${JSON.stringify(path.join(ROOT, 'test/unit/serialize-entries.ts'))};`,
    ].join('\n'),
  );
  try {
    await esbuild.build({ entryPoints: [entry], outfile: out, bundle: true, format: 'esm', platform: 'neutral', logLevel: 'error' });
    return await import(pathToFileURL(out).href);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A parsed, inert document for `html` as if served at `url`: no scripts run, nothing is fetched. */
export function parsePage(html, url) {
  const window = new Window({
    url,
    settings: {
      disableJavaScriptFileLoading: true,
      disableComputedStyleRendering: true,
      navigation: { disableMainFrameNavigation: true, disableChildFrameNavigation: true, disableChildPageNavigation: true },
    },
  });
  const document = new window.DOMParser().parseFromString(html, 'text/html');
  return { window, document };
}
