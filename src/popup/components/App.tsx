import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { SavedPaper } from '../../shared/records';
import type { TagSuggestion } from '../../shared/messages';
import type { Panel, PopupController } from '../controller';
import { downloadText } from '../download';
import { isControl, isTextField, keyAction } from '../keyboard';
import { unbackedSince } from '../backup-reminder';
import { useControllerState } from '../use-controller';
import { useSettings } from '../use-settings';
import { DataMenu } from './DataMenu';
import { BackupReminder, EmptyState, ImportNotice, ToastBar } from './Notices';
import { SyncNotice } from './SyncNotice';
import { PageLine } from './PageLine';
import { ForYouList } from './ForYouList';
import { PaperList } from './PaperList';
import { PaperPanel } from './PaperPanel';
import { PaperRow, type RowActions } from './PaperRow';
import { ControllerToolbar } from './Toolbar';
import { PageActions } from './PageActions';
import type { PageMarker } from '../page-marker';

export interface AppProps {
  controller: PopupController;
  getSuggestions: (prefix: string, exclude: readonly string[]) => Promise<readonly TagSuggestion[]>;
  /** "Mark this page" / "Always on this site" for the tab the popup is over (absent in tests of the list alone). */
  pageMarker?: PageMarker;
}

export function App({ controller, getSuggestions, pageMarker }: AppProps) {
  const state = useControllerState(controller);
  const search = useRef<HTMLInputElement>(null);
  const filtered = state.query.trim() !== '' || state.status !== 'all' || state.tagFilter.length > 0;
  const settings = useSettings();
  const [reminderDismissed, dismissReminder] = useState(false);
  const lastBackupAt = settings?.lastBackupAt ?? null;
  const unbacked = useMemo(
    () => (settings && state.loaded && !reminderDismissed ? unbackedSince(state.papers, lastBackupAt, Date.now()) : null),
    [state.papers, state.loaded, settings === null, lastBackupAt, reminderDismissed],
  );

  const togglePanel = (id: string, panel: Panel) => {
    if (state.openId === id && state.panel === panel) controller.closePanel();
    else controller.openPanel(id, panel);
  };
  const actions: RowActions = useMemo(
    () => ({
      select: (id) => controller.select(id),
      open: (id, which) => controller.open(id, which),
      setStatus: (id, status) => void controller.setStatus(id, status),
      togglePanel: (id, panel) => togglePanel(id, panel),
      remove: (id) => void controller.remove(id),
    }),
    [controller, state.openId, state.panel],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const action = keyAction({
        key: event.key,
        ctrlKey: event.ctrlKey,
        metaKey: event.metaKey,
        altKey: event.altKey,
        inTextField: isTextField(event.target),
        onControl: isControl(event.target),
      });
      if (!action) return;
      const id = controller.state.selectedId;
      switch (action) {
        case 'focus-search':
          search.current?.focus();
          search.current?.select();
          break;
        case 'next':
          if (event.target === search.current) (event.target as HTMLElement).blur();
          controller.moveSelection(1);
          break;
        case 'previous':
          controller.moveSelection(-1);
          break;
        case 'open':
          if (id) controller.open(id, 'abstract');
          break;
        case 'tags':
        case 'notes':
          if (id) controller.openPanel(id, action);
          break;
        case 'cycle-status':
          if (id) void controller.cycleStatus(id);
          break;
        case 'remove':
          if (id) void controller.remove(id);
          break;
        case 'escape':
          if (controller.state.openId) controller.closePanel();
          else if (isTextField(event.target)) (event.target as HTMLElement).blur();
          else return;
          break;
      }
      event.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [controller]);

  const renderRow = (paper: SavedPaper) => {
    const open = state.openId === paper.id ? state.panel : null;
    return (
      <>
        <PaperRow paper={paper} tagsByKey={state.tagsByKey} selected={paper.id === state.selectedId} panel={open} actions={actions} />
        {open && (
          <PaperPanel
            paper={paper}
            panel={open}
            draft={state.drafts.get(paper.id)}
            getSuggestions={getSuggestions}
            addTag={(id, name) => controller.addTag(id, name)}
            removeTag={(id, name) => void controller.removeTag(id, name)}
            editNote={(id, note) => controller.editNote(id, note)}
            close={() => controller.closePanel()}
          />
        )}
      </>
    );
  };

  return (
    <main class="popup" aria-busy={!state.loaded}>
      <header class="top">
        <h1>Shelfmark</h1>
        <a
          class="open-library"
          href="library.html"
          data-action="open-library"
          onClick={(event) => {
            event.preventDefault();
            controller.openLibrary();
          }}
        >
          Open library
        </a>
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
      {pageMarker && <PageActions marker={pageMarker} />}
      <PageLine />
      <ForYouList seenHistoryOn={settings?.seenHistory.enabled ?? true} />
      <ImportNotice outcome={state.importOutcome} onDismiss={() => controller.dismissImport()} />
      <SyncNotice onOpenSettings={() => controller.openLibrary('settings-sync')} />
      {unbacked !== null && (
        <BackupReminder since={unbacked} onBackup={() => controller.openLibrary('settings-backup')} onDismiss={() => dismissReminder(true)} />
      )}
      {(state.loaded ? state.papers.length > 0 : state.preview.length > 0) && (
        <ControllerToolbar controller={controller} state={state} searchRef={search} />
      )}
      {state.loaded && state.visible.length === 0 && <EmptyState filtered={state.papers.length > 0} onClear={() => controller.clearFilters()} />}
      {state.visible.length > 0 && <PaperList papers={state.visible} selectedId={state.selectedId} openId={state.openId} renderRow={renderRow} />}
      {!state.loaded && state.preview.length > 0 && (
        // How many papers there are is known once all are read (IndexedDB counts by walking them).
        <PaperList papers={state.preview} setSize={-1} selectedId={null} openId={null} renderRow={renderRow} />
      )}
      <ToastBar toast={state.toast} onDismiss={() => controller.dismissToast()} />
    </main>
  );
}
