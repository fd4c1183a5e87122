// A generated reading list: 10,000 saved papers with made-up titles, authors and abstracts (no
// real paper's text), tags, statuses and a few notes, as the popup's own JSON backup format.
// Deterministic (seeded), so every run imports and searches the same data.
import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ROOT, TMP } from '../test/e2e/harness/env.mjs';

const WORDS = (
  'sparse kernel lattice gradient spectral latent manifold sampler diffusion tensor graph routing ' +
  'calibration mixture operator bandit policy reward horizon curriculum distillation pruning quantized ' +
  'attention retrieval memory episodic token vocabulary alignment preference ranking contrastive ' +
  'invariant symmetry equivariant topology persistent homology wavelet fourier sketch streaming ' +
  'federated private robust adversarial certified margin ensemble bootstrap posterior variational ' +
  'amortized inference planner world model simulator rollout trajectory control stochastic convex ' +
  'nonconvex momentum adaptive schedule warmup plateau scaling frontier benchmark protocol audit'
).split(' ');
const GIVEN = 'Aino Bertil Cosima Dario Elsbeth Fennick Goran Halvard Ilse Jorun Kasimir Liesel Maren Nilo Orsolya Pavo Quill Rasmus Solveig Tamsin Ulric Veska Wendel Xaviera Yrsa Zoltan'.split(' ');
const FAMILY = 'Brandvold Castellane Dunmore Eskeland Fairweather Grinholt Hasselby Ivarsen Juncker Kettleby Lindqvist Morrow Nettleship Osterhout Pellegrin Quarrington Rosendahl Sandmark Thistlewood Underhill Valcourt Westergaard Yellowlees Zellweger'.split(' ');
const TAGS = 'to-read,theory,baselines,reproduce,survey,datasets,robustness,rl,optimization,vision,language,graphs,privacy,systems,evaluation,ideas,group-meeting,cite-in-thesis,follow-up,skim'.split(',');
const CATEGORIES = ['cs.LG', 'cs.CL', 'cs.CV', 'stat.ML', 'cs.AI', 'math.OC', 'cs.IR', 'cs.RO'];
const STATUSES = ['unread', 'unread', 'unread', 'reading', 'done'];
const COLORS = ['#2563eb', '#16a34a', '#dc2626', '#9333ea', '#ea580c', '#0891b2', '#ca8a04', '#db2777'];

/** mulberry32: small, fast, seeded. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The newest Dexie version the schema declares: a backup may not claim a newer one. */
function schemaVersion() {
  const source = readFileSync(path.join(ROOT, 'src/db/schema.ts'), 'utf8');
  const versions = [...source.matchAll(/\.version\((\d+)\)/gu)].map((m) => Number(m[1]));
  return versions.length ? Math.max(...versions) : 1;
}

/**
 * @param {number} [count]
 * @returns {{ json: string, papers: number, vocabulary: readonly string[] }}
 */
export function generateBackup(count = 10_000) {
  const rand = random(20_260_928);
  const pick = (/** @type {readonly string[]} */ list) => list[Math.floor(rand() * list.length)];
  const words = (/** @type {number} */ n) => Array.from({ length: n }, () => pick(WORDS));
  const sentence = (/** @type {number} */ n) => {
    const w = words(n).join(' ');
    return `${w[0].toUpperCase()}${w.slice(1)}.`;
  };
  const start = Date.UTC(2023, 0, 1);
  const papers = [];
  for (let i = 0; i < count; i++) {
    const month = 1 + (i % 12);
    const arxiv = `23${String(month).padStart(2, '0')}.${String(10_000 + i).padStart(5, '0')}`;
    const title = words(5 + Math.floor(rand() * 8)).join(' ').replace(/^./u, (c) => c.toUpperCase());
    const categories = [pick(CATEGORIES), pick(CATEGORIES)].filter((c, k, all) => all.indexOf(c) === k);
    const tags = rand() < 0.45 ? [...new Set(Array.from({ length: 1 + Math.floor(rand() * 3) }, () => pick(TAGS)))] : [];
    const savedAt = start + Math.floor(rand() * 900 * 86_400_000);
    papers.push({
      id: `arxiv:${arxiv}`,
      aliases: [`arxiv:${arxiv}`],
      title,
      authors: Array.from({ length: 1 + Math.floor(rand() * 6) }, () => `${pick(GIVEN)} ${pick(FAMILY)}`),
      abstract: Array.from({ length: 6 + Math.floor(rand() * 5) }, () => sentence(12 + Math.floor(rand() * 10))).join(' '),
      absUrl: `https://arxiv.org/abs/${arxiv}`,
      pdfUrl: `https://arxiv.org/pdf/${arxiv}`,
      version: 1 + Math.floor(rand() * 3),
      primarySubject: categories[0],
      categories,
      date: new Date(Date.UTC(2023, month - 1, 1 + Math.floor(rand() * 28))).toISOString().slice(0, 10),
      source: { site: 'arxiv', pageKind: 'listing', url: `https://arxiv.org/list/${categories[0]}/pastweek?show=2000` },
      tags,
      status: pick(STATUSES),
      note: rand() < 0.1 ? sentence(8 + Math.floor(rand() * 20)) : '',
      savedAt,
      updatedAt: savedAt + Math.floor(rand() * 86_400_000),
    });
  }
  const tags = TAGS.map((name, i) => ({ name, color: COLORS[i % COLORS.length], createdAt: start + i }));
  const backup = { format: 'shelfmark-backup', schemaVersion: schemaVersion(), exportedAt: new Date(start).toISOString(), papers, tags };
  return { json: JSON.stringify(backup), papers: papers.length, vocabulary: WORDS };
}

/**
 * The generated backup as a file under .tmp/bench, for a page's file input to read as a user's
 * chosen file.
 * @param {string} name  the file's name
 * @param {number} [count]
 * @returns {Promise<{ json: string, papers: number, vocabulary: readonly string[], file: string }>}
 */
export async function writeBackupFile(name, count = 10_000) {
  const generated = generateBackup(count);
  const dir = path.join(TMP, 'bench');
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, name);
  await writeFile(file, generated.json);
  return { ...generated, file };
}
