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
import { minify } from 'terser';

const ROOT = path.dirname(fileURLToPath(import.meta.url));
const DIST = path.join(ROOT, 'dist');
const args = new Set(process.argv.slice(2));
const watch = args.has('--watch');
const zip = args.has('--zip');
const quiet = args.has('--quiet');

/** Entry points: output name → source. The content scripts are added from the registry (siteEntries). */
const ENTRIES = {
  background: 'src/background/index.ts',
  popup: 'src/popup/index.tsx',
  // The BibTeX parser's worker, started by the popup and the library page for each BibTeX file
  // (src/popup/bibtex-in-worker.ts): parsing never blocks their main thread.
  'bibtex-worker': 'src/popup/bibtex-worker.ts',
  // The library page (an extension page in a tab): table, tag manager, settings.
  library: 'src/library/index.tsx',
  // Loaded by both pages ahead of their own script: reads the first screen of papers meanwhile.
  'first-screen': 'src/popup/first-screen-entry.ts',
};

/**
 * The site registry (src/sites/registry.ts), bundled and loaded here at build time: its adapters
 * declare their hosts, page CSS and page kinds, and the manifest's content_scripts and the
 * content-script bundles are written from them (src/sites/content-scripts.ts).
 * @returns {Promise<{ adapters: { id: string, css?: { file: string } }[], contentScripts: object[], bundles: { name: string, adapters: string[] }[] }>}
 */
export async function loadSites() {
  const result = await esbuild.build({
    stdin: {
      contents: [
        `import { ADAPTERS } from './src/sites/registry';`,
        `import { contentBundles, contentScripts as scriptsOf } from './src/sites/content-scripts';`,
        `export const adapters = ADAPTERS;`,
        `export const bundles = contentBundles(ADAPTERS);`,
        `export const contentScripts = scriptsOf(ADAPTERS);`,
      ].join('\n'),
      resolveDir: ROOT,
      sourcefile: 'build-sites.ts',
      loader: 'ts',
    },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    logLevel: 'error',
    define: { __SHELFMARK_TEST__: 'false' },
  });
  // The bundle is imported from memory: the registry is DOM-free at load (adapters touch the DOM
  // only when called), and no file is left behind.
  const code = result.outputFiles[0].text;
  const sites = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
  return { adapters: sites.adapters, bundles: sites.bundles, contentScripts: sites.contentScripts };
}

const SITE_ENTRY = 'shelfmark-content:';

/** Entry points of the content scripts: `content-<site>` → the core booted with that site's adapters. */
function siteEntries(sites) {
  return Object.fromEntries(sites.bundles.map((bundle) => [bundle.name, `${SITE_ENTRY}${bundle.name}`]));
}

/** Resolves `shelfmark-content:<bundle>` to `bootContent([...its adapters])`. */
function siteEntryPlugin(sites) {
  const byName = new Map(sites.bundles.map((bundle) => [bundle.name, bundle]));
  return {
    name: 'shelfmark-content-entries',
    setup(build) {
      // esbuild filters are Go regexps, which know no `u` flag.
      build.onResolve({ filter: /^shelfmark-content:/ }, (args) => ({ path: args.path.slice(SITE_ENTRY.length), namespace: 'shelfmark-content' }));
      build.onLoad({ filter: /.*/, namespace: 'shelfmark-content' }, (args) => {
        const bundle = byName.get(args.path);
        if (!bundle) return { errors: [{ text: `no content bundle ${args.path}` }] };
        const imports = bundle.adapters.map((id) => `import { ${camel(id)} } from './src/sites/${id}';`);
        return {
          contents: [`import { bootContent } from './src/content/index';`, ...imports, `bootContent([${bundle.adapters.map(camel).join(', ')}]);`].join('\n'),
          resolveDir: ROOT,
          loader: 'ts',
        };
      });
    },
  };
}

/** `paper-page` → `paperPage`: the name an adapter file exports its adapter under. */
function camel(id) {
  return id.replace(/-([a-z0-9])/gu, (_, letter) => letter.toUpperCase());
}

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

