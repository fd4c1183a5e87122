// The sync merge (src/sync/record.ts) on random operation sequences: replicas that have exchanged
// everything hold the same state and show the same papers, whatever the order of the exchanges.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HybridClock } from '../../src/sync/hlc';
import {
  emptyState,
  isSaved,
  localView,
  mergePaper,
  mergeState,
  newestClock,
  presentTags,
  prunePaper,
  pruneCutoff,
  reconcile,
  TOMBSTONE_TTL_MS,
  type LocalPaper,
  type SyncPaper,
  type SyncState,
} from '../../src/sync/record';
import type { ReadingStatus } from '../../src/shared/paper';

const T0 = 1_790_000_000_000;
const IDS = ['arxiv:2401.00001', 'arxiv:2401.00002', 'doi:10.1/x'];
const TAGS = ['ml', 'read', 'vision', 'theory'];
const STATUSES: ReadingStatus[] = ['unread', 'reading', 'done'];

/** One device: what it shows (local papers), what sync knows (state) and its clock. */
class Replica {
  local = new Map<string, LocalPaper>();
  state: SyncState = emptyState();
  wall: number;
  clock: HybridClock;

  constructor(node: number, skewMs: number) {
    this.wall = T0 + skewMs;
    this.clock = new HybridClock(node, 0, () => this.wall);
  }

  /** A local edit, then the engine's step: stamp what differs. */
  edit(id: string, change: (paper: LocalPaper | null) => LocalPaper | null): void {
    const next = change(this.local.get(id) ?? null);
    if (next) this.local.set(id, next);
    else this.local.delete(id);
    const record = reconcile(this.state.papers.get(id), next, () => this.clock.now());
    if (record) this.state.papers.set(id, record);
  }

  /** What arrives from another device: merge, observe its clocks, show the result. */
  receive(remote: SyncState): void {
    const { state, changedPapers } = mergeState(this.state, remote);
    this.state = state;
    for (const id of changedPapers) {
      const record = state.papers.get(id)!;
      this.clock.observe(newestClock(record));
      const view = localView(record);
      if (view) this.local.set(id, view);
      else this.local.delete(id);
    }
  }
}

function blank(id: string, wall: number): LocalPaper {
  return { id, aliases: [id], title: `Made-up title ${id}`, savedAt: wall, status: 'unread', note: '', tagKeys: [] };
}

type Op =
  | { kind: 'save' | 'remove'; at: number; id: string }
  | { kind: 'addTag' | 'removeTag'; at: number; id: string; tag: string }
  | { kind: 'status'; at: number; id: string; status: ReadingStatus }
  | { kind: 'note'; at: number; id: string; note: string }
  | { kind: 'sync'; from: number; to: number }
  | { kind: 'tick'; at: number; ms: number };

function apply(replicas: Replica[], op: Op): void {
  if (op.kind === 'sync') {
    if (op.from !== op.to) replicas[op.to]!.receive(replicas[op.from]!.state);
    return;
  }
  const replica = replicas[op.at]!;
  switch (op.kind) {
    case 'tick':
      replica.wall += op.ms;
      return;
    case 'save':
      return replica.edit(op.id, (paper) => paper ?? blank(op.id, replica.wall));
    case 'remove':
      return replica.edit(op.id, () => null);
    case 'addTag':
      return replica.edit(op.id, (paper) => {
        const base = paper ?? blank(op.id, replica.wall);
        return base.tagKeys.includes(op.tag) ? base : { ...base, tagKeys: [...base.tagKeys, op.tag] };
      });
    case 'removeTag':
      return replica.edit(op.id, (paper) => paper && { ...paper, tagKeys: paper.tagKeys.filter((key) => key !== op.tag) });
    case 'status':
      return replica.edit(op.id, (paper) => paper && { ...paper, status: op.status });
    case 'note':
      return replica.edit(op.id, (paper) => paper && { ...paper, note: op.note });
  }
}

function opArb(replicaCount: number): fc.Arbitrary<Op> {
  const at = fc.integer({ min: 0, max: replicaCount - 1 });
  const id = fc.constantFrom(...IDS);
  const tag = fc.constantFrom(...TAGS);
  return fc.oneof(
    fc.record({ kind: fc.constantFrom('save' as const, 'remove' as const), at, id }),
    fc.record({ kind: fc.constantFrom('addTag' as const, 'removeTag' as const), at, id, tag }),
    fc.record({ kind: fc.constant('status' as const), at, id, status: fc.constantFrom(...STATUSES) }),
    fc.record({ kind: fc.constant('note' as const), at, id, note: fc.constantFrom('', 'check lemma 2', 'made-up remark') }),
    fc.record({ kind: fc.constant('sync' as const), from: at, to: at }),
    // Wall clocks move on unevenly, sometimes not at all, and each device's was skewed at start.
    fc.record({ kind: fc.constant('tick' as const), at, ms: fc.constantFrom(0, 0, 300, 1_000, 45_000) }),
  );
}

