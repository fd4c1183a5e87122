// The content script's controller: puts together the units that annotate a page, each with its
// own destroy() (as hypothesis's annotator does), and turns the views' clicks into requests.
//   EntryIndex      which entries have a view (by element, host, paper key)
//   AnnotationScheduler  when hosts are built, asked about (one getStates per scan) and drawn
//   StateSequencer  answers and broadcasts in order: a slower answer never undoes a newer broadcast
//   CatchUp         asks again when a hidden or frozen tab is shown
//   PageKeyboard    j/k/s/t and the current entry
// Views draw; the units own state and ordering.
import type { PageRequestType, RequestOf, ResponseOf, StateChange, TagSuggestion } from '../shared/messages';
import type { PaperId } from '../shared/paper';
import type { PaperEntry, SiteAdapter } from '../sites/types';
import { CatchUp } from './catch-up';
import { declaredScheme, detectScheme, watchScheme } from './color-scheme';
import { watchDom, type DomChanges } from './dom-watch';
import { EntryIndex } from './entry-index';
import type { EntryActions } from './entry-view';
import { OverlayTracker } from './overlay-tracker';
import { PageKeyboard } from './page-keyboard';
import { withOneRetry } from './retry';
import { Refused } from '../shared/refused';
import { AnnotationScheduler, type StateFetcher } from './scheduler';
import { StateSequencer } from './state-sequencer';
import { createShadowStyles } from './styles';

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
  /** Hosts inserted per task after the first screen. */
  batchSize?: number;
}

export interface ContentHandle {
  /** Settles when the first scan's states are shown (or could not be fetched). */
  ready: Promise<void>;
  /** Re-asks the state of every entry (what visibilitychange/pageshow do). */
  refresh(): Promise<void>;
  destroy(): void;
}

/** `<html data-shelfmark="ready">`: the first scan's states are on screen (an e2e contract). */
export const READY_ATTRIBUTE = 'data-shelfmark';
const SUGGESTION_LIMIT = 8;

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
  const fetchStates: StateFetcher = (entries: readonly PaperEntry[]) => {
    const papers = new Map<PaperId, { id: PaperId; aliases: PaperId[] }>();
    for (const { id, aliases } of entries) if (!papers.has(id)) papers.set(id, { id, aliases: [...aliases] });
    return req('getStates', { papers: [...papers.values()] }).then((answer) => answer.states);
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
    view: { doc, styles, overlays, actions },
    // Two screens of arXiv entries on a tall display; everything past them is drawn on approach.
    firstChunk: options.firstChunk ?? 24,
    batchSize: options.batchSize ?? 1000,
  });
  const catchUp = new CatchUp(doc, win, index, sequencer, fetchStates);
  const keyboard = new PageKeyboard({ doc, index, toggleSave: (view) => actions.toggleSave(view) });
  cleanups.push(
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
    if (changes.urlChanged) {
      url = new URL(win.location.href);
      void scheduler.scan(doc);
      return;
    }
    for (const root of changes.roots) if (root.isConnected) void scheduler.scan(root);
  }

  cleanups.push(transport.subscribe((changes: StateChange[]) => sequencer.applyBroadcast(changes)));
  const html = doc.documentElement;
  const ready = scheduler.firstScan().then((ok) => {
    if (destroyed) return;
    html.setAttribute(READY_ATTRIBUTE, ok ? 'ready' : 'unavailable');
    // Reading computed styles costs a style recalculation: only once the entries are shown.
    styles.setScheme(detectScheme(doc, win));
    cleanups.push(watchScheme(doc, win, () => styles.setScheme(detectScheme(doc, win))));
  });
  if (adapter.dynamic) cleanups.push(watchDom(doc, win, onDomChanges));

  return {
    ready,
    refresh: () => catchUp.refresh(),
    destroy() {
      if (destroyed) return;
      destroyed = true;
      for (const cleanup of cleanups.splice(0).reverse()) cleanup();
      html.removeAttribute(READY_ATTRIBUTE);
    },
  };
}

/** A refusal says why (a full disk, a rule); anything else is a background that did not answer. */
function failureNote(error: unknown): string {
  return error instanceof Refused ? error.message : 'Shelfmark did not answer. Try again.';
}
