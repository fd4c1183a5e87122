// The sync engine (src/background/sync-engine.ts) between devices: each device is its own
// database and its own storage.sync area; `carry` moves one area's items to another, firing
// storage.onChanged there, as the browser's sync would.
import { describe, expect, it } from 'vitest';
import { DEBOUNCE_MS, MIN_INTERVAL_MS, SyncEngine } from '../../src/background/sync-engine';
import { savePaper, setStatus, unsavePaper } from '../../src/db/papers';
import type { ShelfmarkDB } from '../../src/db/schema';
import { addTag, removeTag, setTagColor } from '../../src/db/tagging';
import type { WriteOutcome } from '../../src/db/outcome';
import type { StateChange } from '../../src/shared/messages';
import type { SyncStatus } from '../../src/shared/sync-status';
import { isChunkKey, SYNC_QUOTA } from '../../src/sync/encoding';
import { arxivPaper, freshDb } from './db-kit';

type Items = Record<string, unknown>;
type Listener = (changes: Record<string, { oldValue?: unknown; newValue?: unknown }>, area: string) => void;

class Device {
  readonly db: ShelfmarkDB = freshDb();
  readonly items = new Map<string, unknown>();
  readonly listeners: Listener[] = [];
  readonly broadcasts: StateChange[][] = [];
  status: SyncStatus | undefined;
  writes: number[] = [];
  readonly engine: SyncEngine;

  constructor(
    readonly name: string,
    timing = { debounceMs: 5, minIntervalMs: 10 },
  ) {
    const area = {
      get: async () => Object.fromEntries([...this.items].map(([k, v]) => [k, structuredClone(v)])),
      set: async (items: Items) => {
        this.writes.push(Date.now());
        const changes: Record<string, { newValue?: unknown }> = {};
        for (const [key, value] of Object.entries(items)) {
          this.items.set(key, value);
          changes[key] = { newValue: value };
        }
        for (const listener of this.listeners) listener(changes, 'sync');
      },
      remove: async (keys: string | string[]) => {
        this.writes.push(Date.now());
        for (const key of [keys].flat()) this.items.delete(key);
      },
    };
    this.engine = new SyncEngine({
      db: () => this.db,
      syncArea: area,
      localArea: { set: async (items: Items) => void (this.status = items.syncStatus as SyncStatus) },
      onStorageChanged: { addListener: (listener) => this.listeners.push(listener) },
      broadcast: (changes) => this.broadcasts.push(changes),
      timing,
    });
  }

  /** A write as the router runs it: the db write, then the engine hears its changes. */
  async write<T>(outcome: Promise<WriteOutcome<T>>): Promise<T> {
    const done = await outcome;
    this.engine.noteLocalChanges(done.changes);
    return done.value;
  }