/** Everyone hears from everyone, in ring order, twice round. */
function gossip(replicas: Replica[]): void {
  for (let round = 0; round < 2; round += 1) {
    for (let i = 0; i < replicas.length; i += 1) replicas[(i + 1) % replicas.length]!.receive(replicas[i]!.state);
  }
}

function snapshot(replica: Replica) {
  const papers = [...replica.state.papers.values()].sort((a, b) => a.id.localeCompare(b.id));
  const shown = [...replica.local.values()]
    .map((paper) => ({ id: paper.id, status: paper.status, note: paper.note, tags: [...paper.tagKeys].sort() }))
    .sort((a, b) => a.id.localeCompare(b.id));
  return { papers, shown };
}

function convergenceProperty(replicaCount: number) {
  return fc.property(
    fc.array(fc.integer({ min: -120_000, max: 120_000 }), { minLength: replicaCount, maxLength: replicaCount }),
    fc.array(opArb(replicaCount), { maxLength: 60 }),
    (skews, ops) => {
      const replicas = skews.map((skew, index) => new Replica(index + 1, skew));
      for (const op of ops) apply(replicas, op);
      gossip(replicas);
      const first = snapshot(replicas[0]!);
      for (const replica of replicas.slice(1)) expect(snapshot(replica)).toEqual(first);
      // What each device shows is exactly what the merged records say.
      for (const paper of first.papers) {
        const shown = first.shown.find((entry) => entry.id === paper.id);
        expect(shown !== undefined).toBe(isSaved(paper));
        if (shown) expect(shown.tags).toEqual(presentTags(paper));
      }
    },
  );
}

describe('sync merge: convergence', () => {
  it('two replicas converge after any sequence of local changes and partial syncs', () => {
    fc.assert(convergenceProperty(2), { numRuns: 300 });
  });

  it('three replicas converge after any sequence of local changes and partial syncs', () => {
    fc.assert(convergenceProperty(3), { numRuns: 300 });
  });

  const paperArb: fc.Arbitrary<SyncPaper> = fc
    .record({
      saved: fc.integer({ min: 0, max: 50 }),
      removed: fc.integer({ min: 0, max: 50 }),
      status: fc.constantFrom(...STATUSES),
      statusAt: fc.integer({ min: 0, max: 50 }),
      title: fc.constantFrom('', 'A', 'Ab', 'Ba'),
      savedAt: fc.integer({ min: 0, max: 9 }),
      aliases: fc.uniqueArray(fc.constantFrom('doi:a', 'doi:b', 'url:c', 'pmid:1', 's2:x', 'dblp:y')),
      tags: fc.dictionary(fc.constantFrom(...TAGS), fc.record({ a: fc.integer({ min: 0, max: 50 }), r: fc.integer({ min: 0, max: 50 }) })),
      note: fc.option(fc.record({ note: fc.constantFrom('', 'x', 'y'), noteAt: fc.integer({ min: 1, max: 50 }) }), { nil: undefined }),
    })
    .map(({ note, ...fields }) => ({ id: 'arxiv:2401.00001', ...fields, ...note, aliases: [...fields.aliases].sort().slice(0, 4) }));

  it('merging is commutative, associative and idempotent', () => {
    fc.assert(
      fc.property(paperArb, paperArb, paperArb, (a, b, c) => {
        expect(mergePaper(a, b)).toEqual(mergePaper(b, a));
        expect(mergePaper(mergePaper(a, b), c)).toEqual(mergePaper(a, mergePaper(b, c)));
        expect(mergePaper(a, a)).toEqual(a);
      }),
      { numRuns: 500 },
    );
  });
});

