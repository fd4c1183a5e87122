#!/usr/bin/env node
// Regenerates test/fixtures/<adapter>/<page>.expected.json from what each adapter finds now.
//   npm run fixtures:update             every adapter
//   npm run fixtures:update -- arxiv    only the named adapters
// The output is a claim about the page: read the diff before committing it.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ROOT, loadAdapters, parsePage } from './site-adapters.mjs';

const { ADAPTERS, serializeEntries } = await loadAdapters();
const only = new Set(process.argv.slice(2));
for (const adapter of ADAPTERS) {
  if (only.size && !only.has(adapter.id)) continue;
  const dir = path.join(ROOT, 'test', 'fixtures', adapter.id);
  let pages;
  try {
    pages = JSON.parse(await readFile(path.join(dir, 'pages.json'), 'utf8'));
  } catch {
    console.log(`${adapter.id}: no ${path.relative(ROOT, dir)}/pages.json, skipped`);
    continue;
  }
  for (const [url, file] of Object.entries(pages)) {
    const { window, document } = parsePage(await readFile(path.join(dir, file), 'utf8'), url);
    const entries = serializeEntries(adapter.findEntries(document, new URL(url)));
    const out = path.join(dir, file.replace(/\.html$/u, '.expected.json'));
    await writeFile(out, `${JSON.stringify(entries, null, 2)}\n`);
    console.log(`${adapter.id}: ${file} → ${entries.length} entries`);
    await window.happyDOM.close();
  }
}
