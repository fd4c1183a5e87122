// The sync state as a few storage.sync items. Browser sync storage holds 102,400 bytes in all
// (8,192 per item, 512 items): 10,000 papers' ids, tags and status must fit in that, so the state
// is written column by column (ids, flags, clock seconds, clock low bits, tags, …), each column
// in the order that makes neighbours alike, then deflated (fflate) and written as base 85 text:
// - arXiv ids (YYMM.NNNNN) as numbers, ascending, each as its difference from the one before;
//   other ids sorted and front-coded (the length shared with the previous id, then the rest);
// - tags as indexes into one dictionary of tag keys (with their names and colours);
// - clocks as the difference in seconds from a clock nearby (the paper's save clock from the
//   previous paper's, a tag's add clock from its paper's save clock, usually 0), their counter
//   and node bytes in a column of their own (mostly one repeated pair: deflate's best case);
// - titles next to last, cut to `titleMax` characters (0: none), as many as the quota leaves room for;
// - notes last, each whole or not at all: those of at most `noteMax` characters (0: none).
// The text is cut into chunks of one item each, each chunk tagged with a hash of the whole, so a
// device assembles only a complete set written by one device.
import { deflateSync, inflateSync } from 'fflate';
import { READING_STATUSES, type ReadingStatus } from '../shared/paper';
import { ByteReader, ByteWriter, fromBase85, toBase85 } from './bytes';
import { packHlc, unpackHlc, ZERO, type Hlc } from './hlc';
import type { SyncPaper, SyncState, SyncTag, TagClocks } from './record';

/** 2 added the notes column; 1 (no notes) still decodes. */
const FORMAT = 2;
const FORMATS_READ = new Set([1, FORMAT]);
const ARXIV_NEW = /^arxiv:(\d{4})\.(\d{4,5})$/u;

/** `arxiv:YYMM.NNNNN` as one number, when the id has exactly the digits its month implies. */
export function packArxivId(id: string): number | undefined {
  const match = ARXIV_NEW.exec(id);
  if (!match) return undefined;
  const month = Number(match[1]);
  const digits = month < 1501 ? 4 : 5;
  if (match[2]!.length !== digits) return undefined;
  return month * 100_000 + Number(match[2]);
}

export function unpackArxivId(packed: number): string {
  const month = Math.floor(packed / 100_000);
  const number = packed % 100_000;
  return `arxiv:${String(month).padStart(4, '0')}.${String(number).padStart(month < 1501 ? 4 : 5, '0')}`;
}

/** Columns, written side by side and concatenated at the end. */
class Columns {
  readonly ids = new ByteWriter();
  readonly flags = new ByteWriter();
  readonly seconds = new ByteWriter();
  readonly low = new ByteWriter();
  readonly tags = new ByteWriter();
  readonly extra = new ByteWriter();

  clock(clock: Hlc, base: Hlc): void {
    const parts = unpackHlc(clock);
    this.seconds.int(parts.seconds - unpackHlc(base).seconds);
    this.low.uint(parts.counter);
    this.low.byte(parts.node);
  }

  all(): ByteWriter[] {
    return [this.ids, this.flags, this.seconds, this.low, this.tags, this.extra];
  }
}

class ColumnReader {
  readonly ids: ByteReader;
  readonly flags: ByteReader;
  readonly seconds: ByteReader;
  readonly low: ByteReader;
  readonly tags: ByteReader;
  readonly extra: ByteReader;

  constructor(data: Uint8Array) {
    const outer = new ByteReader(data);
    const next = () => new ByteReader(outer.bytes(outer.uint()));
    this.ids = next();
    this.flags = next();
    this.seconds = next();
    this.low = next();
    this.tags = next();
    this.extra = next();
  }

  clock(base: Hlc): Hlc {
    const seconds = unpackHlc(base).seconds + this.seconds.int();
    const counter = this.low.uint();
    return packHlc({ seconds, counter, node: this.low.byte() });
  }
}