describe('sync merge: what wins', () => {
  function pair(): [Replica, Replica] {
    return [new Replica(1, 0), new Replica(2, 0)];
  }

  it('keeps tags added on two devices at once, and a paper saved on one shows on the other', () => {
    const [a, b] = pair();
    a.edit(IDS[0]!, () => blank(IDS[0]!, a.wall));
    b.receive(a.state);
    expect(b.local.get(IDS[0]!)).toMatchObject({ id: IDS[0], title: `Made-up title ${IDS[0]}` });
    a.wall += 1000;
    b.wall += 1000;
    a.edit(IDS[0]!, (paper) => ({ ...paper!, tagKeys: ['ml'] }));
    b.edit(IDS[0]!, (paper) => ({ ...paper!, tagKeys: ['vision'] }));
    a.receive(b.state);
    b.receive(a.state);
    expect(a.local.get(IDS[0]!)!.tagKeys).toEqual(['ml', 'vision']);
    expect(b.local.get(IDS[0]!)!.tagKeys).toEqual(['ml', 'vision']);
  });

  it('a tag removal removes only the add it had seen: a later add of the same tag elsewhere stays', () => {
    const [a, b] = pair();
    a.edit(IDS[0]!, () => ({ ...blank(IDS[0]!, a.wall), tagKeys: ['ml'] }));
    b.receive(a.state);
    a.wall += 1000;
    b.wall += 2000;
    a.edit(IDS[0]!, (paper) => ({ ...paper!, tagKeys: [] }));
    // b removes and re-adds it (a new add a had not seen).
    b.edit(IDS[0]!, (paper) => ({ ...paper!, tagKeys: [] }));
    b.edit(IDS[0]!, (paper) => ({ ...paper!, tagKeys: ['ml'] }));
    a.receive(b.state);
    b.receive(a.state);
    expect(a.local.get(IDS[0]!)!.tagKeys).toEqual(['ml']);
    expect(b.local.get(IDS[0]!)!.tagKeys).toEqual(['ml']);
  });

  it('a removal wins over what it had seen; an edit it had not seen keeps the paper, on both devices', () => {
    const [a, b] = pair();
    a.edit(IDS[0]!, () => ({ ...blank(IDS[0]!, a.wall), tagKeys: ['ml'] }));
    b.receive(a.state);
    a.wall += 1000;
    b.wall += 1000;
    // Seen: a removes after b's state reached it; nothing new on b -> removed everywhere.
    a.edit(IDS[0]!, () => null);
    b.receive(a.state);
    expect(b.local.has(IDS[0]!)).toBe(false);

    const [c, d] = pair();
    c.edit(IDS[1]!, () => ({ ...blank(IDS[1]!, c.wall), tagKeys: ['ml'] }));
    d.receive(c.state);
    c.wall += 1000;
    d.wall += 1000;
    // Unseen: d tags while c removes; neither has heard of the other's change.
    c.edit(IDS[1]!, () => null);
    d.edit(IDS[1]!, (paper) => ({ ...paper!, tagKeys: ['ml', 'vision'] }));
    c.receive(d.state);
    d.receive(c.state);
    expect(c.local.get(IDS[1]!)!.tagKeys).toEqual(['ml', 'vision']);
    expect(d.local.get(IDS[1]!)!.tagKeys).toEqual(['ml', 'vision']);
  });

  it('a status set later wins over one set earlier, whichever arrives last', () => {
    const [a, b] = pair();
    a.edit(IDS[0]!, () => blank(IDS[0]!, a.wall));
    b.receive(a.state);
    a.wall += 1000;
    b.wall += 5000;
    a.edit(IDS[0]!, (paper) => ({ ...paper!, status: 'reading' }));
    b.edit(IDS[0]!, (paper) => ({ ...paper!, status: 'done' }));
    b.receive(a.state);
    a.receive(b.state);
    expect(a.local.get(IDS[0]!)!.status).toBe('done');
    expect(b.local.get(IDS[0]!)!.status).toBe('done');
  });

  it('a note syncs; the later edit wins; clearing a note is an edit, and a note written after a removal keeps the paper', () => {
    const [a, b] = pair();
    a.edit(IDS[0]!, () => ({ ...blank(IDS[0]!, a.wall), note: 'check lemma 2' }));
    b.receive(a.state);
    expect(b.local.get(IDS[0]!)!.note).toBe('check lemma 2');
    a.wall += 1000;
    b.wall += 5000;
    a.edit(IDS[0]!, (paper) => ({ ...paper!, note: 'older remark' }));
    b.edit(IDS[0]!, (paper) => ({ ...paper!, note: 'newer remark' }));
    b.receive(a.state);
    a.receive(b.state);
    expect([a.local.get(IDS[0]!)!.note, b.local.get(IDS[0]!)!.note]).toEqual(['newer remark', 'newer remark']);
    b.wall += 1000;
    b.edit(IDS[0]!, (paper) => ({ ...paper!, note: '' }));
    a.receive(b.state);
    expect(a.local.get(IDS[0]!)!.note).toBe('');
    // A removes the paper; B, not having heard, writes a note: the paper stays, with the note.
    a.wall += 1000;
    b.wall += 1000;
    a.edit(IDS[0]!, () => null);
    b.edit(IDS[0]!, (paper) => ({ ...paper!, note: 'still reading this' }));
    a.receive(b.state);
    b.receive(a.state);
    expect(a.local.get(IDS[0]!)?.note).toBe('still reading this');
    expect(b.local.get(IDS[0]!)?.note).toBe('still reading this');
  });

  it('prunes tombstones only once they are older than the safe time', () => {
    const [a] = pair();
    a.edit(IDS[0]!, () => ({ ...blank(IDS[0]!, a.wall), tagKeys: ['ml', 'vision'] }));
    a.wall += 1000;
    a.edit(IDS[0]!, (paper) => ({ ...paper!, tagKeys: ['vision'] }));
    const record = a.state.papers.get(IDS[0]!)!;
    expect(prunePaper(record, pruneCutoff(a.wall))).toBe(record);
    const later = prunePaper(record, pruneCutoff(a.wall + TOMBSTONE_TTL_MS + 2 * 86_400_000))!;
    expect(Object.keys(later.tags)).toEqual(['vision']);
    a.edit(IDS[0]!, () => null);
    const removed = a.state.papers.get(IDS[0]!)!;
    expect(prunePaper(removed, pruneCutoff(a.wall))).toBe(removed);
    expect(prunePaper(removed, pruneCutoff(a.wall + TOMBSTONE_TTL_MS + 2 * 86_400_000))).toBeUndefined();
  });
});