  /** Waits out the engine's debounce and write spacing (up to a whole spacing interval on a fast machine). */
  async settle(): Promise<void> {
    const deadline = Date.now() + DEBOUNCE_MS + MIN_INTERVAL_MS + 10_000;
    while (Date.now() < deadline) {
      await this.engine.idle();
      if (!this.engine.writePending) return;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    throw new Error(`${this.name} did not settle`);
  }

  async shown(id: string) {
    const paper = await this.db.papers.get(id);
    return paper ? { tags: [...paper.tags].sort(), status: paper.status } : null;
  }
}

/**
 * What the browser's sync does: `from`'s sync area arrives at `to`, firing onChanged there. Both
 * sides settle first: a write of `to` racing the arrival would overwrite it in `to`'s area (as it
 * can in a browser; `from` then writes again when it sees `to`'s state lacks its changes, which
 * the last test shows), and these tests want one exchange to be enough.
 */
async function carry(from: Device, to: Device): Promise<void> {
  await from.settle();
  await to.settle();
  const changes: Record<string, { oldValue?: unknown; newValue?: unknown }> = {};
  for (const key of new Set([...from.items.keys(), ...to.items.keys()])) {
    if (!isChunkKey(key)) continue;
    const value = from.items.get(key);
    if (value === to.items.get(key)) continue;
    changes[key] = { oldValue: to.items.get(key), newValue: value };
    if (value === undefined) to.items.delete(key);
    else to.items.set(key, value);
  }
  for (const listener of to.listeners) listener(structuredClone(changes), 'sync');
  await to.settle();
}

async function devices(...names: string[]): Promise<[Device, Device, ...Device[]]> {
  const all = names.map((name) => new Device(name));
  for (const device of all) {
    device.engine.setEnabled(true);
    await device.settle();
  }
  return all as [Device, Device, ...Device[]];
}

const P1 = arxivPaper(1);
const P2 = arxivPaper(2);

describe('sync engine between devices', () => {
  it('a paper saved and tagged on A is saved, tagged and titled on B; B tells its tabs', async () => {
    const [a, b] = await devices('A', 'B');
    await a.write(savePaper(a.db, P1));
    await a.write(addTag(a.db, P1.id, 'Theory'));
    await a.write(setStatus(a.db, P1.id, 'reading'));
    await carry(a, b);
    expect(await b.shown(P1.id)).toEqual({ tags: ['Theory'], status: 'reading' });
    expect((await b.db.papers.get(P1.id))!.title).toBe(P1.title);
    expect((await b.db.tags.get('theory'))!.name).toBe('Theory');
    expect(b.broadcasts.flat().some((change) => change.state.id === P1.id && change.state.saved)).toBe(true);
    expect(b.status).toMatchObject({ state: 'ok', papers: 1, left: 0 });
  });

  it('tags added on A and on B at once both survive, on both', async () => {
    const [a, b] = await devices('A', 'B');
    await a.write(savePaper(a.db, P1));
    await carry(a, b);
    await a.write(addTag(a.db, P1.id, 'ml'));
    await b.write(addTag(b.db, P1.id, 'vision'));
    await carry(a, b);
    await carry(b, a);
    expect(await a.shown(P1.id)).toEqual({ tags: ['ml', 'vision'], status: 'unread' });
    expect(await b.shown(P1.id)).toEqual({ tags: ['ml', 'vision'], status: 'unread' });
  });

  it('a removal on A while B tags the paper: B\'s edit, unseen by A, keeps the paper everywhere', async () => {
    const [a, b] = await devices('A', 'B');
    await a.write(savePaper(a.db, P1));
    await a.write(savePaper(a.db, P2));
    await carry(a, b);
    // Seen: B hears of A's removal of P2 before changing it -> removed on B.
    await a.write(unsavePaper(a.db, P2.id));
    // Unseen: A removes P1 while B tags it.
    await a.write(unsavePaper(a.db, P1.id));
    await b.write(addTag(b.db, P1.id, 'keep'));
    await carry(a, b);
    await carry(b, a);
    expect(await b.shown(P2.id)).toBeNull();
    expect(await a.shown(P2.id)).toBeNull();
    expect(await a.shown(P1.id)).toEqual({ tags: ['keep'], status: 'unread' });
    expect(await b.shown(P1.id)).toEqual({ tags: ['keep'], status: 'unread' });
  });

  it('a third device joining late gets everything, tag colours included', async () => {
    const [a, b] = await devices('A', 'B');
    await a.write(savePaper(a.db, P1));
    await a.write(setTagColor(a.db, 'ml', '#123456'));
    await a.write(addTag(a.db, P1.id, 'ml'));
    await b.write(savePaper(b.db, P2));
    await carry(a, b);
    await carry(b, a);
    const [c] = await devices('C', 'unused');
    // C had a paper of its own before joining: it is kept and written back.
    await c.write(savePaper(c.db, arxivPaper(3)));
    await carry(a, c);
    expect(await c.shown(P1.id)).toEqual({ tags: ['ml'], status: 'unread' });
    expect(await c.shown(P2.id)).toEqual({ tags: [], status: 'unread' });
    expect((await c.db.tags.get('ml'))!.color).toBe('#123456');
    await carry(c, a);
    expect(await a.shown(arxivPaper(3).id)).not.toBeNull();
  });

  it('a burst of 500 tag changes is written in a few writes, spaced within the quotas', { timeout: 120_000 }, async () => {
    const a = new Device('A', { debounceMs: DEBOUNCE_MS, minIntervalMs: MIN_INTERVAL_MS });
    a.engine.setEnabled(true);
    await a.write(savePaper(a.db, P1));
    await a.settle();
    a.writes = [];
    const started = Date.now();
    // 500 changes of tags on 50 papers, each heard by the engine as the router tells it.
    for (let i = 0; i < 250; i += 1) await a.write(addTag(a.db, arxivPaper(10 + (i % 50)).id, `tag-${i}`, arxivPaper(10 + (i % 50))));
    for (let i = 0; i < 250; i += 1) await a.write(removeTag(a.db, arxivPaper(10 + (i % 50)).id, `tag-${i}`));
    await a.settle();
    const elapsed = Date.now() - started;
    expect(a.writes.length).toBeGreaterThan(0);
    // At most one write per spacing interval (and the last one after the burst).
    expect(a.writes.length).toBeLessThanOrEqual(Math.ceil(elapsed / MIN_INTERVAL_MS) + 1);
    for (let i = 1; i < a.writes.length; i += 1) expect(a.writes[i]! - a.writes[i - 1]!).toBeGreaterThanOrEqual(MIN_INTERVAL_MS - 50);
    const perMinute = Math.max(...a.writes.map((t) => a.writes.filter((u) => u >= t && u < t + 60_000).length));
    expect(perMinute).toBeLessThanOrEqual(SYNC_QUOTA.writesPerMinute);
    // Everything arrived in the end: 50 papers with no tags left, one write after the burst.
    const b = new Device('B');
    b.engine.setEnabled(true);
    await carry(a, b);
    expect(await b.db.papers.count()).toBe(51);
    expect((await b.db.papers.toArray()).every((paper) => paper.tags.length === 0)).toBe(true);
  });

  it('devices whose writes race converge after a few exchanges', async () => {
    const [a, b] = await devices('A', 'B');
    await a.write(savePaper(a.db, P1));
    await carry(a, b);
    await a.write(addTag(a.db, P1.id, 'ml'));
    await b.write(addTag(b.db, P1.id, 'vision'));
    // No settling: each side's write may land on top of the other's arrival.
    for (let round = 0; round < 4; round += 1) {
      for (const [from, to] of [[a, b], [b, a]] as const) {
        for (const key of from.items.keys()) to.items.set(key, from.items.get(key));
        for (const listener of to.listeners) listener(Object.fromEntries([...from.items].map(([k, v]) => [k, { newValue: v }])), 'sync');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
    await carry(a, b);
    await carry(b, a);
    expect(await a.shown(P1.id)).toEqual({ tags: ['ml', 'vision'], status: 'unread' });
    expect(await b.shown(P1.id)).toEqual({ tags: ['ml', 'vision'], status: 'unread' });
  });

  it('turning sync off keeps local data and stops reading and writing', async () => {
    const [a, b] = await devices('A', 'B');
    await a.write(savePaper(a.db, P1));
    await carry(a, b);
    b.engine.setEnabled(false);
    await b.settle();
    expect(b.status?.state).toBe('off');
    expect(await b.shown(P1.id)).not.toBeNull();
    await a.write(addTag(a.db, P1.id, 'later'));
    const before = b.writes.length;
    await b.write(savePaper(b.db, P2));
    await carry(a, b);
    expect(await b.shown(P1.id)).toEqual({ tags: [], status: 'unread' });
    expect(b.writes.length).toBe(before);
    // On again: both directions catch up.
    b.engine.setEnabled(true);
    await b.settle();
    expect(await b.shown(P1.id)).toEqual({ tags: ['later'], status: 'unread' });
    await carry(b, a);
    expect(await a.shown(P2.id)).not.toBeNull();
  });
});
