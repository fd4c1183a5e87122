// The content script's controller: finds the page's entries, asks the background for their
// states in one message per scan (two for a page's first: its first screen, then the rest),
// inserts one host per entry (first screen first, the rest in batches; where the site keeps room
// for hosts, off-screen ones are drawn on approach), turns clicks and keys into requests, and
// keeps every entry in step with the background's broadcasts. Views draw; this owns state and
// ordering.
import type { PageRequestType, RequestOf, ResponseOf, StateChange, TagSuggestion } from '../shared/messages';
import { unsavedState, type PaperId, type PaperState } from '../shared/paper';
import type { PaperEntry, SiteAdapter } from '../sites/types';
import { declaredScheme, detectScheme, watchScheme } from './color-scheme';
import { watchDom, type DomChanges } from './dom-watch';
import { EntryView, HOST_TAG, type EntryActions } from './entry-view';
import { NearViewport } from './near-viewport';
import { OverlayTracker } from './overlay-tracker';
import { pageKeyAction } from './page-keys';
import { withOneRetry } from './retry';
import { isTrustedEvent } from './trusted-event';
import { createShadowStyles } from './styles';
import { yieldToMain } from './yield-to-main';

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
// Broadcast states remembered so that a slower getStates answer cannot overwrite them.
const RECENT_LIMIT = 4000;
// How long the rest of a listing waits for the first screen's states (the first-screen budget).
const HEAD_ANSWER_WAIT_MS = 50;
function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function startContent(options: ContentOptions): ContentHandle {
  const doc = options.document ?? document;
  const win = options.window ?? window;
  const { adapter, transport } = options;
  // Two screens of arXiv entries on a tall display; everything past them is drawn on approach.
  const firstChunk = options.firstChunk ?? 24;
  const batchSize = options.batchSize ?? 1000;

  let url = new URL(win.location.href);
  let destroyed = false;
  // Every broadcast bumps `seq`; an answer to a request sent at seq N must not undo what a
  // broadcast numbered above N showed (answers and broadcasts travel on different channels).
  let seq = 0;
  const recent = new Map<PaperId, { seq: number; state: PaperState }>();

  const views = new Set<EntryView>();
  // Arrays, not Sets: a listing indexes thousands of keys, nearly all with one view.
  const viewsByKey = new Map<PaperId, EntryView[]>();
  const viewByElement = new WeakMap<Element, EntryView>();
  const viewByHost = new WeakMap<Element, EntryView>();
  // Entries being annotated or annotated: one entry never gets two hosts.
  const claimed = new WeakSet<Element>();
  // Built but not inserted yet (the first screen waits for its states): not lost, just not in yet.
  const awaitingInsert = new WeakSet<EntryView>();
  let ordered: EntryView[] | null = null;
  let current: EntryView | undefined;

  const styles = createShadowStyles(doc, declaredScheme(doc) ?? 'light');
  const overlays = new OverlayTracker();
  // Where the site keeps room for hosts, off-screen ones are drawn only as the user comes near.
  let nearViewport: NearViewport | null = null;
  const cleanups: (() => void)[] = [];

  const req = <K extends PageRequestType>(type: K, payload: RequestOf<K>) =>
    withOneRetry(() => transport.request(type, payload));

  const actions: EntryActions = {
    toggleSave(view) {
      if (view.busy) return;
      view.busy = true;
      const sentAt = seq;
      const wasSaved = view.saved;
      const done = wasSaved
        ? req('unsave', { id: view.state?.id ?? view.id }).then((answer) => answer.state)
        : req('save', { paper: view.entry.paper });
      done
        .then((state) => applyAnswer(view, state, sentAt))
        .catch(() => view.showNote('Shelfmark did not answer. Try again.', 'error'))
        .finally(() => {
          view.busy = false;
        });
    },
    async addTag(view, name) {
      const sentAt = seq;
      const payload: RequestOf<'addTag'> = view.saved
        ? { id: view.state!.id, tag: name }
        : { id: view.id, tag: name, paper: view.entry.paper };
      applyAnswer(view, await req('addTag', payload), sentAt);
    },
    removeTag(view, name) {
      const sentAt = seq;
      req('removeTag', { id: view.state?.id ?? view.id, tag: name })
        .then((state) => applyAnswer(view, state, sentAt))
        .catch(() => view.showNote('Shelfmark did not answer. Try again.', 'error'));
    },
    async suggestTags(prefix, exclude): Promise<readonly TagSuggestion[]> {
      const answer = await req('suggestTags', { prefix, limit: SUGGESTION_LIMIT, exclude: [...exclude] });
      return answer.tags;
    },
  };
  const context = { doc, styles, overlays, actions };

  // --- state ----------------------------------------------------------------------------------

  function newestBroadcast(view: EntryView) {
    let best: { seq: number; state: PaperState } | undefined;
    for (const key of view.keys()) {
      const seen = recent.get(key);
      if (seen && (!best || seen.seq > best.seq)) best = seen;
    }
    return best;
  }

  /** Shows `state` (answered to a request sent at `sentAt`) unless a later broadcast says otherwise. */
  function show(view: EntryView, state: PaperState, sentAt: number) {
    const newer = newestBroadcast(view);
    view.setState(newer && newer.seq > sentAt ? newer.state : state);
  }

  /** An action's answer: for the acting entry and every other copy of the same paper. */
  function applyAnswer(view: EntryView, state: PaperState, sentAt: number) {
    const targets = new Set<EntryView>([view]);
    for (const key of [view.id, state.id]) for (const other of viewsByKey.get(key) ?? []) targets.add(other);
    for (const target of targets) show(target, state, sentAt);
  }

  function onBroadcast(changes: StateChange[]) {
    if (destroyed) return;
    for (const change of changes) {
      seq += 1;
      const targets = new Set<EntryView>();
      for (const key of change.keys) {
        recent.delete(key);
        recent.set(key, { seq, state: change.state as PaperState });
        for (const view of viewsByKey.get(key) ?? []) targets.add(view);
      }
      for (const view of targets) view.setState(change.state as PaperState);
    }
    while (recent.size > RECENT_LIMIT) recent.delete(recent.keys().next().value!);
  }

  /** One getStates for many entries (deduplicated by id). */
  function fetchStates(entries: readonly PaperEntry[]) {
    const papers = new Map<PaperId, { id: PaperId; aliases: PaperId[] }>();
    for (const { id, aliases } of entries) if (!papers.has(id)) papers.set(id, { id, aliases: [...aliases] });
    return req('getStates', { papers: [...papers.values()] }).then((answer) => answer.states);
  }

  // --- annotating -----------------------------------------------------------------------------

  function index(view: EntryView) {
    views.add(view);
    viewByElement.set(view.entry.element, view);
    viewByHost.set(view.host, view);
    for (const key of view.keys()) {
      const list = viewsByKey.get(key);
      if (list) list.push(view);
      else viewsByKey.set(key, [view]);
    }
    ordered = null;
  }

  function drop(view: EntryView) {
    views.delete(view);
    viewByElement.delete(view.entry.element);
    claimed.delete(view.entry.element);
    for (const key of view.keys()) {
      const list = viewsByKey.get(key)?.filter((other) => other !== view);
      if (list?.length) viewsByKey.set(key, list);
      else viewsByKey.delete(key);
    }
    if (current === view) current = undefined;
    ordered = null;
    nearViewport?.remove(view);
    view.destroy();
  }

  /** Entries not annotated yet (already annotated ones are skipped, stale ones replaced); claims them. */
  function claimFresh(found: readonly PaperEntry[]): PaperEntry[] {
    const fresh: PaperEntry[] = [];
    for (const entry of found) {
      const existing = viewByElement.get(entry.element);
      if (existing) {
        // A client-side app may reuse an element for another paper, or drop our host on re-render.
        if ((existing.host.isConnected || awaitingInsert.has(existing)) && existing.id === entry.id) continue;
        drop(existing);
      } else if (claimed.has(entry.element)) {
        continue;
      }
      claimed.add(entry.element);
      fresh.push(entry);
    }
    return fresh;
  }

  function freshEntries(root: ParentNode): PaperEntry[] {
    return claimFresh(adapter.findEntries(root, url));
  }

  /**
   * Annotates `entries` with one getStates; settles once their states are shown (false: the
   * background did not answer). `now`: the first screen, drawn in this task and inserted, with
   * its states, as soon as the answer comes: one frame draws it, not one without states and
   * another with. A slow answer (a service worker waking up) is not waited for beyond
   * HEAD_ANSWER_WAIT_MS. Otherwise hosts go in a batch per task; where the site keeps room for
   * them they go in hidden, and those near the viewport are drawn at once, the rest on approach.
   */
  async function annotate(entries: PaperEntry[], options: { now?: boolean; mark?: string } = {}): Promise<boolean> {
    if (entries.length === 0) return true;
    const sentAt = seq;
    const created: EntryView[] = [];
    let states: Record<PaperId, PaperState> | undefined;
    const stateFor = (view: EntryView) => states![view.id] ?? unsavedState(view.id);

    // Sent before any host is built, so the answer's round trip overlaps the building.
    const answered = fetchStates(entries).then(
      (found) => {
        if (destroyed) return true;
        states = found;
        for (const view of created) if (views.has(view)) show(view, stateFor(view), sentAt);
        return true;
      },
      () => false,
    );
    // Asking about a long page's entries takes a task's worth: building their hosts waits for the next.
    if (!options.now) await yieldToMain();

    // Hosts are built detached, a batch per task (the frames between have nothing to draw), then
    // inserted together: where the site keeps room for them they go in hidden, which costs a style
    // pass and no layout, and those near the viewport are drawn; elsewhere each is drawn as built.
    const batch = options.now ? entries.length : batchSize;
    const built: EntryView[] = [];
    for (let start = 0; start < entries.length && !destroyed; ) {
      const end = Math.min(start + batch, entries.length);
      for (let i = start; i < end; i++) {
        const entry = entries[i]!;
        // The page may have dropped the entry while we yielded.
        if (!entry.element.isConnected || !entry.anchor.isConnected) {
          claimed.delete(entry.element);
          continue;
        }
        const view = new EntryView(entry, context);
        index(view);
        created.push(view);
        built.push(view);
        awaitingInsert.add(view);
        if (states) show(view, stateFor(view), sentAt);
        if (options.now || !entry.hostSpaceReserved) view.hydrate();
      }
      start = end;
      if (start < entries.length) await yieldToMain();
    }
    if (options.now && !destroyed) await Promise.race([answered, delay(HEAD_ANSWER_WAIT_MS)]);
    const late: EntryView[] = [];
    for (const view of built) {
      awaitingInsert.delete(view);
      if (!views.has(view)) continue;
      if (!view.entry.element.isConnected || !view.entry.anchor.isConnected) drop(view);
      else {
        view.insert();
        if (!view.hydrated) late.push(view);
      }
    }
    // The keyboard's order was cached while these were still out of the page.
    ordered = null;
    if (late.length > 0) (nearViewport ??= new NearViewport(win)).add(late);
    nearViewport?.drawNear();
    const ok = await answered;
    if (ok && options.mark && !destroyed) performance.mark(options.mark);
    return ok;
  }

  /** First-screen entries first: at document_end the page is at its top unless it has a #target. */
  function firstScreenFirst(entries: PaperEntry[]): PaperEntry[] {
    if (entries.length <= firstChunk) return entries;
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

  /**
   * The page's first scan. The first screen is read on its own (a few ms, where the whole of a
   * 2,000-entry listing takes tens), asked for and shown first; the rest is read and annotated
   * after, with a getStates of its own.
   */
  async function firstScan(): Promise<boolean> {
    let head: PaperEntry[];
    let rest: PaperEntry[] | undefined;
    if (win.location.hash) {
      // Scrolled to an anchor: which entries are on screen is known only once all are read.
      const all = firstScreenFirst(freshEntries(doc));
      head = all.slice(0, firstChunk);
      rest = all.slice(firstChunk);
    } else {
      const found = adapter.findEntries(doc, url, { limit: firstChunk });
      head = claimFresh(found.slice(0, firstChunk));
      // Fewer than asked: that was all. More: the adapter ignored the limit, and that was all too.
      if (found.length !== firstChunk) rest = claimFresh(found.slice(firstChunk));
    }
    const headShown = annotate(head, { now: true, mark: 'shelfmark:first-screen' });
    // Reading the rest blocks the main thread, and the first screen's answer would wait behind it
    // (cold, the read takes tens of ms): it goes first, unless the background is slow to answer
    // (a service worker waking up).
    await Promise.race([headShown, delay(HEAD_ANSWER_WAIT_MS)]);
    await yieldToMain();
    if (destroyed) return headShown;
    rest ??= freshEntries(doc);
    // Reading took a task's worth (tens of ms, cold); asking about 2,000 entries takes the next.
    await yieldToMain();
    if (destroyed) return headShown;
    const [headOk, restOk] = await Promise.all([headShown, annotate(rest)]);
    if (headOk && restOk && !destroyed) performance.mark('shelfmark:all');
    return headOk && restOk;
  }

  async function scan(root: ParentNode): Promise<boolean> {
    return annotate(freshEntries(root));
  }

  // --- catching up ----------------------------------------------------------------------------

  let refreshing: Promise<void> | undefined;
  let refreshAgain = false;
  async function refresh(): Promise<void> {
    if (destroyed) return;
    if (refreshing) {
      refreshAgain = true;
      return refreshing;
    }
    refreshing = (async () => {
      do {
        refreshAgain = false;
        const targets = [...views];
        if (targets.length === 0) break;
        const sentAt = seq;
        try {
          const states = await fetchStates(targets.map((view) => view.entry));
          if (destroyed) return;
          for (const view of targets) if (views.has(view)) show(view, states[view.id] ?? unsavedState(view.id), sentAt);
        } catch {
          // The next visibilitychange or broadcast tries again.
        }
      } while (refreshAgain && !destroyed);
    })().finally(() => {
      refreshing = undefined;
    });
    return refreshing;
  }

  function onVisibilityChange() {
    if (doc.visibilityState === 'visible') void refresh();
  }
  function onPageShow(event: PageTransitionEvent) {
    if (event.persisted) void refresh();
  }

  // --- keyboard -------------------------------------------------------------------------------

  function inDocumentOrder(): EntryView[] {
    ordered ??= [...views]
      .filter((view) => view.host.isConnected)
      .sort((a, b) => (a.host.compareDocumentPosition(b.host) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
    return ordered;
  }

  function firstInViewport(list: EntryView[]): number {
    let low = 0;
    let high = list.length - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (list[mid]!.entry.element.getBoundingClientRect().bottom < 0) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  function moveCurrent(step: 1 | -1) {
    const list = inDocumentOrder();
    if (list.length === 0) return;
    const at = current ? list.indexOf(current) : -1;
    const next = at < 0 ? firstInViewport(list) : Math.min(list.length - 1, Math.max(0, at + step));
    const view = list[next]!;
    makeCurrent(view);
    view.entry.element.scrollIntoView({ block: 'nearest' });
    view.focusSave();
  }

  function onKeyDown(event: KeyboardEvent) {
    const action = pageKeyAction(event);
    if (!action) return;
    if (action === 'next' || action === 'previous') moveCurrent(action === 'next' ? 1 : -1);
    else if (!current) return;
    else if (action === 'toggle-save') actions.toggleSave(current);
    else current.openEditor();
    // After our handling: `t` must not type itself into the editor it just opened.
    event.preventDefault();
  }

  function makeCurrent(view: EntryView) {
    if (view === current) return;
    current?.setCurrent(false);
    current = view;
    view.setCurrent(true);
  }

  // Unsaved entries show "+ tag" only once the pointer or focus comes near (fewer nodes per host).
  // Focus inside an entry (Tab, a click on its toggle) also makes it the one s and t act on.
  function onApproach(event: Event) {
    const target = event.target as Element | null;
    if (target?.localName !== HOST_TAG) return;
    const view = viewByHost.get(target);
    if (!view) return;
    view.expand();
    if (event.type === 'focusin' && isTrustedEvent(event)) makeCurrent(view);
  }

  // --- dynamic pages ----------------------------------------------------------------------------

  function onDomChanges(changes: DomChanges) {
    if (destroyed) return;
    if (changes.removed || changes.urlChanged) {
      for (const view of [...views]) {
        if (!view.entry.element.isConnected) drop(view);
        else if (!view.host.isConnected && !awaitingInsert.has(view)) {
          const parent = view.entry.element.parentElement;
          drop(view);
          if (parent) changes.roots.push(parent);
        }
      }
    }
    if (changes.urlChanged) {
      url = new URL(win.location.href);
      void scan(doc);
      return;
    }
    for (const root of changes.roots) if (root.isConnected) void scan(root);
  }

  // --- start ----------------------------------------------------------------------------------

  cleanups.push(transport.subscribe(onBroadcast));
  const html = doc.documentElement;
  const ready = firstScan().then((ok) => {
    if (destroyed) return;
    html.setAttribute(READY_ATTRIBUTE, ok ? 'ready' : 'unavailable');
    // Reading computed styles costs a style recalculation: only once the entries are shown.
    styles.setScheme(detectScheme(doc, win));
    cleanups.push(watchScheme(doc, win, () => styles.setScheme(detectScheme(doc, win))));
  });

  doc.addEventListener('keydown', onKeyDown);
  doc.addEventListener('pointerover', onApproach);
  doc.addEventListener('focusin', onApproach);
  doc.addEventListener('visibilitychange', onVisibilityChange);
  win.addEventListener('pageshow', onPageShow);
  if (adapter.dynamic) cleanups.push(watchDom(doc, win, onDomChanges));

  return {
    ready,
    refresh,
    destroy() {
      if (destroyed) return;
      destroyed = true;
      for (const cleanup of cleanups.splice(0)) cleanup();
      doc.removeEventListener('keydown', onKeyDown);
      doc.removeEventListener('pointerover', onApproach);
      doc.removeEventListener('focusin', onApproach);
      doc.removeEventListener('visibilitychange', onVisibilityChange);
      win.removeEventListener('pageshow', onPageShow);
      for (const view of [...views]) drop(view);
      overlays.disconnect();
      nearViewport?.disconnect();
      recent.clear();
      html.removeAttribute(READY_ATTRIBUTE);
    },
  };
}
