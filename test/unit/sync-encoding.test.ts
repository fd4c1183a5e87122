// The storage.sync encoding (src/sync/encoding.ts, plan.ts): exact round trip, chunks that only
// assemble when complete, and the size of a 10,000-paper library against the browsers' quota.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateBackup } from '../../bench/papers-10k.mjs';
import { fromBase85, toBase85 } from '../../src/sync/bytes';
import { decodeState, encodeState, fromItems, itemBytes, packArxivId, SYNC_QUOTA, toItems, unpackArxivId } from '../../src/sync/encoding';
import { packHlc } from '../../src/sync/hlc';
import { planItems } from '../../src/sync/plan';
import { isSaved, newestClock, seedRecord, type SyncPaper, type SyncState } from '../../src/sync/record';
import { tagKey } from '../../src/shared/tags';

const NOW = Date.UTC(2026, 11, 1);

const clockArb = fc
  .record({ seconds: fc.integer({ min: 1_600_000_000, max: 1_800_000_000 }), counter: fc.integer({ min: 0, max: 4095 }), node: fc.integer({ min: 0, max: 255 }) })
  .map(packHlc);
const idArb = fc.oneof(
  fc.record({ month: fc.integer({ min: 1501, max: 2912 }), n: fc.integer({ min: 0, max: 99_999 }) }).map(({ month, n }) => `arxiv:${month}.${String(n).padStart(5, '0')}`),
  fc.record({ month: fc.integer({ min: 704, max: 1412 }), n: fc.integer({ min: 0, max: 9_999 }) }).map(({ month, n }) => `arxiv:${String(month).padStart(4, '0')}.${String(n).padStart(4, '0')}`),
  fc.stringMatching(/^(doi:10\.\d{4}\/[a-z0-9.]{1,12}|arxiv:math\/\d{7}|url:https:\/\/x\.org\/[a-z]{0,8}|arxiv:2401\.001)$/u),
);
const tagKeyArb = fc.constantFrom('ml', 'theory', 'vision', 'to read', 'ünïcode', '数学', 'x');

const paperArb = (id: string): fc.Arbitrary<SyncPaper> =>
  fc.record({
    saved: clockArb,
    removed: fc.oneof(fc.constant(0), clockArb),
    statusAt: clockArb,
    status: fc.constantFrom('unread' as const, 'reading' as const, 'done' as const),
    title: fc.string({ maxLength: 40 }),
    savedAt: fc.integer({ min: 1_600_000_000, max: 1_800_000_000 }).map((s) => s * 1000),
    aliases: fc.uniqueArray(fc.constantFrom('doi:10.1/a', 'doi:10.1/b', 'pmid:7', 'url:https://x.org/'), { maxLength: 4 }).map((a) => a.sort()),
    tags: fc.dictionary(tagKeyArb, fc.record({ a: clockArb, r: fc.oneof(fc.constant(0), clockArb) })),
    note: fc.option(fc.record({ note: fc.string({ maxLength: 60 }), noteAt: clockArb }), { nil: undefined }),
  }).map(({ note, ...fields }) => ({ id, ...fields, ...note, tags: Object.fromEntries(Object.entries(fields.tags).map(([k, c]) => [k, { a: c.a, r: c.r === 0 ? 0 : c.r }])) }));

const stateArb: fc.Arbitrary<SyncState> = fc
  .uniqueArray(idArb, { maxLength: 30 })
  .chain((ids) => fc.tuple(fc.tuple(...ids.map(paperArb)), fc.dictionary(tagKeyArb, fc.record({ name: fc.string({ minLength: 1, maxLength: 10 }), color: fc.constantFrom('#2563eb', '#16a34a'), at: clockArb }))))
  .map(([papers, tags]) => ({
    papers: new Map(papers.map((paper) => [paper.id, paper])),
    tags: new Map(Object.entries(tags).map(([key, tag]) => [key, { key, ...tag }])),
  }));

