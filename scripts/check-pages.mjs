#!/usr/bin/env node
// Runs every site adapter over the real saved pages in ../shared/pages (when that folder exists)
// and compares the entries found with the counts PROVENANCE.md gives. Exits non-zero on any missed
// entry, any entry found twice (two entries on one element: two hosts), or any entry without a title.
import { access, readFile } from 'node:fs/promises';
import path from 'node:path';
import { ROOT, loadAdapters, parsePage } from './site-adapters.mjs';

// ../shared/pages beside the checkout; SHELFMARK_PAGES names another folder (e.g. from a worktree).
const PAGES_DIR = process.env.SHELFMARK_PAGES ? path.resolve(process.env.SHELFMARK_PAGES) : path.resolve(ROOT, '..', 'shared', 'pages');

// The URL each saved page was captured from, and its entry count, as PROVENANCE.md records them.
const PAGES = [
  { file: 'arxiv-listing-pastweek-1.html', url: 'https://arxiv.org/list/astro-ph/pastweek?show=1000', expected: 397 },
  { file: 'arxiv-listing-new-1.html', url: 'https://arxiv.org/list/cond-mat.mtrl-sci/new', expected: 101 },
  { file: 'arxiv-abs-1.html', url: 'https://arxiv.org/abs/2609.22268', expected: 1 },
  { file: 'hf-papers-daily-1.html', url: 'https://huggingface.co/papers', expected: 28 },
  { file: 'scholar-search-2016-1.html', url: 'https://scholar.google.co.jp/scholar?hl=en&q=%22Learning+deep+architectures+for+AI%22', expected: 1 },
  { file: 'scholar-search-2020-1.html', url: 'https://scholar.google.com/scholar?hl=en&q=Geology+of+the+Olympus+Range+area', expected: 10 },
  { file: 'scholar-search-2026-2.html', url: 'https://scholar.google.com/scholar?hl=en&q=attention+mechanism', expected: 10 },
  { file: 'dblp-search-2024-1.html', url: 'https://dblp.org/search?q=calefato', expected: 30 },
  { file: 'acl-people-2023-1.html', url: 'https://aclanthology.org/people/a/andreas-madsack/', expected: 6 },
  { file: 'acl-people-2026-1.html', url: 'https://aclanthology.org/people/andreas-madsack/', expected: 6 },
  { file: 'cvf-cvpr2019-1.html', url: 'https://openaccess.thecvf.com/CVPR2019', expected: 1294 },
  { file: 'paper-page-nber-2026-1.html', url: 'https://www.nber.org/papers/w33843', expected: 1 },
  { file: 'paper-page-usenix-2026-1.html', url: 'https://www.usenix.org/conference/nsdi22/presentation/goyal', expected: 1 },
];

try {
  await access(PAGES_DIR);
} catch {
  console.log(`check:pages: ${PAGES_DIR} does not exist; nothing to check.`);
  process.exit(0);
}

const { adapterFor } = await loadAdapters();
let failures = 0;
for (const { file, url, expected } of PAGES) {
  let html;
  try {
    html = await readFile(path.join(PAGES_DIR, file), 'utf8');
  } catch {
    console.log(`${file.padEnd(32)} missing from ${PAGES_DIR}`);
    failures += 1;
    continue;
  }
  const adapter = adapterFor(new URL(url));
  if (!adapter) {
    const ok = expected === null;
    if (!ok) failures += 1;
    console.log(`${file.padEnd(32)} no adapter${ok ? '' : `  MISS (expected ${expected} entries)`}`);
    continue;
  }
  const { window, document } = parsePage(html, url);
  const started = performance.now();
  const entries = adapter.findEntries(document, new URL(url));
  const ms = performance.now() - started;
  const ids = new Set(entries.map((entry) => entry.paper.id));
  const untitled = entries.filter((entry) => !entry.paper.title).length;
  const doubled = entries.length - new Set(entries.map((entry) => entry.element)).size;
  const ok = expected !== null && entries.length === expected && untitled === 0 && doubled === 0;
  if (!ok) failures += 1;
  console.log(
    `${file.padEnd(32)} ${adapter.id.padEnd(12)} ${String(entries.length).padStart(4)} / ${expected ?? '-'} entries` +
      ` (${ids.size} distinct ids${untitled ? `, ${untitled} without title` : ''}${doubled ? `, ${doubled} DOUBLED` : ''}, ${ms.toFixed(1)} ms in happy-dom)` +
      (ok ? '' : '  MISS'),
  );
  await window.happyDOM.close();
}
if (failures) {
  console.log(`check:pages: ${failures} page(s) did not match PROVENANCE.md`);
  process.exit(1);
}
console.log('check:pages: every page matches PROVENANCE.md');
