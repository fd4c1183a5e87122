#!/usr/bin/env node
// Builds the extension for Chrome and Firefox from one manifest.json and one source tree.
//   node build.mjs            dist/chrome, dist/firefox, and the test builds dist/test/{chrome,firefox}
//   node build.mjs --watch    rebuild on change
//   node build.mjs --zip      also dist/shelfmark-<browser>-<version>.zip
// Browser differences live in `manifestFor` below, nowhere else.
import * as esbuild from 'esbuild';
import { zipSync } from 'fflate';
import { cp, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const ROOT = path.dirname(fileURLToPath(import.meta.url));
const DIST = path.join(ROOT, 'dist');
const args = new Set(process.argv.slice(2));
const watch = args.has('--watch');
const zip = args.has('--zip');
const quiet = args.has('--quiet');

/** Entry points: output name → source. */
const ENTRIES = {
  background: 'src/background/index.ts',
  content: 'src/content/index.ts',
  popup: 'src/popup/index.tsx',
  // Loaded by the popup only when a BibTeX file is imported (src/popup/bibtex-loader.ts).
  'popup-bibtex': 'src/popup/bibtex-entry.ts',
  // The library page (an extension page in a tab): table, tag manager, settings.
  library: 'src/library/index.tsx',
};

/**
 * Targets. `test/*` builds add what tests need and users must not get: each host mirrors its
 * saved state as `data-state` (private otherwise, issue 4), and in Firefox the extension pages
 * are web-accessible from the pages the tests load, because WebDriver BiDi refuses to navigate to
 * moz-extension:// URLs (../shared/browser-testing.md §4), and it may `scripting`, because BiDi
 * cannot reach a content script's world.
 */
const TARGETS = [
  { name: 'chrome', browser: 'chrome', testHooks: false },
  { name: 'firefox', browser: 'firefox', testHooks: false },
  { name: 'test/chrome', browser: 'chrome', testHooks: true },
  { name: 'test/firefox', browser: 'firefox', testHooks: true },
];

export function manifestFor(base, { browser, testHooks }) {
  const manifest = structuredClone(base);
  if (browser === 'chrome') {
    // Chrome runs a service worker and warns about keys it does not know.
    manifest.background = { service_worker: base.background.service_worker };
    delete manifest.browser_specific_settings;
  } else {
    // Firefox MV3 runs background scripts (an event page), not service workers.
    manifest.background = { scripts: base.background.scripts };
  }
  if (testHooks && browser === 'firefox') {
    manifest.web_accessible_resources = [
      { resources: ['popup.html', 'library.html'], matches: ['https://arxiv.org/*', 'https://huggingface.co/*', 'http://127.0.0.1/*'] },
    ];
    // BiDi cannot reach a content script's world; the e2e driver runs code there through
    // scripting.executeScript from an extension page (test/e2e/driver/firefox.mjs).
    manifest.permissions = [...(manifest.permissions ?? []), 'scripting'];
  }
  return manifest;
}

function esbuildOptions(outdir, testHooks, entryPoints = ENTRIES) {
  return {
    entryPoints,
    outdir,
    bundle: true,
    format: 'iife',
    target: ['chrome120', 'firefox128'],
    minify: true,
    sourcemap: 'linked',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    legalComments: 'none',
    metafile: true,
    logLevel: 'warning',
    define: { __SHELFMARK_TEST__: String(testHooks) },
  };
}

const { content: CONTENT_ENTRY, ...OTHER_ENTRIES } = ENTRIES;

/** The content script, built on its own: it uses the browser's own API object (src/content/native-browser.ts). */
function contentOptions(outdir, testHooks) {
  return {
    ...esbuildOptions(outdir, testHooks, { content: CONTENT_ENTRY }),
    alias: { 'webextension-polyfill': './src/content/native-browser.ts' },
  };
}

/**
 * An extension page's HTML with its built CSS inlined (popup.html, library.html): one request less
 * before the first paint, and the script no longer waits for a stylesheet to load (15–20 ms of the
 * popup's first render here). The extension pages' CSP restricts scripts, not styles.
 */
async function pageHtml(outdir, name, source) {
  const html = await readFile(path.join(ROOT, source), 'utf8');
  const css = (await readFile(path.join(outdir, `${name}.css`), 'utf8')).replace(/\/\*# sourceMappingURL=[^*]*\*\/\s*$/u, '').trim();
  const link = `<link rel="stylesheet" href="${name}.css" />`;
  if (!html.includes(link)) throw new Error(`${source} lacks ${link}`);
  return html.replace(link, () => `<style>\n${css}\n    </style>`);
}

async function writeStatic(outdir, target, base) {
  await mkdir(path.join(outdir, 'icons'), { recursive: true });
  for (const file of await readdir(path.join(ROOT, 'icons'))) {
    if (file.endsWith('.png')) await cp(path.join(ROOT, 'icons', file), path.join(outdir, 'icons', file));
  }
  await writeFile(path.join(outdir, 'popup.html'), await pageHtml(outdir, 'popup', 'src/popup/popup.html'));
  await writeFile(path.join(outdir, 'library.html'), await pageHtml(outdir, 'library', 'src/library/library.html'));
  // Sites' page CSS, which the manifest injects before the page is laid out (src/sites/*.css).
  for (const file of await readdir(path.join(ROOT, 'src/sites'))) {
    if (file.endsWith('.css')) await cp(path.join(ROOT, 'src/sites', file), path.join(outdir, file));
  }
  await writeFile(path.join(outdir, 'manifest.json'), JSON.stringify(manifestFor(base, target), null, 2));
}

async function sizeTable(outdir) {
  const rows = [];
  for (const name of Object.keys(ENTRIES)) {
    for (const ext of ['js', 'css']) {
      const file = path.join(outdir, `${name}.${ext}`);
      const data = await readFile(file).catch(() => null);
      if (!data) continue;
      rows.push({ file: `${name}.${ext}`, raw: data.length, gzip: gzipSync(data, { level: 9 }).length });
    }
  }
  return rows;
}

async function zipDir(dir, outFile) {
  const files = {};
  async function walk(rel) {
    for (const entry of await readdir(path.join(dir, rel), { withFileTypes: true })) {
      const relPath = path.posix.join(rel, entry.name);
      if (entry.isDirectory()) await walk(relPath);
      else if (!entry.name.endsWith('.map')) files[relPath] = await readFile(path.join(dir, relPath));
    }
  }
  await walk('');
  await writeFile(outFile, zipSync(files, { level: 9 }));
}

async function buildOnce() {
  const base = JSON.parse(await readFile(path.join(ROOT, 'manifest.json'), 'utf8'));
  await rm(DIST, { recursive: true, force: true });
  for (const target of TARGETS) {
    const outdir = path.join(DIST, target.name);
    await esbuild.build(esbuildOptions(outdir, target.testHooks, OTHER_ENTRIES));
    await esbuild.build(contentOptions(outdir, target.testHooks));
    await writeStatic(outdir, target, base);
  }
  const rows = await sizeTable(path.join(DIST, 'chrome'));
  if (!quiet) {
    console.log('bundle          raw KB   gzip KB');
    for (const r of rows) {
      console.log(`${r.file.padEnd(15)} ${(r.raw / 1024).toFixed(1).padStart(6)}   ${(r.gzip / 1024).toFixed(1).padStart(7)}`);
    }
  }
  if (zip) {
    for (const browser of ['chrome', 'firefox']) {
      const out = path.join(DIST, `shelfmark-${browser}-${base.version}.zip`);
      await zipDir(path.join(DIST, browser), out);
      if (!quiet) console.log(`wrote ${path.relative(ROOT, out)}`);
    }
  }
  return rows;
}

async function watchMode() {
  await buildOnce();
  const base = JSON.parse(await readFile(path.join(ROOT, 'manifest.json'), 'utf8'));
  for (const target of TARGETS) {
    const outdir = path.join(DIST, target.name);
    const content = await esbuild.context(contentOptions(outdir, target.testHooks));
    await content.watch();
    const ctx = await esbuild.context({
      ...esbuildOptions(outdir, target.testHooks, OTHER_ENTRIES),
      plugins: [
        {
          name: 'static-files',
          setup(build) {
            build.onEnd(async (result) => {
              if (result.errors.length === 0) await writeStatic(outdir, target, base);
              console.log(`[${new Date().toLocaleTimeString()}] rebuilt ${target.name}`);
            });
          },
        },
      ],
    });
    await ctx.watch();
  }
  console.log('watching src/ (Ctrl-C to stop)');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (watch) await watchMode();
  else await buildOnce();
}

export { buildOnce };
