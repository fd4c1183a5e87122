// The popup's state and everything the user can do. Reads come from Dexie through liveQuery
// (so a save in any tab shows up here); writes go to the background as typed requests.
// Components get the state and these methods as props and hold no data of their own.
import { liveQuery, type Subscription } from 'dexie';
import type { SavedPaper, TagRecord, ImportReport } from '../shared/records';
import { FIRST_SCREEN_ROWS, type FirstScreen } from '../db/first-screen';
import type { ShelfmarkDB } from '../db/schema';
import { EXPORT_FORMATS, exportFileName, type ExportFormat } from '../formats/export-formats';
import type { ImportBatch } from '../formats/import-batch';
import { checkImportSize, looksLikeBackup, parseImportFile, type BibtexParser } from '../formats/import-file';
import { absUrlOf, pdfUrlOf } from '../formats/paper-ids';
import type { request as sendRequest } from '../shared/messaging';
import type { ReadingStatus } from '../shared/paper';
import type { RequestOf } from '../shared/messages';
import { Refused } from '../shared/refused';
import { countTags, selectPapers, type SortOrder, type StatusFilter, type TagCount } from './list-view';
import { inBackground } from './idle-work';
import { prepareScan, scanSearch } from './scan-search';
import { PaperSearch } from './search-index';

export type Panel = 'tags' | 'notes';

export interface Toast {
  message: string;
  kind: 'info' | 'error';
  /** Present for a removal that can still be undone. */
  undo?: () => void;
}

export interface ImportOutcome {
  fileName: string;
  report?: ImportReport;
  skipped?: ImportBatch['skipped'];
  error?: string;
}

export interface PopupState {
  /** The whole list has been read (`papers` is complete). */
  loaded: boolean;
  /** Until then: the newest saved papers, read first so the popup paints at once. */
  preview: readonly SavedPaper[];
  papers: readonly SavedPaper[];
  tags: readonly TagRecord[];
  tagsByKey: ReadonlyMap<string, TagRecord>;
  query: string;
  tagFilter: readonly string[];
  status: StatusFilter;
  sort: SortOrder;
  visible: readonly SavedPaper[];
  tagCounts: readonly TagCount[];
  selectedId: string | null;
  openId: string | null;
  panel: Panel | null;
  /** Notes typed but not yet confirmed stored, by paper id. */
  drafts: ReadonlyMap<string, string>;
  toast: Toast | null;
  importing: boolean;
  importOutcome: ImportOutcome | null;
}

export interface SharedFile {
  url: string;
  release: () => void;
}

function shareByBlobUrl(file: Blob): SharedFile {
  const url = URL.createObjectURL(file);
  return { url, release: () => URL.revokeObjectURL(url) };
}

/** Enough of a file's start to tell a JSON backup from BibTeX (see `looksLikeBackup`). */
const SNIFF_BYTES = 4096;

export interface ExportFile {
  name: string;
  mime: string;
  text: string;
}

export interface PopupDeps {
  db: ShelfmarkDB;
  request: typeof sendRequest;
  openTab: (url: string) => void;
  /** The library page's address (runtime.getURL('library.html')). */
  libraryUrl?: string;
  /** Parses a BibTeX file off the page's main thread (./bibtex-in-worker.ts); tests pass the parser itself. */
  parseBibtex: BibtexParser;
  /** The first screen of papers and the tags, read ahead by the page's first script (db/first-screen.ts). */
  firstScreen?: Promise<FirstScreen | null>;
  /** Makes a file readable by the background (a blob: URL) until `release`; tests pass their own. */
  shareFile?: (file: Blob) => SharedFile;
  now?: () => Date;
  noteDelayMs?: number;
}

/** Typing pause after which abstracts are searched too. */
const FULL_SEARCH_PAUSE_MS = 150;


export const NEXT_STATUS: Record<ReadingStatus, ReadingStatus> = { unread: 'reading', reading: 'done', done: 'unread' };