const F_STATUS = 0b11;
const F_STATUS_CLOCK = 1 << 2;
const F_REMOVED = 1 << 3;
const F_ALIASES = 1 << 4;
const F_TITLE = 1 << 5;
const F_SAVED_AT = 1 << 6;
const F_NOTE = 1 << 7;

// A tag's removal clock, in the two low bits of its dictionary index.
const R_NONE = 0;
const R_SAME = 1;
const R_OTHER = 2;

function cutTitle(title: string, max: number): string {
  if (max <= 0 || title === '') return '';
  const chars = Array.from(title);
  return chars.length <= max ? title : chars.slice(0, max).join('');
}

/** Papers in storage order: packable arXiv ids ascending, then every other id sorted. */
function storageOrder(papers: Iterable<SyncPaper>): { arxiv: [number, SyncPaper][]; other: SyncPaper[] } {
  const arxiv: [number, SyncPaper][] = [];
  const other: SyncPaper[] = [];
  for (const paper of papers) {
    const packed = packArxivId(paper.id);
    if (packed === undefined) other.push(paper);
    else arxiv.push([packed, paper]);
  }
  arxiv.sort((a, b) => a[0] - b[0]);
  other.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { arxiv, other };
}

/** Whether the paper's note goes into an encoding that keeps notes of up to `noteMax` characters. */
export function noteFits(paper: SyncPaper, noteMax: number): boolean {
  return paper.noteAt !== undefined && (paper.note ?? '').length <= noteMax;
}

/** The state as deflated bytes. Deterministic: one state, one encoding, on every device. */
export function encodeState(state: SyncState, titleMax: number, noteMax = 0): Uint8Array {
  const columns = new Columns();
  const tagKeys = [...state.tags.keys()];
  for (const paper of state.papers.values()) for (const key of Object.keys(paper.tags)) if (!state.tags.has(key)) tagKeys.push(key);
  const dictionary = [...new Set(tagKeys)].sort();
  const tagIndex = new Map(dictionary.map((key, index) => [key, index]));

  const head = columns.extra;
  head.uint(dictionary.length);
  let previousTagClock = ZERO;
  for (const key of dictionary) {
    const tag = state.tags.get(key);
    head.string(key);
    // No record: a tag some paper carries but whose name and colour this device never heard of.
    head.byte(tag ? 1 : 0);
    if (!tag) continue;
    head.string(tag.name === key ? '' : tag.name);
    head.string(tag.color);
    columns.clock(tag.at, previousTagClock);
    previousTagClock = tag.at;
  }

  const { arxiv, other } = storageOrder(state.papers.values());
  columns.ids.uint(arxiv.length);
  let previousId = 0;
  for (const [packed] of arxiv) {
    columns.ids.uint(packed - previousId);
    previousId = packed;
  }
  columns.ids.uint(other.length);
  let previousText = '';
  for (const paper of other) {
    let shared = 0;
    while (shared < previousText.length && shared < paper.id.length && previousText[shared] === paper.id[shared]) shared += 1;
    columns.ids.uint(shared);
    columns.ids.string(paper.id.slice(shared));
    previousText = paper.id;
  }

  let previousSaved = ZERO;
  const titles = new ByteWriter();
  const notes = new ByteWriter();
  for (const paper of [...arxiv.map(([, p]) => p), ...other]) {
    const title = cutTitle(paper.title, titleMax);
    const savedAtSeconds = Math.floor(paper.savedAt / 1000);
    const savedAtDelta = savedAtSeconds - unpackHlc(paper.saved).seconds;
    let flags = READING_STATUSES.indexOf(paper.status);
    if (paper.statusAt !== paper.saved) flags |= F_STATUS_CLOCK;
    if (paper.removed !== ZERO) flags |= F_REMOVED;
    if (paper.aliases.length > 0) flags |= F_ALIASES;
    if (title !== '') flags |= F_TITLE;
    if (savedAtDelta !== 0) flags |= F_SAVED_AT;
    if (noteFits(paper, noteMax)) flags |= F_NOTE;
    columns.flags.byte(flags);

    columns.clock(paper.saved, previousSaved);
    previousSaved = paper.saved;
    if (flags & F_STATUS_CLOCK) columns.clock(paper.statusAt, paper.saved);
    if (flags & F_REMOVED) columns.clock(paper.removed, paper.saved);
    if (flags & F_SAVED_AT) columns.seconds.int(savedAtDelta);
    if (flags & F_NOTE) {
      columns.clock(paper.noteAt!, paper.saved);
      notes.string(paper.note ?? '');
    }

    const tagEntries = Object.entries(paper.tags).sort((a, b) => tagIndex.get(a[0])! - tagIndex.get(b[0])!);
    columns.tags.uint(tagEntries.length);
    let previousIndex = 0;
    for (const [key, clocks] of tagEntries) {
      const index = tagIndex.get(key)!;
      const removal = clocks.r === ZERO ? R_NONE : clocks.r === clocks.a ? R_SAME : R_OTHER;
      columns.tags.uint((index - previousIndex) * 4 + removal);
      previousIndex = index;
      columns.clock(clocks.a, paper.saved);
      if (removal === R_OTHER) columns.clock(clocks.r, clocks.a);
    }
    if (flags & F_ALIASES) {
      columns.extra.uint(paper.aliases.length);
      for (const alias of paper.aliases) columns.extra.string(alias);
    }
    if (flags & F_TITLE) titles.string(title);
  }

  const out = new ByteWriter();
  out.byte(FORMAT);
  for (const column of [...columns.all(), titles, notes]) {
    const bytes = column.finish();
    out.uint(bytes.length);
    out.bytes(bytes);
  }
  return deflateSync(out.finish(), { level: 9, mem: 8 });
}

