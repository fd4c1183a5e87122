// content-script-gz-kb: the content script is parsed and compiled on every matching page load,
// so its size is a load-time budget. Dexie belongs to the background and the popup only (content
// scripts cannot open the extension's IndexedDB); finding it here means an import leaked.
import { readFile } from 'node:fs/promises';
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
  const code = await readFile(path.join(DIST, 'chrome', 'content.js'));
  const kb = gzipSync(code, { level: 9 }).length / 1024;
  const text = code.toString('utf8');
  const dexie = DEXIE_MARKERS.filter((marker) => text.includes(marker));
  if (dexie.length > 0) console.warn(`WARNING: content.js contains Dexie (${dexie.join(', ')}); it must not.`);
  return [
    {
      name: 'content-script-gz-kb',
      value: kb,
      unit: 'KB',
      budget: 25,
      detail: `${(code.length / 1024).toFixed(1)} KB raw, gzip -9; ${dexie.length ? `CONTAINS DEXIE (${dexie.join(', ')})` : 'no Dexie'}`,
    },
  ];
}
