// The library page: the whole reading list in a table with room for details, the tag manager and
// the settings. Same controller and components as the popup where the popup has them.
import { useEffect, useRef } from 'preact/hooks';
import type { TagSuggestion } from '../../shared/messages';
import { DataMenu } from '../../popup/components/DataMenu';
import { EmptyState, ImportNotice, ToastBar } from '../../popup/components/Notices';
import { SyncNotice } from '../../popup/components/SyncNotice';
import { ControllerToolbar } from '../../popup/components/Toolbar';
import { downloadText } from '../../popup/download';
import type { LibraryController, LibraryView } from '../library-controller';
import { useLibrary } from '../use-library';
import { BulkBar } from './BulkBar';
import { DetailPane } from './DetailPane';
import { PaperTable } from './PaperTable';
import { SettingsView } from './SettingsView';
import { TagManager } from './TagManager';

export interface LibraryAppProps {
  controller: LibraryController;
  getSuggestions: (prefix: string, exclude: readonly string[]) => Promise<readonly TagSuggestion[]>;
}

const VIEWS: { id: LibraryView; label: string }[] = [
  { id: 'papers', label: 'Papers' },
  { id: 'tags', label: 'Tags' },
  { id: 'settings', label: 'Settings' },
];

export function LibraryApp({ controller, getSuggestions }: LibraryAppProps) {
  const { state, library } = useLibrary(controller);
  const search = useRef<HTMLInputElement>(null);
  const filtered = state.query.trim() !== '' || state.status !== 'all' || state.tagFilter.length > 0;
  // Until the whole list is read, the newest papers (the controller's preview) fill the first screen.
  const rows = state.loaded ? controller.rows : state.preview;
  const detail = library.detailId ? state.papers.find((paper) => paper.id === library.detailId) : undefined;

  // The view follows the address (#papers, #tags, #settings), so a link can open one.
  useEffect(() => {
    const follow = () => {
      const view = location.hash.replace(/^#/u, '').split('-')[0];
      if (VIEWS.some((v) => v.id === view)) controller.setView(view as LibraryView);
    };
    follow();
    addEventListener('hashchange', follow);
    return () => removeEventListener('hashchange', follow);
  }, [controller]);

  return (
    <div class="library" aria-busy={!state.loaded}>
      <header class="top">
        <h1>Shelfmark library</h1>
        <nav aria-label="Library sections">
          {VIEWS.map((view) => (
            <a key={view.id} href={`#${view.id}`} aria-current={library.view === view.id ? 'page' : undefined}>
              {view.label}
            </a>
          ))}
        </nav>
        <DataMenu
          filtered={filtered}
          importing={state.importing}
          onExport={(format, scope) => {
            const file = controller.exportFile(format, scope);
            downloadText(file.name, file.mime, file.text);
          }}
          onImport={(file) => void controller.importFile(file)}
        />
      </header>
      <ImportNotice outcome={state.importOutcome} onDismiss={() => controller.dismissImport()} />
      {library.view === 'papers' && <SyncNotice />}
      {library.view === 'papers' && (
        <div class="papers-view">
          <ControllerToolbar controller={controller} state={state} searchRef={search} />
          <BulkBar
            selected={library.selection.ids.size}
            shown={rows.length}
            onSelectAll={() => controller.selectAllShown()}
            onClear={() => controller.clearSelection()}
            onAddTag={(name) => controller.bulkTag([name])}
            onRemoveTag={(name) => controller.bulkTag([], [name])}
            onStatus={(status) => void controller.bulkStatus(status)}
            onDelete={() => void controller.bulkDelete()}
            onExport={(format) => {
              const file = controller.exportSelection(format);
              downloadText(file.name, file.mime, file.text);
            }}
          />
          <div class="papers-body">
            {state.loaded && rows.length === 0 ? (
              <EmptyState filtered={state.papers.length > 0} onClear={() => controller.clearFilters()} />
            ) : (
              <PaperTable
                rows={rows}
                tagsByKey={state.tagsByKey}
                sort={library.columnSort}
                selected={library.selection.ids}
                detailId={library.detailId}
                onSort={(column) => controller.sortBy(column)}
                onClick={(id, modifiers) => controller.clickRow(id, modifiers)}
              />
            )}
            {detail && (
              <DetailPane
                paper={detail}
                tagsByKey={state.tagsByKey}
                draft={state.drafts.get(detail.id)}
                getSuggestions={getSuggestions}
                addTag={(id, name) => controller.addTag(id, name)}
                removeTag={(id, name) => void controller.removeTag(id, name)}
                setStatus={(id, status) => void controller.setStatus(id, status)}
                editNote={(id, note) => controller.editNote(id, note)}
                close={() => controller.closeDetail()}
              />
            )}
          </div>
        </div>
      )}
      {library.view === 'tags' && (
        <div class="tag-manager">
          <TagManager
            tags={state.tags}
            counts={state.tagCounts}
            onRename={(tag, to) => controller.renameTag(tag, to)}
            onMerge={(tag, into) => controller.mergeTags([tag], into)}
            onRecolor={(tag, color) => void controller.recolorTag(tag, color)}
            onDelete={(tag) => void controller.deleteTag(tag)}
          />
        </div>
      )}
      {library.view === 'settings' && <SettingsView controller={controller} />}
      <ToastBar toast={state.toast} onDismiss={() => controller.dismissToast()} />
    </div>
  );
}
