// The content script's controller: puts together the units that annotate a page, each with its
// own destroy() (as hypothesis's annotator does), and turns the views' clicks into requests.
//   EntryIndex      which entries have a view (by element, host, paper key)
//   AnnotationScheduler  when hosts are built, asked about (one getStates per scan) and drawn
//   StateSequencer  answers and broadcasts in order: a slower answer never undoes a newer broadcast
//   CatchUp         asks again when a hidden or frozen tab is shown
//   PageKeyboard    j/k/s/t and the current entry
//   SeenTracker     entries on screen for a second join the seen history
// Views draw; the units own state and ordering.
import type { PageRequestType, RequestOf, ResponseOf, StateChange, TagSuggestion } from '../shared/messages';
import { onPageSettingsChanged } from '../shared/settings';
import type { PaperId } from '../shared/paper';
import type { PaperEntry, SiteAdapter } from '../sites/types';
import { CatchUp } from './catch-up';
import { declaredScheme, detectScheme, watchScheme } from './color-scheme';
import { watchDom, type DomChanges } from './dom-watch';
import { EntryIndex } from './entry-index';
import type { EntryActions } from './entry-view';
import { OverlayTracker } from './overlay-tracker';
import { PageKeyboard } from './page-keyboard';
import { failureNote, withOneRetry } from './retry';
import { AnnotationScheduler, FIRST_CHUNK, type FirstRead, type StateFetcher } from './scheduler';
import { StateSequencer } from './state-sequencer';
import { SeenTracker, type SeenTrackerOptions } from './seen-tracker';
import { EntrySelection } from './selection';
import { BulkBar } from './bulk-bar';
import type { EntryView } from './entry-view';
import type { PaperMetadata } from '../shared/paper';
import { listingKey } from '../shared/listing-key';
import { createShadowStyles } from './styles';
import { statesRequest, StatesPapers } from './states-request';

export interface ContentTransport {
  /** Only the page requests: a content script cannot even name an extension-page request. */
  request<K extends PageRequestType>(type: K, payload: RequestOf<K>): Promise<ResponseOf<K>>;
  /** Delivers each validated state broadcast; returns the unsubscribe. */
  subscribe(listener: (changes: StateChange[]) => void): () => void;
}

export interface ContentOptions {
  adapter: SiteAdapter;
  transport: ContentTransport;
  document?: Document;
  window?: Window;
  /** Entries read and drawn first, with their own getStates: about one screen of a listing. */
  firstChunk?: number;
  /** The first screen, read already (bootContent reads it while the settings are on their way). */
  firstRead?: FirstRead;
  /** Hosts inserted per task after the first screen. */
  batchSize?: number;
  /** How long the first screen waits for its states (tests on a loaded machine; default 50 ms). */
  headAnswerWaitMs?: number;
  /** Seen tracking's timings and observer (tests; the defaults are the product's). */
  seen?: Pick<SeenTrackerOptions, 'dwellMs' | 'flushMs' | 'createObserver'>;
}

export interface ContentHandle {
  /** Settles when the first scan's states are shown (or could not be fetched). */
  ready: Promise<void>;
  /** Re-asks the state of every entry (what visibilitychange/pageshow do). */
  refresh(): Promise<void>;
  /** "Mark all on this page as seen". */
  markAllSeen(): Promise<void>;
  /** "Forget this page": its entries leave the seen history, and tracking stops here. */
  forgetPage(): Promise<void>;
  /** "Save all new on this page": every entry new since the last visit, in one undoable step. */
  saveAllNew(): Promise<BulkOutcome>;
  /** Undoes the last step on many entries (bulk save or tag, save all new, mark seen). */
  undoBulk(): Promise<boolean>;
  /** What the page holds: entries, saved ones, new ones since the last visit (and when that was). */
  summary(): PageSummary;
  /** Scrolls to the entry of paper `id` and opens why it is suggested (the popup's list); false when the page has no such entry. */
  showEntry(id: PaperId): boolean;
  destroy(): void;
}

export interface PageSummary {
  total: number;
  saved: number;
  /** Entries new on this listing since the last visit (seen history on). */
  new: number;
  /** When the listing was last visited before this visit; null on a first visit. */
  previousVisitAt: number | null;
}

/** What a step on many entries did, for its note and undo. */
export interface BulkOutcome {
  changed: number;
  undoable: boolean;
}