/** The state back from `encodeState`'s bytes; throws on anything malformed. */
export function decodeState(deflated: Uint8Array): SyncState {
  const raw = inflateSync(deflated);
  const format = raw[0]!;
  if (!FORMATS_READ.has(format)) throw new RangeError(`Sync data of an unknown format (${format}): update Shelfmark on this device`);
  const columns = new ColumnReader(raw.subarray(1));
  const tail = new ByteReader(raw.subarray(1));
  for (let i = 0; i < 6; i += 1) tail.bytes(tail.uint());
  const titles = new ByteReader(tail.bytes(tail.uint()));
  const notes = new ByteReader(format >= 2 ? tail.bytes(tail.uint()) : new Uint8Array(0));

  const tags = new Map<string, SyncTag>();
  const head = columns.extra;
  const dictionary: string[] = [];
  let previousTagClock = ZERO;
  for (let count = head.uint(); count > 0; count -= 1) {
    const key = head.string();
    dictionary.push(key);
    if (head.byte() === 0) continue;
    const name = head.string() || key;
    const color = head.string();
    const at = columns.clock(previousTagClock);
    previousTagClock = at;
    tags.set(key, { key, name, color, at });
  }

  const ids: string[] = [];
  let previousId = 0;
  for (let count = columns.ids.uint(); count > 0; count -= 1) {
    previousId += columns.ids.uint();
    ids.push(unpackArxivId(previousId));
  }
  let previousText = '';
  for (let count = columns.ids.uint(); count > 0; count -= 1) {
    const shared = columns.ids.uint();
    previousText = previousText.slice(0, shared) + columns.ids.string();
    ids.push(previousText);
  }

  const papers = new Map<string, SyncPaper>();
  let previousSaved = ZERO;
  for (const id of ids) {
    const flags = columns.flags.byte();
    const saved = columns.clock(previousSaved);
    previousSaved = saved;
    const statusAt = flags & F_STATUS_CLOCK ? columns.clock(saved) : saved;
    const removed = flags & F_REMOVED ? columns.clock(saved) : ZERO;
    const savedAtDelta = flags & F_SAVED_AT ? columns.seconds.int() : 0;
    const note = flags & F_NOTE ? { noteAt: columns.clock(saved), note: notes.string() } : {};
    const paperTags: Record<string, TagClocks> = {};
    let index = 0;
    for (let count = columns.tags.uint(); count > 0; count -= 1) {
      const code = columns.tags.uint();
      index += Math.floor(code / 4);
      const removal = code % 4;
      const key = dictionary[index];
      if (key === undefined) throw new RangeError('Sync data names a tag it does not hold');
      const a = columns.clock(saved);
      const r = removal === R_NONE ? ZERO : removal === R_SAME ? a : columns.clock(a);
      paperTags[key] = { a, r };
    }
    const aliases: string[] = [];
    if (flags & F_ALIASES) for (let count = columns.extra.uint(); count > 0; count -= 1) aliases.push(columns.extra.string());
    const status: ReadingStatus | undefined = READING_STATUSES[flags & F_STATUS];
    if (!status) throw new RangeError('Sync data holds an unknown status');
    papers.set(id, {
      id,
      aliases,
      title: flags & F_TITLE ? titles.string() : '',
      savedAt: (unpackHlc(saved).seconds + savedAtDelta) * 1000,
      saved,
      removed,
      status,
      statusAt,
      ...note,
      tags: paperTags,
    });
  }
  return { papers, tags };
}

