// When hosts are built and inserted. The first screen is read, asked about and drawn first (one
// frame, with its states); the rest of the page follows in slices, one task each, none long; where
// a host can be drawn late without moving what the user sees (the site keeps room for it, or it
// is an inline star in someone else's page), far ones go in hidden and are drawn as the user
// comes near. An adapter that reads as it is pulled (readEntries) is read once, a slice per task,
// and what a getStates sends of each entry is gathered as it is read.
import type { ResponseOf } from '../shared/messages';
import { unsavedState } from '../shared/paper';
import { takeEntries } from '../sites/entry';
import type { PaperEntry, SiteAdapter } from '../sites/types';
import type { EntryIndex } from './entry-index';
import { EntryView, type ViewContext } from './entry-view';
import { NearViewport } from './near-viewport';
import type { StateSequencer } from './state-sequencer';
import type { StatesPapers } from './states-request';
import { yieldToMain } from './yield-to-main';

/** The answer to one getStates: states, (seen history on) each entry's seen/new mark, and (entries' text sent) the "for you" suggestions. */
export type StatesAnswer = ResponseOf<'getStates'>;
/**
 * One getStates for many entries (deduplicated by id). `visit`: the entries are the page's own
 * (a scan), so the request is also a visit to the listing, and its answer brings "new" marks.
 * `asked`: their getStates was sent already. `papers`: what it sends of them, gathered already
 * (from SchedulerOptions.statesPapers).
 */
export type StateFetcher = (
  entries: readonly PaperEntry[],
  options?: { visit?: boolean; asked?: Promise<StatesAnswer>; papers?: StatesPapers },
) => Promise<StatesAnswer>;

export interface SchedulerOptions {
  doc: Document;
  win: Window;
  adapter: SiteAdapter;
  /** The page's URL as the adapter should read it (changes on client-side navigation). */
  url: () => URL;
  index: EntryIndex;
  sequencer: StateSequencer;
  fetchStates: StateFetcher;
  /** Where a getStates' papers are gathered a slice at a time, for fetchStates' `papers`. */
  statesPapers: () => StatesPapers;
  view: ViewContext;
  /** Entries read and drawn first, with their own getStates: about one screen of a listing. */
  firstChunk: number;
  /** Hosts built per task after the first screen, at most (a task also ends after SLICE_MS). */
  batchSize: number;
  /** How long the first screen waits for its states before it goes in without (default 50 ms). */
  headAnswerWaitMs?: number;
}

/** Entries read and drawn first: two screens of arXiv entries on a tall display. */
export const FIRST_CHUNK = 24;
// How long the rest of a listing waits for the first screen's states (the first-screen budget).
const HEAD_ANSWER_WAIT_MS = 50;
// How long one task reads entries or builds hosts: a page of thousands goes in many short tasks,
// none near a long task (50 ms) even on a loaded machine, where everything takes three times longer.
const SLICE_MS = 6;
// Entries read per look at the clock.
const READ_STEP = 16;
function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The first screen's entries, read before the scan begins, and where the rest is read from. */
export interface FirstRead {
  /** What the adapter found for the first screen (findEntries with a limit, or its reader's first). */
  found: PaperEntry[];
  /** The adapter's reader, where it reads as it is pulled: the rest comes from here. */
  reader?: Iterator<PaperEntry, void>;
  /** The first screen's getStates (statesRequest of firstScreenOf(found)), already on its way. */
  asked?: Promise<StatesAnswer>;
}

/** The entries of a first read that make the first screen (an adapter may ignore the limit). */
export function firstScreenOf(found: readonly PaperEntry[], firstChunk = FIRST_CHUNK): PaperEntry[] {
  return found.slice(0, firstChunk);
}

/**
 * Reads the first screen of `doc`; undefined where the page is scrolled to an anchor (which
 * entries are on screen is known only once all are read). Pure: it only reads the page, so the
 * content script reads it while the settings it waits for are on their way.
 */
export function readFirstScreen(adapter: SiteAdapter, doc: Document, url: URL, firstChunk = FIRST_CHUNK): FirstRead | undefined {
  if (doc.location?.hash) return undefined;
  if (!adapter.readEntries) return { found: adapter.findEntries(doc, url, { limit: firstChunk }) };
  const reader = adapter.readEntries(doc, url);
  return { found: takeEntries(reader, firstChunk), reader };
}

/**
 * A host that can wait, hidden, until the user comes near: the site keeps room for it, so drawing
 * it moves nothing, or it is an inline star in someone else's page (the link finder), drawn a
 * screen ahead of the user, before it is seen.
 */
function drawnLate(entry: PaperEntry): boolean {
  return entry.hostSpaceReserved === true || entry.compact === true;
}

export class AnnotationScheduler {
  readonly #o: SchedulerOptions;
  // Where the site keeps room for hosts, off-screen ones are drawn only as the user comes near.
  #nearViewport: NearViewport | null = null;
  #destroyed = false;

