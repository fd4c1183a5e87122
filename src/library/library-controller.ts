// The library page's controller: the popup's (same data, search, filters, writes) plus what a
// page with room adds: column sorting, multi-select, the detail pane and bulk actions.
import type { SavedPaper } from '../shared/records';
import type { SettingsPatch } from '../shared/settings';
import { PopupController, type PopupDeps, type PopupState } from '../popup/controller';
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
}
