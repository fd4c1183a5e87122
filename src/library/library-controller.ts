// The library page's controller: the popup's (same data, search, filters, writes) plus what a
// page with room adds: column sorting, multi-select, the detail pane and bulk actions.
import type { SavedPaper } from '../shared/records';
import type { RestoreFields } from '../shared/library-changes';
import { EXPORT_FORMATS, exportFileName, type ExportFormat } from '../formats/export-formats';
import type { ReadingStatus } from '../shared/paper';
import type { RequestOf } from '../shared/messages';
import type { SettingsPatch } from '../shared/settings';
import { PopupController, type ExportFile, type PopupDeps, type PopupState } from '../popup/controller';
import { STATUS_LABELS } from '../popup/components/PaperRow';
import { clickRow, EMPTY_SELECTION, keepShown, selectAll, type ClickModifiers, type Selection } from './selection';
import { nextSort, sortRows, type ColumnId, type ColumnSort } from './table-sort';

export type LibraryView = 'papers' | 'tags' | 'settings';

export interface LibraryState {
  view: LibraryView;
  columnSort: ColumnSort | null;
  selection: Selection;
  /** The paper in the detail pane. */
  detailId: string | null;
}

export class LibraryController extends PopupController {
  library: LibraryState = { view: 'papers', columnSort: null, selection: EMPTY_SELECTION, detailId: null };

  constructor(deps: PopupDeps) {
    super(deps);
  }

  /** The rows the table shows: the popup's list (filters, search rank or sort) in the column order chosen. */
  get rows(): readonly SavedPaper[] {
    return sortRows(this.state.visible, this.library.columnSort);
  }

  protected override update(patch: Partial<PopupState>): void {
    const visibleBefore = this.state.visible;
    this.state = { ...this.state, ...patch };
    if (this.state.visible !== visibleBefore) {
      const shown = new Set(this.state.visible.map((paper) => paper.id));
      const selection = keepShown(this.library.selection, shown);
      const detailId = this.library.detailId !== null && shown.has(this.library.detailId) ? this.library.detailId : null;
      this.library = { ...this.library, selection, detailId };
    }
    this.notify();
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }

  private updateLibrary(patch: Partial<LibraryState>): void {
    this.library = { ...this.library, ...patch };
    this.notify();
  }

  setView(view: LibraryView): void {
    if (view !== this.library.view) this.updateLibrary({ view });
  }

  sortBy(column: ColumnId): void {
    this.updateLibrary({ columnSort: nextSort(this.library.columnSort, column) });
  }

  clickRow(id: string, modifiers: ClickModifiers = {}): void {
    const order = this.rows.map((paper) => paper.id);
    this.updateLibrary({ selection: clickRow(this.library.selection, order, id, modifiers), detailId: id });
    this.select(id);
  }

  selectAllShown(): void {
    this.updateLibrary({ selection: selectAll(this.rows.map((paper) => paper.id)) });
  }

  clearSelection(): void {
    this.updateLibrary({ selection: EMPTY_SELECTION });
  }

  closeDetail(): void {
    this.flushNotes();
    this.updateLibrary({ detailId: null });
  }

  /** The selected papers, in table order. */
  selectedPapers(): SavedPaper[] {
    const { ids } = this.library.selection;
    return this.rows.filter((paper) => ids.has(paper.id));
  }

  /** Stores a settings patch through the background (the one writer); a refusal shows as an error. */
  async updateSettings(patch: SettingsPatch): Promise<void> {
    await this.write(() => this.deps.request('updateSettings', { patch }), 'Could not change the setting');
  }

  // Bulk actions: each one request (one transaction in the background) and one undo.

  private selectedIds(): string[] {
    return this.selectedPapers().map((paper) => paper.id);
  }

  private plural(count: number): string {
    return `${count} paper${count === 1 ? '' : 's'}`;
  }

  /** Runs one undo step and says so (or why it failed). */
  private undoWith(input: RestoreFields): () => void {
    return () => {
      this.dismissToast();
      void this.write(() => this.deps.request('restoreFields', input), 'Could not undo');
    };
  }