  constructor(options: SchedulerOptions) {
    this.#o = options;
    options.index.onDrop((view) => this.#nearViewport?.remove(view));
  }

  /** Draws hosts near the viewport now (the keyboard moved to one that is not drawn yet). */
  drawNear(): void {
    this.#nearViewport?.drawNear();
  }

  /**
   * The page's first scan. The first screen is read on its own (a few ms, where the whole of a
   * 2,000-entry listing takes tens; `first` where it was read already), asked for and shown
   * first; the rest is read and annotated after, with getStates of its own.
   */
  async firstScan(first?: FirstRead): Promise<boolean> {
    const { doc, index, firstChunk } = this.#o;
    first ??= readFirstScreen(this.#o.adapter, doc, this.#o.url(), firstChunk);
    if (first?.reader) return this.#readAndAnnotate(first.found, first.reader, first.asked);
    let head: PaperEntry[];
    let rest: PaperEntry[] | undefined;
    if (!first) {
      // Scrolled to an anchor: which entries are on screen is known only once all are read.
      const all = this.#firstScreenFirst(this.#fresh(doc));
      head = all.slice(0, firstChunk);
      rest = all.slice(firstChunk);
    } else {
      const { found } = first;
      head = index.claimFresh(firstScreenOf(found, firstChunk));
      // Fewer than asked: that was all. More: the adapter ignored the limit, and that was all too.
      if (found.length !== firstChunk) rest = index.claimFresh(found.slice(firstChunk));
    }
    const headShown = this.annotate(head, { now: true, mark: 'shelfmark:first-screen', asked: first?.asked });
    // Reading the rest blocks the main thread, and the first screen's answer would wait behind it
    // (cold, the read takes tens of ms): it goes first, unless the background is slow to answer
    // (a service worker waking up).
    await Promise.race([headShown, delay(this.#o.headAnswerWaitMs ?? HEAD_ANSWER_WAIT_MS)]);
    await yieldToMain();
    if (this.#destroyed) return headShown;
    rest ??= this.#fresh(doc);
    // Reading took a task's worth (tens of ms, cold); asking about 2,000 entries takes the next.
    await yieldToMain();
    if (this.#destroyed) return headShown;
    const [headOk, restOk] = await Promise.all([headShown, this.annotate(rest)]);
    if (headOk && restOk && !this.#destroyed) performance.mark('shelfmark:all');
    return headOk && restOk;
  }

  /**
   * The first scan of an adapter that reads as it is pulled: the first screen is read, asked about
   * and drawn; meanwhile the rest is read a slice per task, what its getStates sends gathered as
   * it is read, and asked about in one request once read. One request: each getStates is also a
   * visit, which the background writes again (requests of 250 made a 2,000-entry listing slower),
   * and none of its parts is a long task: the text is read with the entries, a slice per task, and
   * the message is sent in a task of its own. Where the first screen is one-line links (compact
   * entries: it may hold more than `firstChunk`), the next two screens' worth is asked about first,
   * so that the rest of the screen follows soon.
   */
  async #readAndAnnotate(head: PaperEntry[], reader: Iterator<PaperEntry, void>, asked?: Promise<StatesAnswer>): Promise<boolean> {
    const { index, firstChunk } = this.#o;
    const annotated = [this.annotate(index.claimFresh(head), { now: true, mark: 'shelfmark:first-screen', asked })];
    let batch: PaperEntry[] = [];
    let papers = this.#o.statesPapers();
    const screenFirst = head.some((entry) => entry.compact === true);
    for (let done = false; !done; ) {
      await yieldToMain();
      if (this.#destroyed) break;
      const until = performance.now() + SLICE_MS;
      const request = screenFirst && annotated.length === 1 ? 2 * firstChunk : Infinity;
      while (!done && batch.length < request && performance.now() < until) {
        const step = Math.min(READ_STEP, request - batch.length);
        const read = takeEntries(reader, step);
        // Fewer than asked: the page is read (or its reader failed, which ends it too).
        done = read.length < step;
        const fresh = index.claimFresh(read);
        batch.push(...fresh);
        papers.add(fresh);
      }
      if (batch.length >= request || (done && batch.length > 0)) {
        // Sending (the message of thousands of entries) takes a task of its own.
        await yieldToMain();
        if (this.#destroyed) break;
        annotated.push(this.annotate(batch, { papers }));
        batch = [];
        papers = this.#o.statesPapers();
      }
    }
    const results = await Promise.all(annotated);
    const ok = results.every(Boolean);
    if (ok && !this.#destroyed) performance.mark('shelfmark:all');
    return ok;
  }

  /** Annotates the entries under `root` not annotated yet (a client-side app added them). */
  scan(root: ParentNode): Promise<boolean> {
    return this.annotate(this.#fresh(root));
  }

  /**
   * Annotates `entries` with one getStates; settles once their states are shown (false: the
   * background did not answer). `now`: the first screen, drawn in this task and inserted, with
   * its states, as soon as the answer comes: one frame draws it, not one without states and
   * another with. A slow answer (a service worker waking up) is not waited for beyond
   * HEAD_ANSWER_WAIT_MS. `asked`: their getStates was sent already (the first screen's, by
   * bootContent). Otherwise hosts go in a batch per task; where the site keeps room for
   * them they go in hidden, and those near the viewport are drawn at once, the rest on approach.
   */
  async annotate(
    entries: PaperEntry[],
    options: { now?: boolean; mark?: string; asked?: Promise<StatesAnswer> | undefined; papers?: StatesPapers } = {},
  ): Promise<boolean> {
    if (entries.length === 0) return true;
    const { index, sequencer } = this.#o;
    const sentAt = sequencer.now();
    const created: EntryView[] = [];
    let answer: StatesAnswer | undefined;
    const show = (view: EntryView) => {
      const { states, marks, forYou } = answer!;
      sequencer.show(view, states[view.id] ?? unsavedState(view.id), sentAt);
      if (marks) view.setMark(marks[view.id]);
      if (forYou) view.setSuggestion(forYou.suggestions[view.id]);
    };

    // Sent before any host is built, so the answer's round trip overlaps the building. The marks
    // around it let the bench tell the wait for the background from the page's own work (where it
    // was asked earlier, bootContent's shelfmark:settings marks when the answer was in).
    const timed = options.mark !== undefined && !options.asked;
    if (timed) performance.mark(`${options.mark}-asked`);
    const answered = this.#o.fetchStates(entries, { visit: true, ...(options.asked ? { asked: options.asked } : {}), ...(options.papers ? { papers: options.papers } : {}) }).then(
      (found) => {
        if (timed) performance.mark(`${options.mark}-answered`);
        if (this.#destroyed) return true;
        answer = found;
        for (const view of created) if (index.has(view)) show(view);
        return true;
      },
      () => false,
    );
    // Asking about a long page's entries takes a task's worth: building their hosts waits for the next.
    if (!options.now) await yieldToMain();

    // Hosts are built detached, a slice per task (the frames between have nothing to draw), then
    // inserted together: where a host can be drawn late (drawnLate) it goes in hidden, which costs
    // a style pass and no layout, and those near the viewport are drawn; elsewhere each is drawn
    // as built.
    const built: EntryView[] = [];
    for (let i = 0; i < entries.length && !this.#destroyed; ) {
      const end = options.now ? entries.length : Math.min(i + this.#o.batchSize, entries.length);
      const until = performance.now() + SLICE_MS;
      for (; i < end && (options.now || performance.now() < until); i++) {
        const entry = entries[i]!;
        // The page may have dropped the entry while we yielded.
        if (!entry.element.isConnected || !entry.anchor.isConnected) {
          index.release(entry.element);
          continue;
        }
        const view = new EntryView(entry, this.#o.view);
        index.add(view);
        created.push(view);
        built.push(view);
        if (answer) show(view);
        if (options.now || !drawnLate(entry)) view.hydrate();
      }
      if (i < entries.length) await yieldToMain();
    }
    if (options.now && !this.#destroyed) await Promise.race([answered, delay(this.#o.headAnswerWaitMs ?? HEAD_ANSWER_WAIT_MS)]);
    const late: EntryView[] = [];
    for (const view of built) {
      index.inserted(view);
      if (!index.has(view)) continue;
      if (!view.entry.element.isConnected || !view.entry.anchor.isConnected) index.drop(view);
      else {
        view.insert();
        if (!view.hydrated) late.push(view);
      }
    }
    if (late.length > 0 && !this.#destroyed) (this.#nearViewport ??= new NearViewport(this.#o.win)).add(late);
    // Finding which hosts are near reads the layout the insertion just changed: in a task of its
    // own (often after a frame that has laid the page out already). Hidden hosts show nothing
    // meanwhile.
    if (this.#nearViewport && !options.now) await yieldToMain();
    this.#nearViewport?.drawNear();
    const ok = await answered;
    if (ok && options.mark && !this.#destroyed) performance.mark(options.mark);
    return ok;
  }

  destroy(): void {
    this.#destroyed = true;
    this.#nearViewport?.disconnect();
    this.#nearViewport = null;
  }

  #fresh(root: ParentNode): PaperEntry[] {
    return this.#o.index.claimFresh(this.#o.adapter.findEntries(root, this.#o.url()));
  }

  /** First-screen entries first: at document_end the page is at its top unless it has a #target. */
  #firstScreenFirst(entries: PaperEntry[]): PaperEntry[] {
    if (entries.length <= this.#o.firstChunk) return entries;
    // Scrolled to an anchor: find the first entry below the viewport's top (one layout, ~11 reads).
    let low = 0;
    let high = entries.length - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (entries[mid]!.element.getBoundingClientRect().bottom < 0) low = mid + 1;
      else high = mid;
    }
    const start = Math.max(0, low - 2);
    return [...entries.slice(start), ...entries.slice(0, start)];
  }
}
