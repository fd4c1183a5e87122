// What the background knows about each open tab (its page summary, its "for you" suggestions)
// lasts as long as the tab, not as long as the worker: a Manifest V3 background stops after about
// 30 s without events, and a popup opened over a listing read a minute earlier found nothing. Each
// record is kept in `storage.session` as well (held by the browser, cleared when it closes, out of
// content scripts' reach by default), behind the worker's own copy, and forgotten with its tab.
import { browser } from '../shared/browser';

/** Every memory's name: a closed tab's records go from each, in a worker that has built none of them yet. */
const NAMES = ['page-summary', 'for-you'] as const;
export type TabMemoryName = (typeof NAMES)[number];

const memories = new Set<TabMemory<unknown>>();
const prefixOf = (name: TabMemoryName) => `tab:${name}:`;
const keyOf = (name: TabMemoryName, tabId: number) => `${prefixOf(name)}${tabId}`;

function warn(error: unknown): void {
  console.warn('Shelfmark: could not keep a tab record in session storage', error);
}

export class TabMemory<T> {
  readonly #cache = new Map<number, T>();
  /** Per tab, the last `update` not yet done: updates apply in order, and a read waits for them. */
  readonly #pending = new Map<number, Promise<void>>();

  constructor(readonly name: TabMemoryName) {
    memories.add(this as TabMemory<unknown>);
  }

  #key(tabId: number): string {
    return keyOf(this.name, tabId);
  }

  set(tabId: number, value: T): void {
    this.#cache.set(tabId, value);
    browser.storage.session.set({ [this.#key(tabId)]: value }).catch(warn);
  }

  /** Replaces the tab's record with `change` of it (null: none yet), after earlier updates. */
  update(tabId: number, change: (record: T | null) => T): Promise<void> {
    const next = (this.#pending.get(tabId) ?? Promise.resolve()).then(async () => this.set(tabId, change(await this.#read(tabId))));
    const settled = next.catch(warn);
    this.#pending.set(tabId, settled);
    void settled.then(() => {
      if (this.#pending.get(tabId) === settled) this.#pending.delete(tabId);
    });
    return next;
  }

  /** The tab's record: the worker's copy, or the one session storage kept across a restart. */
  async get(tabId: number): Promise<T | null> {
    await this.#pending.get(tabId);
    return this.#read(tabId);
  }

  async #read(tabId: number): Promise<T | null> {
    const cached = this.#cache.get(tabId);
    if (cached !== undefined) return cached;
    const key = this.#key(tabId);
    const stored = (await browser.storage.session.get(key).catch(() => ({}) as Record<string, unknown>))[key];
    if (stored === undefined) return null;
    // A record written meanwhile (an answer that came during the read) is the newer one.
    if (!this.#cache.has(tabId)) this.#cache.set(tabId, stored as T);
    return this.#cache.get(tabId)!;
  }

  /** Every tab's record of this memory. */
  async clear(): Promise<void> {
    this.#cache.clear();
    const prefix = prefixOf(this.name);
    const mine = Object.keys(await browser.storage.session.get(null)).filter((key) => key.startsWith(prefix));
    if (mine.length > 0) await browser.storage.session.remove(mine);
  }

  /** Drops the worker's copy only (forgetTab removes what session storage holds). */
  dropCached(tabId: number): void {
    this.#cache.delete(tabId);
  }
}

/** A closed tab's records, from every memory (the background listens to tabs.onRemoved at start). */
export async function forgetTab(tabId: number): Promise<void> {
  for (const memory of memories) memory.dropCached(tabId);
  await browser.storage.session.remove(NAMES.map((name) => keyOf(name, tabId))).catch(warn);
}