export class PopupController {
  state: PopupState = {
    loaded: false,
    preview: [],
    papers: [],
    tags: [],
    tagsByKey: new Map(),
    query: '',
    tagFilter: [],
    status: 'all',
    sort: 'saved',
    visible: [],
    tagCounts: [],
    selectedId: null,
    openId: null,
    panel: null,
    drafts: new Map(),
    toast: null,
    importing: false,
    importOutcome: null,
  };

  protected readonly listeners = new Set<() => void>();
  private readonly search = new PaperSearch();
  private ranked: string[] | null = null;
  private readonly subscriptions: Subscription[] = [];
  private readonly noteTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private toastTimer: ReturnType<typeof setTimeout> | undefined;
  private indexedOnce = false;
  /** Cancels the next slice of index building, while one is scheduled. */
  private cancelIndexing: (() => void) | undefined;
  private fullSearchTimer: ReturnType<typeof setTimeout> | undefined;
  /** Typing paused before the index was complete: the full search runs when it is. */
  private fullSearchWaiting = false;
  private stopped = false;
  private readonly now: () => Date;
  private readonly noteDelayMs: number;

  constructor(protected readonly deps: PopupDeps) {
    this.now = deps.now ?? (() => new Date());
    this.noteDelayMs = deps.noteDelayMs ?? 400;
  }

  /** Resolves once the first screen is read (or found empty); the whole list follows. */
  start(): Promise<void> {
    const preview = this.readPreview();
    // Dexie (its schema set-up alone takes milliseconds) is first needed here, after the first
    // paint, where the page's first script read the first screen (`deps.firstScreen`).
    void preview.then(afterPaint).then(() => {
      if (this.stopped) return;
      this.subscriptions.push(
        liveQuery(() => this.deps.db.tags.toArray()).subscribe({
          next: (tags) => this.update(this.tagsState(tags)),
        }),
        liveQuery(() => this.deps.db.papers.toArray()).subscribe({
          next: (papers) => this.papersChanged(papers),
          error: (error) => this.showToast(`Could not read the reading list: ${String(error)}`, 'error'),
        }),
      );
    });
    return preview;
  }

  /**
   * Reading and cloning 10,000 records takes longer than the first-render budget; a query for
   * one screenful by the `savedAt` index (the default order) does not. The whole list is read
   * once that screenful is painted: its records are deserialised on the main thread, and would
   * otherwise hold the first paint back. The first screen is not counted: IndexedDB counts by
   * walking every record (50–70 ms for 10,000 papers in Chromium 156), so its rows say the size
   * of the list is not known yet (aria-setsize -1) until the whole list is in. The page's first
   * script has usually read that screenful and the tags already (`deps.firstScreen`); else the
   * screenful is read here (and the tags' colours follow with the whole list).
   */
  private async readPreview(): Promise<void> {
    try {
      const first = await this.deps.firstScreen;
      if (first && !this.state.loaded) this.update({ preview: first.papers, ...this.tagsState(first.tags) });
      if (first) return;
      const preview = await this.deps.db.papers.orderBy('savedAt').reverse().limit(FIRST_SCREEN_ROWS).toArray();
      if (preview.length === 0 || this.state.loaded) return;
      this.update({ preview });
    } catch {
      // The full read reports errors; a preview is only a head start.
    }
  }

  private tagsState(tags: readonly TagRecord[]): Pick<PopupState, 'tags' | 'tagsByKey' | 'tagCounts'> {
    return { tags, tagsByKey: new Map(tags.map((tag) => [tag.key, tag])), tagCounts: countTags(this.state.papers, tags) };
  }