export function manifestFor(base, { browser, testHooks }, sites) {
  const manifest = structuredClone(base);
  manifest.content_scripts = structuredClone(sites.contentScripts);
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

/**
 * Packages no content script may contain, and why. A content script is parsed on every matching
 * page load (25 KB gzip budget), and none of these is needed there: the build fails when an import
 * drags one in.
 */
const NOT_IN_CONTENT = {
  dexie: 'content scripts cannot open the extension’s IndexedDB; ask the background',
  'webextension-polyfill': 'content scripts use the native API (src/shared/browser-content.ts)',
  valibot: 'the background checks what content scripts send, and they trust what the background sends them (src/content/broadcast.ts, pageSettingsOf in src/shared/settings.ts)',
};

const BROWSER_DOOR = path.join(ROOT, 'src/shared/browser');
const CONTENT_BROWSER_DOOR = path.join(ROOT, 'src/shared/browser-content.ts');

/** Puts src/shared/browser-content.ts in place of the one browser door, src/shared/browser.ts, wherever it is imported from. */
const contentBrowserDoor = {
  name: 'shelfmark-content-browser',
  setup(build) {
    build.onResolve({ filter: /\/browser(\.ts)?$/ }, (args) =>
      path.resolve(args.resolveDir, args.path).replace(/\.ts$/u, '') === BROWSER_DOOR ? { path: CONTENT_BROWSER_DOOR } : undefined,
    );
  },
};

const TARGET = ['chrome120', 'firefox128'];

/**
 * `import css from './x.css?raw'`: a stylesheet as text, for what takes CSS as a string (the
 * content scripts' shadow roots and constructed sheets, src/content/styles.ts), minified as the
 * scripts are: esbuild does not touch CSS inside a template literal, and comments and indentation
 * were a tenth of a content script. Vite (the unit tests) reads `?raw` as the file as written.
 */
const cssText = {
  name: 'shelfmark-css-text',
  setup(build) {
    build.onResolve({ filter: /\.css\?raw$/ }, (args) => ({ path: path.resolve(args.resolveDir, args.path.slice(0, -'?raw'.length)), namespace: 'css-text' }));
    build.onLoad({ filter: /.*/, namespace: 'css-text' }, async (args) => {
      const css = await readFile(args.path, 'utf8');
      const { code } = await esbuild.transform(css, { loader: 'css', minify: true, target: TARGET, sourcefile: args.path });
      return { contents: code.trim(), loader: 'text', watchFiles: [args.path] };
    });
  },
};

function commonOptions(outdir, testHooks) {
  return {
    outdir,
    bundle: true,
    format: 'iife',
    target: TARGET,
    minify: true,
    sourcemap: 'linked',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    legalComments: 'none',
    metafile: true,
    logLevel: 'warning',
    define: { __SHELFMARK_TEST__: String(testHooks) },
    plugins: [cssText],
  };
}

/**
 * Two builds per target: the background and extension pages, and the content scripts. They are
 * separate because the content scripts get another module behind the browser door (contentBrowserDoor).
 */
function esbuildOptions(outdir, testHooks, sites) {
  return [
    { ...commonOptions(outdir, testHooks), entryPoints: ENTRIES },
    { ...commonOptions(outdir, testHooks), entryPoints: siteEntries(sites), plugins: [cssText, siteEntryPlugin(sites), contentBrowserDoor] },
  ];
}

/** Throws when a content script contains a package it must not (NOT_IN_CONTENT), naming both. */
function checkContentBundles(metafile) {
  for (const [output, { inputs }] of Object.entries(metafile.outputs)) {
    for (const input of Object.keys(inputs)) {
      const name = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//u.exec(input)?.[1];
      if (name && Object.hasOwn(NOT_IN_CONTENT, name)) {
        throw new Error(`${path.basename(output)} contains ${name} (${input}): ${NOT_IN_CONTENT[name]}.`);
      }
    }
  }
}

/**
 * The content scripts minified again by terser, after esbuild (its default, safe `compress`, and
 * its names): terser's names gzip better, and its compress inlines and joins what esbuild leaves;
 * -1.0 KB gzip of the 25 KB budget (content-script-gz-kb), for under a second of build per script. The
 * source map follows. The test builds' scripts go through it too, so e2e runs what ships.
 */
async function minifyContentScripts(metafile) {
  for (const output of Object.keys(metafile.outputs).filter((file) => file.endsWith('.js'))) {
    const file = path.resolve(output);
    const [code, map] = await Promise.all([readFile(file, 'utf8'), readFile(`${file}.map`, 'utf8')]);
    const minified = await minifiedOnce(code, map, `${path.basename(file)}.map`);
    await Promise.all([writeFile(file, minified.code), writeFile(`${file}.map`, minified.map)]);
  }
}

// Chrome's and Firefox's content scripts are the same files: each is minified once a build.
const minifiedScripts = new Map();
function minifiedOnce(code, map, url) {
  const key = `${url}\n${code}\n${map}`;
  if (!minifiedScripts.has(key)) {
    if (minifiedScripts.size >= 64) minifiedScripts.clear();
    minifiedScripts.set(key, minify(code, { compress: { ecma: 2022 }, mangle: true, ecma: 2022, format: { comments: false }, sourceMap: { content: map, url } }));
  }
  return minifiedScripts.get(key);
}

async function buildTarget(outdir, testHooks, sites) {
  const [pages, content] = esbuildOptions(outdir, testHooks, sites);
  await esbuild.build(pages);
  const { metafile } = await esbuild.build(content);
  checkContentBundles(metafile);
  await minifyContentScripts(metafile);
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

async function writeStatic(outdir, target, base, sites) {
  await mkdir(path.join(outdir, 'icons'), { recursive: true });
  for (const file of await readdir(path.join(ROOT, 'icons'))) {
    if (file.endsWith('.png')) await cp(path.join(ROOT, 'icons', file), path.join(outdir, 'icons', file));
  }
  await writeFile(path.join(outdir, 'popup.html'), await pageHtml(outdir, 'popup', 'src/popup/popup.html'));
  await writeFile(path.join(outdir, 'library.html'), await pageHtml(outdir, 'library', 'src/library/library.html'));
  // Sites' page CSS, which the manifest injects before the page is laid out (SiteAdapter.css).
  for (const adapter of sites.adapters) {
    if (adapter.css) await cp(path.join(ROOT, 'src/sites', adapter.css.file), path.join(outdir, adapter.css.file));
  }
  await writeFile(path.join(outdir, 'manifest.json'), JSON.stringify(manifestFor(base, target, sites), null, 2));
}

async function sizeTable(outdir, sites) {
  const rows = [];
  for (const name of Object.keys({ ...ENTRIES, ...siteEntries(sites) })) {
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
  const sites = await loadSites();
  await rm(DIST, { recursive: true, force: true });
  for (const target of TARGETS) {
    const outdir = path.join(DIST, target.name);
    await buildTarget(outdir, target.testHooks, sites);
    await writeStatic(outdir, target, base, sites);
  }
  const rows = await sizeTable(path.join(DIST, 'chrome'), sites);
  if (!quiet) {
    console.log('bundle                    raw KB   gzip KB');
    for (const r of rows) {
      console.log(`${r.file.padEnd(25)} ${(r.raw / 1024).toFixed(1).padStart(6)}   ${(r.gzip / 1024).toFixed(1).padStart(7)}`);
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
  // A site added or its hosts changed while watching needs a restart: the registry is read once.
  const sites = await loadSites();
  for (const target of TARGETS) {
    const outdir = path.join(DIST, target.name);
    const [pages, content] = esbuildOptions(outdir, target.testHooks, sites);
    const onEnd = (name, done) => ({
      name,
      setup(build) {
        build.onEnd(async (result) => {
          if (result.errors.length > 0) return;
          try {
            await done(result);
            console.log(`[${new Date().toLocaleTimeString()}] rebuilt ${target.name} (${name})`);
          } catch (error) {
            console.error(`[${new Date().toLocaleTimeString()}] ${target.name}: ${error.message}`);
          }
        });
      },
    });
    const contexts = await Promise.all([
      esbuild.context({ ...pages, plugins: [...pages.plugins, onEnd('pages', () => writeStatic(outdir, target, base, sites))] }),
      esbuild.context({ ...content, plugins: [...content.plugins, onEnd('content scripts', async (result) => {
        checkContentBundles(result.metafile);
        await minifyContentScripts(result.metafile);
      })] }),
    ]);
    for (const ctx of contexts) await ctx.watch();
  }
  console.log('watching src/ (Ctrl-C to stop)');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (watch) await watchMode();
  else await buildOnce();
}

export { buildOnce };