describe('sync encoding', () => {
  it('packs arXiv ids of both styles of digits exactly, and leaves other ids alone', () => {
    for (const id of ['arxiv:0704.0001', 'arxiv:1412.9999', 'arxiv:1501.00001', 'arxiv:2512.12345']) expect(unpackArxivId(packArxivId(id)!)).toBe(id);
    for (const id of ['arxiv:2401.001', 'arxiv:0704.00001', 'arxiv:math/0309136', 'doi:10.1/x']) expect(packArxivId(id)).toBeUndefined();
  });

  it('base 85 text round-trips any bytes and never needs escaping in JSON', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const text = toBase85(bytes);
        expect(fromBase85(text)).toEqual(bytes);
        expect(JSON.stringify(text)).toBe(`"${text}"`);
        expect(text).not.toMatch(/[<>&'"\\]/u);
      }),
    );
  });

  it('round-trips any state exactly (titles and notes kept)', () => {
    fc.assert(
      fc.property(stateArb, (state) => {
        const decoded = decodeState(encodeState(state, 1000, 1000));
        expect(new Map([...decoded.papers].sort())).toEqual(new Map([...state.papers].sort()));
        expect(decoded.tags).toEqual(state.tags);
        // One state, one encoding: devices holding the same state write the same bytes.
        expect(encodeState(decoded, 1000, 1000)).toEqual(encodeState(state, 1000, 1000));
      }),
      { numRuns: 100 },
    );
  }, 60_000);

  it('leaves out a note longer than the limit, clock and all, never a cut copy', () => {
    const saved = packHlc({ seconds: 1_790_000_000, counter: 0, node: 1 });
    const base = { aliases: [], title: '', savedAt: 1_790_000_000_000, saved, removed: 0, status: 'unread' as const, statusAt: saved, tags: {} };
    const noteAt = packHlc({ seconds: 1_790_000_100, counter: 0, node: 1 });
    const state: SyncState = {
      papers: new Map([
        ['arxiv:2401.00001', { ...base, id: 'arxiv:2401.00001', note: 'short', noteAt }],
        ['arxiv:2401.00002', { ...base, id: 'arxiv:2401.00002', note: 'long '.repeat(100), noteAt }],
      ]),
      tags: new Map(),
    };
    const decoded = decodeState(encodeState(state, 0, 280));
    expect(decoded.papers.get('arxiv:2401.00001')).toMatchObject({ note: 'short', noteAt });
    expect(decoded.papers.get('arxiv:2401.00002')).not.toHaveProperty('note');
    expect(decoded.papers.get('arxiv:2401.00002')).not.toHaveProperty('noteAt');
  });

  it('still reads what the previous format (no notes) wrote', () => {
    // Written by format 1 (before notes synced): one paper, status reading, tag ml, a title.
    const items = { c0: 'y5r5h8.1.2v}o7OCYWp81evt).[jjAYI5-I3$c(?:It%tL:/Mk.0!j-O0YwstuWW@L39%i3ig5a' };
    const paper = decodeState(fromItems(items)!).papers.get('arxiv:2401.00001');
    expect(paper).toMatchObject({ title: 'A made-up title', status: 'reading', savedAt: 1_790_000_000_000 });
    expect(Object.keys(paper!.tags)).toEqual(['ml']);
    expect(paper).not.toHaveProperty('note');
  });

  it('assembles chunks only when every one of one write is there', () => {
    const big = new Uint8Array(20_000).map((_, i) => (i * 7919) % 251);
    const items = toItems(big);
    expect(Object.keys(items)).toEqual(['c0', 'c1', 'c2', 'c3']);
    for (const [key, value] of Object.entries(items)) expect(itemBytes({ [key]: value })).toBeLessThanOrEqual(SYNC_QUOTA.bytesPerItem);
    expect(fromItems(items)).toEqual(big);
    const { c2: _dropped, ...missing } = items;
    expect(fromItems(missing)).toBeNull();
    const other = toItems(new Uint8Array(20_000).fill(3));
    expect(fromItems({ ...items, c1: other.c1 })).toBeNull();
  });
});