  async bulkTag(add: readonly string[], remove: readonly string[] = []): Promise<boolean> {
    const ids = this.selectedIds();
    if (ids.length === 0) return false;
    try {
      const result = await this.deps.request('bulkEdit', { ids, addTags: [...add], removeTags: [...remove] });
      const what = add.length ? `Tagged ${this.plural(result.changed)} “${add.join('”, “')}”` : `Removed “${remove.join('”, “')}” from ${this.plural(result.changed)}`;
      this.showToast(`${what}.`, 'info', result.changed ? this.undoWith({ papers: result.before }) : undefined);
      return true;
    } catch (error) {
      this.showToast(`Could not change the tags: ${(error as Error).message}`, 'error');
      return false;
    }
  }

  async bulkStatus(status: ReadingStatus): Promise<boolean> {
    const ids = this.selectedIds();
    if (ids.length === 0) return false;
    try {
      const result = await this.deps.request('bulkEdit', { ids, status });
      this.showToast(`Marked ${this.plural(result.changed)} “${STATUS_LABELS[status]}”.`, 'info', result.changed ? this.undoWith({ papers: result.before }) : undefined);
      return true;
    } catch (error) {
      this.showToast(`Could not change the status: ${(error as Error).message}`, 'error');
      return false;
    }
  }

  async bulkDelete(): Promise<boolean> {
    const ids = this.selectedIds();
    if (ids.length === 0) return false;
    try {
      const { removed } = await this.deps.request('bulkUnsave', { ids });
      this.clearSelection();
      const undo = () => {
        this.dismissToast();
        // Back as they were, merged by id like an import; `updatedAt` now, so sync sees them again.
        const now = Date.now();
        const papers = removed.map((paper) => ({ ...paper, updatedAt: now }));
        void this.write(() => this.deps.request('importPapers', { papers, tags: [] } as unknown as RequestOf<'importPapers'>), 'Could not undo');
      };
      this.showToast(`Removed ${this.plural(removed.length)}.`, 'info', undo);
      return true;
    } catch (error) {
      this.showToast(`Could not remove the papers: ${(error as Error).message}`, 'error');
      return false;
    }
  }

  /** The selected papers in one file, in table order, with the tags they carry. */
  exportSelection(formatId: ExportFormat['id']): ExportFile {
    const format = EXPORT_FORMATS.find((f) => f.id === formatId)!;
    const papers = this.selectedPapers();
    const used = new Set(papers.flatMap((paper) => paper.tagKeys));
    const now = new Date();
    return {
      name: exportFileName(format, now),
      mime: format.mime,
      text: format.render({ papers, tags: this.state.tags.filter((tag) => used.has(tag.key)), schemaVersion: this.deps.db.verno, now }),
    };
  }

  // The tag manager: each change one request, shown everywhere through the broadcast and liveQuery.

  private async tagChange(run: () => Promise<{ papers: number; undo: RestoreFields }>, done: (papers: string) => string, failure: string): Promise<boolean> {
    try {
      const result = await run();
      this.showToast(done(this.plural(result.papers)), 'info', this.undoWith(result.undo));
      return true;
    } catch (error) {
      this.showToast(`${failure}: ${(error as Error).message}`, 'error');
      return false;
    }
  }

  renameTag(tag: string, to: string): Promise<boolean> {
    return this.tagChange(() => this.deps.request('renameTag', { tag, to }), (papers) => `Renamed “${tag}” to “${to}” on ${papers}.`, 'Could not rename the tag');
  }

  mergeTags(tags: readonly string[], into: string): Promise<boolean> {
    return this.tagChange(
      () => this.deps.request('mergeTags', { tags: [...tags], into }),
      (papers) => `Merged “${tags.join('”, “')}” into “${into}” on ${papers}.`,
      'Could not merge the tags',
    );
  }

  deleteTag(tag: string): Promise<boolean> {
    return this.tagChange(() => this.deps.request('deleteTag', { tag }), (papers) => `Deleted “${tag}” from ${papers}.`, 'Could not delete the tag');
  }

  recolorTag(tag: string, color: string): Promise<boolean> {
    return this.write(() => this.deps.request('setTagColor', { tag, color }), 'Could not change the colour');
  }
}