  stop(): void {
    this.stopped = true;
    this.flushNotes();
    for (const subscription of this.subscriptions.splice(0)) subscription.unsubscribe();
    clearTimeout(this.toastTimer);
    this.cancelIndexing?.();
    clearTimeout(this.fullSearchTimer);
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  protected update(patch: Partial<PopupState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }

  private papersChanged(papers: SavedPaper[]): void {
    this.state = { ...this.state, papers, loaded: true, preview: [], tagCounts: countTags(papers, this.state.tags) };
    // Once the index is built, a change costs it a few documents: bring it in line now. Before
    // that, the scan answers and the slices go on.
    if (this.state.query.trim()) this.ranked = this.searchNow(this.state.query, this.search.size === 0 || this.cancelIndexing !== undefined);
    this.scheduleIndexing();
    this.refreshVisible();
  }

  /**
   * Indexing 10,000 papers takes far longer than the first-render budget (seconds of main-thread
   * time on a loaded machine), so the list paints first and the index is built afterwards, in
   * background tasks of a few milliseconds that leave the main thread free to scroll and to
   * answer keys (idle-work.ts). The papers' text for the index-free scan (scan-search.ts) is
   * prepared in the first one: until the index is complete, keystrokes are answered by that scan.
   */
  private scheduleIndexing(): void {
    if (this.cancelIndexing !== undefined) return;
    this.cancelIndexing = inBackground((until) => {
      this.cancelIndexing = undefined;
      const papers = this.state.papers;
      // The scan's text first, on its own slice; then the index, slice by slice.
      if (this.search.size === 0 && prepareScan(papers)) this.scheduleIndexing();
      else if (!this.search.syncStep(papers, Infinity, until).done) this.scheduleIndexing();
      else {
        // When the first full index is ready (the bench reads it: until then the scan answers).
        if (!this.indexedOnce) performance.mark('shelfmark:search-indexed');
        this.indexedOnce = true;
        if (this.fullSearchWaiting) this.runFullSearch();
      }
    });
  }

  /** The index holds every paper of the list as it is now. */
  private get indexed(): boolean {
    return this.search.isSyncedWith(this.state.papers);
  }

  /**
   * A keystroke's search: the index where it is complete; before that, a scan of the short fields,
   * which answers at once (building the rest of the index here would take half a second).
   */
  private searchNow(query: string, quick = false): string[] | null {
    if (quick && !this.indexed) return scanSearch(this.state.papers, query);
    this.search.sync(this.state.papers);
    return this.search.search(query, { quick });
  }

  /** Abstracts join the results once typing pauses, and once the index has them. */
  private runFullSearch(): void {
    this.fullSearchWaiting = false;
    if (!this.state.query.trim()) return;
    if (!this.indexed) {
      this.fullSearchWaiting = true;
      this.scheduleIndexing();
      return;
    }
    this.ranked = this.searchNow(this.state.query);
    this.refreshVisible();
  }

  private refreshVisible(patch: Partial<PopupState> = {}): void {
    const next = { ...this.state, ...patch };
    const visible = selectPapers(next.papers, { ranked: this.ranked, tags: next.tagFilter, status: next.status, sort: next.sort });
    let selectedId = next.selectedId;
    if (!selectedId || !visible.some((paper) => paper.id === selectedId)) selectedId = visible[0]?.id ?? null;
    this.update({ ...patch, visible, selectedId });
  }

  // Finding papers.

  /**
   * Each keystroke searches titles, authors, tags and notes at once; abstracts join once typing
   * pauses. Title matches rank first either way, so the top of the list rarely moves then.
   */
  setQuery(query: string): void {
    clearTimeout(this.fullSearchTimer);
    this.fullSearchWaiting = false;
    this.ranked = query.trim() ? this.searchNow(query, true) : null;
    this.refreshVisible({ query, selectedId: null });
    if (!query.trim()) return;
    this.fullSearchTimer = setTimeout(() => {
      if (this.state.query === query) this.runFullSearch();
    }, FULL_SEARCH_PAUSE_MS);
  }

  toggleTagFilter(key: string): void {
    const tags = this.state.tagFilter.includes(key) ? this.state.tagFilter.filter((k) => k !== key) : [...this.state.tagFilter, key];
    this.refreshVisible({ tagFilter: tags });
  }

  setStatusFilter(status: StatusFilter): void {
    this.refreshVisible({ status });
  }

  setSort(sort: SortOrder): void {
    this.refreshVisible({ sort });
  }

  clearFilters(): void {
    clearTimeout(this.fullSearchTimer);
    this.ranked = null;
    this.refreshVisible({ query: '', tagFilter: [], status: 'all' });
  }

  // Selection and navigation.

  select(id: string): void {
    if (id !== this.state.selectedId) this.update({ selectedId: id });
  }

  moveSelection(delta: number): void {
    const { visible, selectedId } = this.state;
    if (visible.length === 0) return;
    const index = visible.findIndex((paper) => paper.id === selectedId);
    const next = Math.max(0, Math.min(visible.length - 1, (index < 0 ? -1 : index) + delta));
    this.update({ selectedId: visible[next]!.id });
  }

  private paper(id: string): SavedPaper | undefined {
    return this.state.papers.find((paper) => paper.id === id);
  }

  open(id: string, which: 'abstract' | 'pdf'): void {
    const paper = this.paper(id);
    const url = paper && (which === 'pdf' ? pdfUrlOf(paper) : absUrlOf(paper));
    // Only web links: a stored URL must never run script in the extension's origin.
    if (url && /^https?:\/\//iu.test(url)) this.deps.openTab(url);
  }

  /** Opens the library page in a tab, at one of its sections (e.g. `settings-backup`). */
  openLibrary(section?: string): void {
    const url = this.deps.libraryUrl ?? 'library.html';
    this.deps.openTab(section ? `${url}#${section}` : url);
  }

  openPanel(id: string, panel: Panel): void {
    this.update({ openId: id, panel, selectedId: id });
  }

  closePanel(): void {
    this.flushNotes();
    this.update({ openId: null, panel: null });
  }

  // Writes, all through the background.

  protected async write(action: () => Promise<unknown>, failure: string): Promise<boolean> {
    try {
      await action();
      return true;
    } catch (error) {
      this.showToast(`${failure}: ${(error as Error).message}`, 'error');
      return false;
    }
  }

  setStatus(id: string, status: ReadingStatus): Promise<boolean> {
    return this.write(() => this.deps.request('setStatus', { id, status }), 'Could not change the status');
  }

  cycleStatus(id: string): Promise<boolean> {
    const paper = this.paper(id);
    return paper ? this.setStatus(id, NEXT_STATUS[paper.status]) : Promise.resolve(false);
  }

  addTag(id: string, name: string): Promise<unknown> {
    // The tag editor shows a rejected promise as its own error message.
    return this.deps.request('addTag', { id, tag: name });
  }

  removeTag(id: string, name: string): Promise<boolean> {
    return this.write(() => this.deps.request('removeTag', { id, tag: name }), 'Could not remove the tag');
  }

  /** Notes save as you type: each keystroke restarts a short timer; the last text is sent. */
  editNote(id: string, note: string): void {
    const drafts = new Map(this.state.drafts).set(id, note);
    this.update({ drafts });
    clearTimeout(this.noteTimers.get(id));
    this.noteTimers.set(
      id,
      setTimeout(() => void this.saveNote(id), this.noteDelayMs),
    );
  }

  /** Sends every pending note now (the popup is closing, or the panel is). */
  flushNotes(): void {
    for (const id of [...this.noteTimers.keys()]) void this.saveNote(id);
  }

  private async saveNote(id: string): Promise<void> {
    clearTimeout(this.noteTimers.get(id));
    this.noteTimers.delete(id);
    const note = this.state.drafts.get(id);
    if (note === undefined) return;
    const ok = await this.write(() => this.deps.request('setNote', { id, note }), 'Could not save the note');
    // Keep the draft if more was typed meanwhile, or if saving failed (nothing typed is lost).
    if (ok && this.state.drafts.get(id) === note && !this.noteTimers.has(id)) {
      const drafts = new Map(this.state.drafts);
      drafts.delete(id);
      this.update({ drafts });
    }
  }

  async remove(id: string): Promise<void> {
    const paper = this.paper(id);
    if (!paper) return;
    const index = this.state.visible.findIndex((p) => p.id === id);
    const neighbour = this.state.visible[index + 1] ?? this.state.visible[index - 1];
    let removed: SavedPaper | null;
    try {
      ({ removed } = await this.deps.request('unsave', { id }));
    } catch (error) {
      this.showToast(`Could not remove the paper: ${(error as Error).message}`, 'error');
      return;
    }
    if (!removed) return;
    const record = removed;
    if (this.state.openId === id) this.update({ openId: null, panel: null });
    if (neighbour && this.state.selectedId === id) this.update({ selectedId: neighbour.id });
    this.showToast(`Removed “${truncate(record.title, 60)}”.`, 'info', () => void this.restore(record));
  }

  private async restore(paper: SavedPaper): Promise<void> {
    this.dismissToast();
    const ok = await this.write(() => this.deps.request('restore', { paper: paper as unknown as RequestOf<'restore'>['paper'] }), 'Could not undo');
    if (ok) this.update({ selectedId: paper.id });
  }

  showToast(message: string, kind: Toast['kind'] = 'info', undo?: () => void): void {
    clearTimeout(this.toastTimer);
    this.update({ toast: { message, kind, ...(undo ? { undo } : {}) } });
    // Long enough to reach Undo; errors stay until dismissed.
    if (kind === 'info') this.toastTimer = setTimeout(() => this.dismissToast(), 10_000);
  }

  dismissToast(): void {
    clearTimeout(this.toastTimer);
    if (this.state.toast) this.update({ toast: null });
  }

  // Export and import.

  /** The papers shown (filter and order as on screen) or all of them, newest saved first. */
  exportFile(formatId: ExportFormat['id'], scope: 'all' | 'shown'): ExportFile {
    const format = EXPORT_FORMATS.find((f) => f.id === formatId)!;
    const papers = scope === 'all' ? [...this.state.papers].sort((a, b) => b.savedAt - a.savedAt) : this.state.visible;
    const used = new Set(papers.flatMap((paper) => paper.tagKeys));
    const tags = scope === 'all' ? this.state.tags : this.state.tags.filter((tag) => used.has(tag.key));
    const now = this.now();
    // A full backup of everything is what the backup reminder counts (settings.lastBackupAt).
    if (format.id === 'backup' && scope === 'all') {
      void this.write(() => this.deps.request('updateSettings', { patch: { lastBackupAt: now.getTime() } }), 'Could not note the backup date');
    }
    return {
      name: exportFileName(format, now),
      mime: format.mime,
      text: format.render({ papers, tags, schemaVersion: this.deps.db.verno, now }),
    };
  }

  /**
   * A JSON backup goes to the background unread, as a blob: URL (`importBackup`): the background
   * checks the whole file before it writes anything. Other files (BibTeX) are parsed and checked
   * here, and only a file without faults reaches the background.
   */
  async importFile(file: File): Promise<void> {
    this.update({ importing: true, importOutcome: null });
    try {
      checkImportSize(file.size);
      if (looksLikeBackup(await file.slice(0, SNIFF_BYTES).text())) {
        const report = await this.importBackup(file);
        this.update({ importOutcome: { fileName: file.name, report, skipped: [] } });
        return;
      }
      const batch = await parseImportFile(await file.text(), this.deps.db.verno, this.deps.parseBibtex);
      if (batch.papers.length === 0) {
        throw new Refused(`No papers to import: ${batch.skipped.length} entries have no arXiv id or DOI.`);
      }
      const payload = { papers: batch.papers, tags: batch.tags } as unknown as RequestOf<'importPapers'>;
      const report = await this.deps.request('importPapers', payload);
      this.update({ importOutcome: { fileName: file.name, report, skipped: batch.skipped } });
    } catch (error) {
      const message = error instanceof Refused ? error.message : `The import failed: ${(error as Error).message}`;
      this.update({ importOutcome: { fileName: file.name, error: message } });
    } finally {
      this.update({ importing: false });
    }
  }

  private async importBackup(file: Blob): Promise<ImportReport> {
    const shared = (this.deps.shareFile ?? shareByBlobUrl)(file);
    try {
      // A refusal (a fault of the file) arrives as `Refused`, its message saying what was wrong.
      return await this.deps.request('importBackup', { url: shared.url });
    } finally {
      shared.release();
    }
  }

  dismissImport(): void {
    this.update({ importOutcome: null });
  }
}

/** Resolves after the next frame is painted (rAF runs before paint; the timeout after it). */
function afterPaint(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestAnimationFrame !== 'function') setTimeout(resolve, 0);
    else requestAnimationFrame(() => setTimeout(resolve, 0));
  });
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
