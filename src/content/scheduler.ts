// When hosts are built and inserted. The first screen is read, asked about and drawn first (one
// frame, with its states); the rest of the page follows in batches, one task each; where the site
// keeps room for hosts, far ones go in hidden and are drawn as the user comes near.
import type { ResponseOf } from '../shared/messages';
import { unsavedState } from '../shared/paper';
import type { PaperEntry, SiteAdapter } from '../sites/types';
import type { EntryIndex } from './entry-index';
import { EntryView, type ViewContext } from './entry-view';
import { NearViewport } from './near-viewport';
import type { StateSequencer } from './state-sequencer';
import { yieldToMain } from './yield-to-main';

/** The answer to one getStates: states, and (seen history on) each entry's seen/new mark. */
export type StatesAnswer = ResponseOf<'getStates'>;
/**
 * One getStates for many entries (deduplicated by id). `visit`: the entries are the page's own
 * (a scan), so the request is also a visit to the listing, and its answer brings "new" marks.
 */
export type StateFetcher = (entries: readonly PaperEntry[], options?: { visit?: boolean }) => Promise<StatesAnswer>;

export interface SchedulerOptions {
  doc: Document;
  win: Window;
  adapter: SiteAdapter;
  /** The page's URL as the adapter should read it (changes on client-side navigation). */
  url: () => URL;
  index: EntryIndex;
  sequencer: StateSequencer;
  fetchStates: StateFetcher;
  view: ViewContext;
  /** Entries read and drawn first, with their own getStates: about one screen of a listing. */
  firstChunk: number;
  /** Hosts inserted per task after the first screen. */
  batchSize: number;
  /** How long the first screen waits for its states before it goes in without (default 50 ms). */
  headAnswerWaitMs?: number;
}

// How long the rest of a listing waits for the first screen's states (the first-screen budget).
const HEAD_ANSWER_WAIT_MS = 50;
function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
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
   * 2,000-entry listing takes tens), asked for and shown first; the rest is read and annotated
   * after, with a getStates of its own.
   */
  async firstScan(): Promise<boolean> {
    const { doc, win, adapter, index, firstChunk } = this.#o;
    let head: PaperEntry[];
    let rest: PaperEntry[] | undefined;
    if (win.location.hash) {
      // Scrolled to an anchor: which entries are on screen is known only once all are read.
      const all = this.#firstScreenFirst(this.#fresh(doc));
      head = all.slice(0, firstChunk);
      rest = all.slice(firstChunk);
    } else {
      const found = adapter.findEntries(doc, this.#o.url(), { limit: firstChunk });
      head = index.claimFresh(found.slice(0, firstChunk));
      // Fewer than asked: that was all. More: the adapter ignored the limit, and that was all too.
      if (found.length !== firstChunk) rest = index.claimFresh(found.slice(firstChunk));
    }
    const headShown = this.annotate(head, { now: true, mark: 'shelfmark:first-screen' });
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

  /** Annotates the entries under `root` not annotated yet (a client-side app added them). */
  scan(root: ParentNode): Promise<boolean> {
    return this.annotate(this.#fresh(root));
  }

  /**
   * Annotates `entries` with one getStates; settles once their states are shown (false: the
   * background did not answer). `now`: the first screen, drawn in this task and inserted, with
   * its states, as soon as the answer comes: one frame draws it, not one without states and
   * another with. A slow answer (a service worker waking up) is not waited for beyond
   * HEAD_ANSWER_WAIT_MS. Otherwise hosts go in a batch per task; where the site keeps room for
   * them they go in hidden, and those near the viewport are drawn at once, the rest on approach.
   */
  async annotate(entries: PaperEntry[], options: { now?: boolean; mark?: string } = {}): Promise<boolean> {
    if (entries.length === 0) return true;
    const { index, sequencer } = this.#o;
    const sentAt = sequencer.now();
    const created: EntryView[] = [];
    let answer: StatesAnswer | undefined;
    const show = (view: EntryView) => {
      const { states, marks } = answer!;
      sequencer.show(view, states[view.id] ?? unsavedState(view.id), sentAt);
      if (marks) view.setMark(marks[view.id]);
    };

    // Sent before any host is built, so the answer's round trip overlaps the building.
    const answered = this.#o.fetchStates(entries, { visit: true }).then(
      (found) => {
        if (this.#destroyed) return true;
        answer = found;
        for (const view of created) if (index.has(view)) show(view);
        return true;
      },
      () => false,
    );
    // Asking about a long page's entries takes a task's worth: building their hosts waits for the next.
    if (!options.now) await yieldToMain();

    // Hosts are built detached, a batch per task (the frames between have nothing to draw), then
    // inserted together: where the site keeps room for them they go in hidden, which costs a style
    // pass and no layout, and those near the viewport are drawn; elsewhere each is drawn as built.
    const batch = options.now ? entries.length : this.#o.batchSize;
    const built: EntryView[] = [];
    for (let start = 0; start < entries.length && !this.#destroyed; ) {
      const end = Math.min(start + batch, entries.length);
      for (let i = start; i < end; i++) {
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
        if (options.now || !entry.hostSpaceReserved) view.hydrate();
      }
      start = end;
      if (start < entries.length) await yieldToMain();
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