/** `<html data-shelfmark="ready">`: the first scan's states are on screen (an e2e contract). */
export const READY_ATTRIBUTE = 'data-shelfmark';
const SUGGESTION_LIMIT = 8;

/** What "Save all new on this page" saves: entries new on this listing since the last visit, not saved yet. */
const isNewUnsaved = (view: EntryView) => view.mark === 'new' && !view.saved;

export function startContent(options: ContentOptions): ContentHandle {
  const doc = options.document ?? document;
  const win = options.window ?? window;
  const { adapter, transport } = options;
  let url = new URL(win.location.href);
  let destroyed = false;
  // Each unit's destroy, run in reverse order of creation.
  const cleanups: (() => void)[] = [];

  const req = <K extends PageRequestType>(type: K, payload: RequestOf<K>) =>
    withOneRetry(() => transport.request(type, payload));
  // "For you" ranks entries by their text, which goes with the one getStates; once the background
  // says the feature is off, the text is no longer read or sent.
  let rankEntries = true;
  // Set by "forget this page": the page is no longer a visit and nothing on it is tracked.
  let forgotten = false;
  let previousVisitAt: number | null = null;
  const fetchStates: StateFetcher = (entries: readonly PaperEntry[], fetch = {}) => {
    const listing = fetch.visit && !forgotten ? listingKey(url) : undefined;
    const options = { rank: rankEntries, ...(listing !== undefined ? { listing } : {}) };
    const asked = fetch.asked ?? req('getStates', fetch.papers ? fetch.papers.request(options) : statesRequest(entries, options));
    return asked.then((answer) => {
      if (answer.forYou?.status === 'off') rankEntries = false;
      // Marks come only with the history on: then the page's entries are watched.
      if (answer.marks && !forgotten && !destroyed) seenTracker.enable();
      if (fetch.visit && answer.previousVisitAt !== undefined) previousVisitAt = answer.previousVisitAt;
      return answer;
    });
  };

  const index = new EntryIndex();
  const sequencer = new StateSequencer(index);
  const styles = createShadowStyles(doc, declaredScheme(doc) ?? 'light');
  const overlays = new OverlayTracker();
  cleanups.push(() => overlays.disconnect(), () => sequencer.destroy(), () => index.destroy());

  const actions: EntryActions = {
    toggleSave(view) {
      if (view.busy) return;
      view.busy = true;
      const sentAt = sequencer.now();
      const done = view.saved
        ? req('unsave', { id: view.state?.id ?? view.id }).then((answer) => answer.state)
        : req('save', { paper: view.entry.paper });
      done
        .then((state) => sequencer.applyAnswer(view, state, sentAt))
        .catch((error: unknown) => view.showNote(failureNote(error), 'error'))
        .finally(() => {
          view.busy = false;
        });
    },
    async addTag(view, name) {
      const sentAt = sequencer.now();
      const payload: RequestOf<'addTag'> = view.saved
        ? { id: view.state!.id, tag: name }
        : { id: view.id, tag: name, paper: view.entry.paper };
      sequencer.applyAnswer(view, await req('addTag', payload), sentAt);
    },
    removeTag(view, name) {
      const sentAt = sequencer.now();
      req('removeTag', { id: view.state?.id ?? view.id, tag: name })
        .then((state) => sequencer.applyAnswer(view, state, sentAt))
        .catch((error: unknown) => view.showNote(failureNote(error), 'error'));
    },
    openedVersion(view) {
      const badge = view.versionBadge;
      if (!badge || !view.state?.saved) return;
      const sentAt = sequencer.now();
      req('setVersionSeen', { id: view.state.id, version: badge.latest })
        .then((state) => sequencer.applyAnswer(view, state, sentAt))
        .catch(() => undefined);
    },
    select(view, range) {
      if (range) selection.extendTo(view);
      else selection.toggle(view);
    },
    async suggestTags(prefix, exclude): Promise<readonly TagSuggestion[]> {
      const answer = await req('suggestTags', { prefix, limit: SUGGESTION_LIMIT, exclude: [...exclude] });
      return answer.tags;
    },
  };

  const scheduler = new AnnotationScheduler({
    doc,
    win,
    adapter,
    url: () => url,
    index,
    sequencer,
    fetchStates,
    statesPapers: () => new StatesPapers(rankEntries),
    view: { doc, styles, overlays, actions, onHydrate: (view) => seenTracker.watch(view) },
    firstChunk: options.firstChunk ?? FIRST_CHUNK,
    batchSize: options.batchSize ?? 1000,
    ...(options.headAnswerWaitMs === undefined ? {} : { headAnswerWaitMs: options.headAnswerWaitMs }),
  });
  const catchUp = new CatchUp(doc, win, index, sequencer, fetchStates);
  const selection = new EntrySelection(index, (count) => bar.update({ selected: count }));
  // The last step on many entries, undone by the bar's Undo or `z`.
  let undoLast: (() => Promise<void>) | undefined;
  const bar = new BulkBar(doc, styles, {
    saveSelected: () => void runBulk(() => bulkSave(selection.selected())),
    tagSelected: (tag) => void runBulk(() => bulkSave(selection.selected(), tag)),
    markSelectedSeen: () => void runBulk(() => markViewsSeen(selection.selected())),
    clearSelection: () => selection.clear(),
    saveAllNew: () => void runBulk(() => bulkSave(newUnsaved())),
    undo: () => void undoBulk(),
  });
  const keyboard = new PageKeyboard({
    doc,
    index,
    toggleSave: (view) => actions.toggleSave(view),
    toggleSelect: (view) => selection.toggle(view),
    saveSelection: () => {
      if (selection.size === 0) return false;
      void runBulk(() => bulkSave(selection.selected()));
      return true;
    },
    undoBulk: () => void undoBulk(),
  });

  function newUnsaved(): EntryView[] {
    return index.inDocumentOrder().filter(isNewUnsaved);
  }

  /** How many entries "Save all new" would save (no need to put them in order to count them). */
  function countNewUnsaved(): number {
    let count = 0;
    for (const view of index.all()) if (isNewUnsaved(view)) count += 1;
    return count;
  }

  /** One bulkSave for `views` (one request, one transaction), its answer shown, its undo kept. */
  async function bulkSave(views: readonly EntryView[], tag?: string): Promise<BulkOutcome> {
    const papers = new Map<PaperId, PaperMetadata>();
    for (const view of views) if (!papers.has(view.id)) papers.set(view.id, view.entry.paper);
    if (papers.size === 0) return { changed: 0, undoable: false };
    const sentAt = sequencer.now();
    const answer = await req('bulkSave', { papers: [...papers.values()], ...(tag === undefined ? {} : { tag }) });
    for (const view of views) {
      const state = answer.states[view.id];
      if (state) sequencer.applyAnswer(view, state, sentAt);
    }
    const { undo } = answer;
    const changed = undo.unsave.length + (undo.untag?.ids.length ?? 0);
    undoLast =
      changed === 0
        ? undefined
        : async () => {
            const at = sequencer.now();
            const undone = await req('undoBulk', undo);
            for (const view of views) {
              const state = undone.states[view.state?.id ?? view.id] ?? undone.states[view.id];
              if (state) sequencer.applyAnswer(view, state, at);
            }
          };
    return { changed, undoable: changed > 0 };
  }

  /** Marks `views` seen in one markSeen; the undo forgets only the ids this step added. */
  async function markViewsSeen(views: readonly EntryView[]): Promise<BulkOutcome> {
    const before = new Map(views.map((view) => [view, view.mark] as const));
    const { added } = await req('markSeen', { ids: [...new Set(views.map((view) => view.id))] });
    for (const view of views) view.setMark('seen');
    undoLast =
      added.length === 0
        ? undefined
        : async () => {
            await req('forgetSeen', { ids: added });
            for (const [view, mark] of before) view.setMark(mark);
          };
    return { changed: added.length, undoable: added.length > 0 };
  }

  async function runBulk(step: () => Promise<BulkOutcome>): Promise<BulkOutcome> {
    try {
      const outcome = await step();
      selection.clear();
      bar.update({ newUnsaved: countNewUnsaved(), note: { text: `Done: ${outcome.changed} changed.`, undo: outcome.undoable } });
      reportSummary();
      return outcome;
    } catch (error) {
      bar.update({ note: { text: failureNote(error), undo: false, error: true } });
      return { changed: 0, undoable: false };
    }
  }

  async function undoBulk(): Promise<boolean> {
    const undo = undoLast;
    if (!undo) return false;
    undoLast = undefined;
    try {
      await undo();
      bar.update({ newUnsaved: countNewUnsaved(), note: { text: 'Undone.', undo: false } });
      reportSummary();
      return true;
    } catch (error) {
      bar.update({ note: { text: failureNote(error), undo: false, error: true } });
      return false;
    }
  }

  function summary(): PageSummary {
    let saved = 0;
    let fresh = 0;
    const ids = new Set<PaperId>();
    for (const view of index.all()) {
      if (ids.has(view.id)) continue;
      ids.add(view.id);
      if (view.saved) saved += 1;
      if (view.mark === 'new') fresh += 1;
    }
    return { total: ids.size, saved, new: fresh, previousVisitAt };
  }

  // The toolbar badge (how many of this tab's entries are saved) is the background's to draw.
  let reportTimer: ReturnType<typeof setTimeout> | undefined;
  function reportSummary() {
    clearTimeout(reportTimer);
    reportTimer = setTimeout(() => {
      if (destroyed) return;
      bar.update({ newUnsaved: countNewUnsaved() });
      void req('reportPage', summary()).catch(() => undefined);
    }, 200);
  }
  const seenTracker = new SeenTracker({ doc, win, index, report: (ids) => req('markSeen', { ids }), ...options.seen });
  cleanups.push(
    () => clearTimeout(reportTimer),
    () => bar.destroy(),
    () => selection.destroy(),
    () => seenTracker.destroy(),
    () => scheduler.destroy(),
    () => catchUp.destroy(),
    () => keyboard.destroy(),
  );

  // Client-side apps replace entries and navigate without a page load.
  function onDomChanges(changes: DomChanges) {
    if (destroyed) return;
    if (changes.removed || changes.urlChanged) {
      for (const view of index.all()) {
        if (!view.entry.element.isConnected) index.drop(view);
        else if (!view.host.isConnected && !index.isAwaitingInsert(view)) {
          const parent = view.entry.element.parentElement;
          index.drop(view);
          if (parent) changes.roots.push(parent);
        }
      }
    }
    const scans: Promise<boolean>[] = [];
    if (changes.urlChanged) {
      url = new URL(win.location.href);
      scans.push(scheduler.scan(doc));
    } else {
      for (const root of changes.roots) if (root.isConnected) scans.push(scheduler.scan(root));
    }
    void Promise.all(scans).then(followScheme);
  }

  // Turned off in settings: the page's marks go at once; turned on: the page is asked about again.
  cleanups.push(
    onPageSettingsChanged(({ forYou }) => {
      if (destroyed || forYou.enabled === rankEntries) return;
      rankEntries = forYou.enabled;
      if (!forYou.enabled) for (const view of index.all()) view.setSuggestion(undefined);
      else void catchUp.refresh();
    }),
  );
  cleanups.push(
    transport.subscribe((changes: StateChange[]) => {
      sequencer.applyBroadcast(changes);
      reportSummary();
    }),
  );
  const html = doc.documentElement;
  // Reading computed styles costs a style recalculation: only once entries are shown, and not at
  // all on a page with none (a client-side app's later entries follow it, see onDomChanges).
  let followingScheme = false;
  function followScheme() {
    if (followingScheme || destroyed || index.size === 0) return;
    followingScheme = true;
    styles.setScheme(detectScheme(doc, win));
    cleanups.push(watchScheme(doc, win, () => styles.setScheme(detectScheme(doc, win))));
  }
  const ready = scheduler.firstScan(options.firstRead).then((ok) => {
    if (destroyed) return;
    html.setAttribute(READY_ATTRIBUTE, ok ? 'ready' : 'unavailable');
    reportSummary();
    followScheme();
  });
  if (adapter.dynamic) cleanups.push(watchDom(doc, win, onDomChanges));

  return {
    ready,
    refresh: () => catchUp.refresh(),
    async markAllSeen() {
      const views = index.all();
      await req('markSeen', { ids: [...new Set(views.map((view) => view.id))] });
      for (const view of views) view.setMark('seen');
    },
    saveAllNew: () => runBulk(() => bulkSave(newUnsaved())),
    undoBulk,
    summary,
    showEntry(id) {
      const view = index.viewsFor(id).find((candidate) => candidate.host.isConnected);
      if (!view) return false;
      keyboard.showSuggestion(view, 'center');
      return true;
    },
    async forgetPage() {
      forgotten = true;
      seenTracker.destroy();
      const views = index.all();
      await req('forgetSeen', { ids: [...new Set(views.map((view) => view.id))], listing: listingKey(url) });
      for (const view of views) view.setMark(undefined);
    },
    destroy() {
      if (destroyed) return;
      destroyed = true;
      for (const cleanup of cleanups.splice(0).reverse()) cleanup();
      html.removeAttribute(READY_ATTRIBUTE);
    },
  };
}