// ---- Items ------------------------------------------------------------------------------------

/** Browser sync storage limits (Chrome's; Firefox's are the same or looser). */
export const SYNC_QUOTA = {
  bytes: 102_400,
  bytesPerItem: 8_192,
  items: 512,
  writesPerMinute: 120,
  writesPerHour: 1_800,
} as const;

export const CHUNK_PREFIX = 'c';
/** Characters of data per chunk: the item's key, quotes and header fit in the rest of 8,192. */
const CHUNK_DATA = 8_100;

function hashText(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36);
}

/** The bytes as storage.sync items `c0`, `c1`, …: "<hash>.<count>.<data>" each. */
export function toItems(deflated: Uint8Array): Record<string, string> {
  const text = toBase85(deflated);
  const hash = hashText(text);
  const count = Math.max(1, Math.ceil(text.length / CHUNK_DATA));
  const items: Record<string, string> = {};
  for (let i = 0; i < count; i += 1) items[`${CHUNK_PREFIX}${i}`] = `${hash}.${count}.${text.slice(i * CHUNK_DATA, (i + 1) * CHUNK_DATA)}`;
  return items;
}

export function isChunkKey(key: string): boolean {
  return /^c\d+$/u.test(key);
}

/**
 * The bytes back from items, or null while the set is incomplete or mixed (chunks of two
 * devices' writes, one arrived before the other): the caller waits for the next change.
 */
export function fromItems(items: Record<string, unknown>): Uint8Array | null {
  const first = items[`${CHUNK_PREFIX}0`];
  if (typeof first !== 'string') return null;
  const [hash, countText] = first.split('.', 2);
  const count = Number(countText);
  if (!hash || !Number.isInteger(count) || count < 1 || count > SYNC_QUOTA.items) return null;
  const parts: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const item = items[`${CHUNK_PREFIX}${i}`];
    const header = `${hash}.${count}.`;
    if (typeof item !== 'string' || !item.startsWith(header)) return null;
    parts.push(item.slice(header.length));
  }
  const text = parts.join('');
  if (hashText(text) !== hash) return null;
  return fromBase85(text);
}

/** Bytes the items take against the quota: each key plus its value as JSON (as Chrome counts). */
export function itemBytes(items: Record<string, unknown>): number {
  let total = 0;
  for (const [key, value] of Object.entries(items)) total += key.length + new TextEncoder().encode(JSON.stringify(value)).length;
  return total;
}