function library10k(): SyncState {
  const backup = JSON.parse(generateBackup(10_000).json) as {
    papers: { id: string; aliases: string[]; title: string; tags: string[]; status: 'unread'; savedAt: number; updatedAt: number }[];
    tags: { name: string; color: string; createdAt: number }[];
  };
  const papers = new Map<string, SyncPaper>();
  for (const paper of backup.papers) {
    const record = seedRecord({ ...paper, note: '', tagKeys: paper.tags.map(tagKey) }, paper.updatedAt);
    papers.set(record.id, record);
  }
  const tags = new Map(backup.tags.map((tag) => [tagKey(tag.name), { key: tagKey(tag.name), name: tag.name, color: tag.color, at: packHlc({ seconds: Math.floor(tag.createdAt / 1000), counter: 0, node: 0 }) }]));
  return { papers, tags };
}

// Encoding 10,000 papers takes ~0.3 s warm here, several under load: generous timeouts.
describe('sync plan: the quota', { timeout: 120_000 }, () => {
  it("fits a 10,000-paper library's ids, tags and status in storage.sync, and it decodes whole", () => {
    const state = library10k();
    const plan = planItems(state, NOW);
    expect(plan.left).toBe(0);
    expect(plan.bytes).toBeLessThanOrEqual(100 * 1024);
    expect(Object.keys(plan.items).length).toBeLessThanOrEqual(SYNC_QUOTA.items);
    const decoded = decodeState(fromItems(plan.items)!);
    expect(decoded.papers.size).toBe(10_000);
    for (const [id, paper] of state.papers) expect({ ...decoded.papers.get(id), title: '' }).toEqual({ ...paper, title: '' });
  });

  it('keeps whole titles when the library is small enough', () => {
    const state = library10k();
    const small = { papers: new Map([...state.papers].slice(0, 300)), tags: state.tags };
    const plan = planItems(small, NOW);
    expect(plan.titleMax).toBe(300);
    expect(decodeState(fromItems(plan.items)!).papers.get([...small.papers.keys()][0]!)!.title).toBe([...small.papers.values()][0]!.title);
  });

  it('syncs every whole note that fits, and counts the notes left on this device', () => {
    const state = library10k();
    const papers = new Map<string, SyncPaper>();
    let index = 0;
    for (const paper of state.papers.values()) {
      // Every 50th paper has a note; one of them is far too long for the room left.
      const note = index === 0 ? 'a very long made-up note '.repeat(20_000) : index % 50 === 0 ? `made-up remark ${index} on this paper` : undefined;
      papers.set(paper.id, note === undefined ? paper : { ...paper, note, noteAt: paper.saved + 4096 * 256 });
      index += 1;
    }
    const plan = planItems({ papers, tags: state.tags }, NOW);
    expect(plan.left).toBe(0);
    expect(plan.notesLeft).toBe(1);
    expect(plan.bytes).toBeLessThanOrEqual(100 * 1024);
    const decoded = decodeState(fromItems(plan.items)!);
    const withNotes = [...decoded.papers.values()].filter((paper) => paper.noteAt !== undefined);
    expect(withNotes.length).toBe(199);
    for (const paper of withNotes) expect(paper.note).toBe(papers.get(paper.id)!.note);
  });

  it('when the state does not fit, keeps the most recently changed papers and says how many are left out', () => {
    const state = library10k();
    // Titles that cannot be cut away do not exist; make the ids themselves big: long DOIs.
    const papers = new Map<string, SyncPaper>();
    let index = 0;
    for (const paper of state.papers.values()) {
      const id = `doi:10.5555/${index.toString(36)}-${Math.sin(index).toString(36).slice(3, 20)}`;
      papers.set(id, { ...paper, id, saved: paper.saved + index * 4096 * 256 });
      index += 1;
    }
    const plan = planItems({ papers, tags: state.tags }, NOW);
    expect(plan.left).toBeGreaterThan(0);
    expect(plan.bytes).toBeLessThanOrEqual(SYNC_QUOTA.bytes);
    const kept = decodeState(fromItems(plan.items)!);
    expect(kept.papers.size).toBe(papers.size - plan.left);
    // The newest papers are the ones kept.
    const newest = [...papers.values()].sort((a, b) => newestClock(b) - newestClock(a)).slice(0, kept.papers.size);
    for (const paper of newest) expect(kept.papers.has(paper.id)).toBe(true);
    expect([...kept.papers.values()].every(isSaved)).toBe(true);
  });
});
