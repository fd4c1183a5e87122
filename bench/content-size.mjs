// content-script-gz-kb: the content script is parsed and compiled on every matching page load,
// so its size is a load-time budget. Each site has its own script (the core and that site's
// adapter, src/sites/content-scripts.ts); the figure is the largest, and each one is named. Dexie belongs to the background and the popup only (content
// scripts cannot open the extension's IndexedDB); finding it here means an import leaked.
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { DIST } from '../test/e2e/harness/env.mjs';

// Strings that survive minification in any Dexie build.
const DEXIE_MARKERS = ['DexieError', 'Dexie.', '__dbnames', 'liveQuery'];

/**
 * Measures the user build (dist/chrome), not the test build the other benchmarks load.
 * @returns {Promise<import('./report.mjs').BenchResult[]>}
 */
export async function contentSize() {
  const dir = path.join(DIST, 'chrome');
  const files = (await readdir(dir)).filter((file) => /^content-[a-z0-9-]+\.js$/u.test(file)).sort();
  if (files.length === 0) throw new Error(`no content-*.js in ${dir}`);
  const sizes = [];
  for (const file of files) {
    const code = await readFile(path.join(dir, file));
    const text = code.toString('utf8');
    const dexie = DEXIE_MARKERS.filter((marker) => text.includes(marker));
    if (dexie.length > 0) console.warn(`WARNING: ${file} contains Dexie (${dexie.join(', ')}); it must not.`);
    sizes.push({ file, kb: gzipSync(code, { level: 9 }).length / 1024, raw: code.length / 1024, dexie });
  }
  const largest = sizes.reduce((a, b) => (b.kb > a.kb ? b : a));
  const withDexie = sizes.filter((size) => size.dexie.length > 0).map((size) => size.file);
  return [
    {
      name: 'content-script-gz-kb',
      value: largest.kb,
      unit: 'KB',
      budget: 25,
      detail:
        `largest of ${sizes.length}: ${largest.file} (${largest.raw.toFixed(1)} KB raw), gzip -9; ` +
        sizes.map((size) => `${size.file.replace(/^content-|\.js$/gu, '')} ${size.kb.toFixed(1)}`).join(', ') +
        `; ${withDexie.length ? `CONTAINS DEXIE (${withDexie.join(', ')})` : 'no Dexie'}`,
    },
  ];
}
