// Helpers for the content-script e2e tests (content-*.test.mjs), both browsers.
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, TMP } from './harness/env.mjs';

export const ARXIV_NEW = 'https://arxiv.org/list/cs.LG/new';
export const ARXIV_RECENT = 'https://arxiv.org/list/cs.LG/recent';
export const HF_DAILY = 'https://huggingface.co/papers';
/** First paper of the arXiv /new fixture; the derived HF daily page lists it too. */
export const SHARED_ID = 'arxiv:2609.10001';
const HF_ID_REPLACED = '2609.40001';

/**
 * The committed fixtures, plus the same paper on both sites: the Hugging Face daily page with
 * its first paper's arXiv id swapped for the first paper of the arXiv /new listing.
 * @returns {string} the fixtures directory to pass to the launchers
 */
export function crossSiteFixtures() {
  const dir = path.join(TMP, `content-fixtures-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  cpSync(path.join(ROOT, 'test', 'fixtures'), dir, { recursive: true });
  const daily = path.join(dir, 'huggingface', 'daily.html');
  const html = readFileSync(daily, 'utf8');
  if (!html.includes(HF_ID_REPLACED)) throw new Error(`huggingface/daily.html no longer lists ${HF_ID_REPLACED}`);
  writeFileSync(daily, html.replaceAll(HF_ID_REPLACED, SHARED_ID.slice('arxiv:'.length)));
  return dir;
}

/** @param {string} dir */
export function removeFixtures(dir) {
  rmSync(dir, { recursive: true, force: true });
}

/**
 * In the page: the data-state of every host showing `id`.
 * @param {string} id
 * @returns {(string | null)[]}
 */
export function statesOf(id) {
  return Array.from(document.querySelectorAll('shelfmark-entry'))
    .filter((host) => host.getAttribute('data-shelfmark-id') === id)
    .map((host) => host.getAttribute('data-state'));
}

/**
 * In the page: every host showing `id` has `state` (and there is at least one).
 * @param {{ id: string, state: string }} arg
 */
export function allInState({ id, state }) {
  const hosts = Array.from(document.querySelectorAll('shelfmark-entry')).filter((h) => h.getAttribute('data-shelfmark-id') === id);
  return hosts.length > 0 && hosts.every((h) => h.getAttribute('data-state') === state);
}

/**
 * In the extension's background (Chromium service worker): the stored record for `id`, read
 * straight from IndexedDB, or null.
 * @param {string} id
 */
export function readStoredPaper(id) {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('shelfmark');
    open.onerror = () => reject(String(open.error));
    open.onsuccess = () => {
      const get = open.result.transaction('papers').objectStore('papers').get(id);
      get.onerror = () => reject(String(get.error));
      get.onsuccess = () => {
        open.result.close();
        resolve(get.result ?? null);
      };
    };
  });
}

/**
 * In the background: writes a record straight into IndexedDB, bypassing the background's
 * handlers, so no tab hears of it (what a lost broadcast looks like to a tab).
 * @param {Record<string, unknown>} record
 */
export function writeStoredPaperSilently(record) {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('shelfmark');
    open.onerror = () => reject(String(open.error));
    open.onsuccess = () => {
      const tx = open.result.transaction('papers', 'readwrite');
      tx.objectStore('papers').put(record);
      tx.oncomplete = () => {
        open.result.close();
        resolve(true);
      };
      tx.onerror = () => reject(String(tx.error));
    };
  });
}

/**
 * A complete stored record (src/shared/records.ts SavedPaper) for a made-up paper.
 * @param {string} id
 * @param {string[]} tags
 */
export function storedRecord(id, tags) {
  const now = Date.now();
  return {
    id,
    aliases: [id],
    title: 'Invented record written behind the background’s back',
    authors: ['Ada Example'],
    source: { site: 'arxiv', pageKind: 'listing', url: ARXIV_RECENT },
    tags,
    tagKeys: tags.map((t) => t.toLowerCase()),
    status: 'unread',
    note: '',
    savedAt: now,
    updatedAt: now,
  };
}

/**
 * Chromium only: the tag chips inside every closed shadow root showing `id`, read through CDP,
 * which pierces closed roots (browser-testing.md §3.5).
 * @param {import('playwright-core').BrowserContext} context
 * @param {import('playwright-core').Page} page
 * @param {string} id
 * @returns {Promise<string[][]>} one list of chip names per host
 */
export async function chipsOf(context, page, id) {
  const cdp = await context.newCDPSession(page);
  try {
    const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    /** @type {string[][]} */
    const out = [];
    walk(root, (node) => {
      if (node.nodeName !== 'SHELFMARK-ENTRY' || attribute(node, 'data-shelfmark-id') !== id) return;
      const chips = [];
      for (const shadow of node.shadowRoots ?? []) {
        walk(shadow, (inner) => {
          if (inner.nodeName === 'BUTTON' && (attribute(inner, 'class') ?? '').split(' ').includes('chip')) {
            chips.push(textOf(inner).replace(/ ×$/u, ''));
          }
        });
      }
      out.push(chips);
    });
    return out;
  } finally {
    await cdp.detach();
  }
}

/** @typedef {{ nodeName: string, nodeValue?: string, attributes?: string[], children?: CdpNode[], shadowRoots?: CdpNode[], contentDocument?: CdpNode }} CdpNode */

/**
 * Light-DOM children and the document, not into shadow roots (the callers decide that).
 * @param {CdpNode} node
 * @param {(node: CdpNode) => void} visit
 */
function walk(node, visit) {
  visit(node);
  for (const child of node.children ?? []) walk(child, visit);
}

/** @param {CdpNode} node @param {string} name */
function attribute(node, name) {
  const list = node.attributes ?? [];
  for (let i = 0; i < list.length; i += 2) if (list[i] === name) return list[i + 1];
  return undefined;
}

/** @param {CdpNode} node @returns {string} */
function textOf(node) {
  if (node.nodeName === '#text') return node.nodeValue ?? '';
  return (node.children ?? []).map(textOf).join('');
}

/**
 * Where a click lands on a host's save toggle: it is the host's first child, 22 px tall.
 * @type {{ x: number, y: number }}
 */
export const SAVE_TOGGLE = { x: 10, y: 10 };
