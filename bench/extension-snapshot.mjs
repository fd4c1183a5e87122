// A private copy of the built Chrome test extension (dist/test/chrome: hosts mirror their saved
// state as data-state, which the sync benchmark watches) for the whole run. Other engineers rebuild
// (build.mjs empties dist/) while a benchmark runs; a browser whose extension files vanish
// mid-run would fail in confusing ways, and a figure measured on half of one build and half of
// another would be meaningless.
import { existsSync } from 'node:fs';
import { cp, mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DIST, TMP } from '../test/e2e/harness/env.mjs';

/** Fixed, so the unpacked extension's id (a hash of the path) is the same on every run. */
export const SNAPSHOT_DIR = path.join(TMP, 'bench', 'extension');
// content-arxiv.js: the arXiv site's content script, which the listing benchmarks load.
const REQUIRED = ['manifest.json', 'background.js', 'content-arxiv.js', 'popup.html', 'popup.js'];

/**
 * Copies dist/test/chrome into SNAPSHOT_DIR, waiting a little if a concurrent build has it half written.
 * @returns {Promise<string>} the snapshot's absolute path
 */
export async function snapshotExtension({ source = path.join(DIST, 'test', 'chrome'), waitMs = 20_000 } = {}) {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const missing = REQUIRED.filter((f) => !existsSync(path.join(source, f)));
    if (missing.length === 0) {
      await rm(SNAPSHOT_DIR, { recursive: true, force: true });
      await mkdir(SNAPSHOT_DIR, { recursive: true });
      await cp(source, SNAPSHOT_DIR, { recursive: true });
      // A build may have emptied dist/ during the copy: check the copy, not the source.
      if (REQUIRED.every((f) => existsSync(path.join(SNAPSHOT_DIR, f)))) return SNAPSHOT_DIR;
    } else if (Date.now() > deadline) {
      throw new Error(`${source} lacks ${missing.join(', ')}: run \`node build.mjs\` (or \`npm run bench\`, which builds first).`);
    }
    await sleep(500);
  }
}
