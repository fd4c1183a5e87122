// The tab's page summary at the top of the popup, with "Save all new" and its undo.
import { useEffect, useState } from 'preact/hooks';
import type { PageSummaryReport } from '../../shared/triage';
import { activeTabId, describePage, pageSummaryOf, sendPageCommand } from '../page-summary';

export function PageLine() {
  const [tab, setTab] = useState<{ id: number; summary: PageSummaryReport } | null>(null);
  const [note, setNote] = useState<{ text: string; undo: boolean } | null>(null);
  const load = async () => {
    const id = await activeTabId();
    const summary = id === undefined ? null : await pageSummaryOf(id);
    setTab(id !== undefined && summary ? { id, summary } : null);
  };
  useEffect(() => {
    void load().catch(() => setTab(null));
  }, []);
  if (!tab) return null;
  const unsavedNew = tab.summary.new;
  const act = (command: 'saveAllNew' | 'undoBulk') =>
    sendPageCommand(tab.id, command).then(
      (done) => {
        setNote(command === 'saveAllNew' ? { text: `Saved ${done.changed}.`, undo: done.undoable } : { text: 'Undone.', undo: false });
        // The page reports its new summary a moment later.
        setTimeout(() => void load().catch(() => undefined), 400);
      },
      () => setNote({ text: 'The page did not answer.', undo: false }),
    );
  return (
    <p class="page-line" data-page-summary>
      <span>{describePage(tab.summary)}</span>
      {unsavedNew > 0 ? (
        <button type="button" data-action="save-all-new" onClick={() => void act('saveAllNew')}>
          Save all new
        </button>
      ) : null}
      {note ? <span role="status">{note.text}</span> : null}
      {note?.undo ? (
        <button type="button" data-action="undo-save-all-new" onClick={() => void act('undoBulk')}>
          Undo
        </button>
      ) : null}
    </p>
  );
}
