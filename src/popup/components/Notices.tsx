import type { ImportOutcome, Toast } from '../controller';

export function ToastBar({ toast, onDismiss }: { toast: Toast | null; onDismiss: () => void }) {
  if (!toast) return null;
  return (
    <div class={`toast ${toast.kind}`} role={toast.kind === 'error' ? 'alert' : 'status'}>
      <span>{toast.message}</span>
      {toast.undo && (
        <button type="button" onClick={toast.undo}>
          Undo
        </button>
      )}
      <button type="button" aria-label="Dismiss" onClick={onDismiss}>
        ×
      </button>
    </div>
  );
}

export function ImportNotice({ outcome, onDismiss }: { outcome: ImportOutcome | null; onDismiss: () => void }) {
  if (!outcome) return null;
  const { report } = outcome;
  return (
    <div class={`import-notice${outcome.error ? ' error' : ''}`} role={outcome.error ? 'alert' : 'status'}>
      <strong>{outcome.error ? `Could not import ${outcome.fileName}; nothing was changed.` : `Imported ${outcome.fileName}`}</strong>
      {outcome.error && <p class="import-error">{outcome.error}</p>}
      {report && (
        <p class="import-report">
          {report.added} added, {report.updated} updated, {report.unchanged} unchanged
          {report.tagsAdded ? `, ${report.tagsAdded} new tags` : ''}
          {outcome.skipped?.length ? `; ${outcome.skipped.length} entries skipped (no arXiv id or DOI)` : ''}.
        </p>
      )}
      <button type="button" onClick={onDismiss}>
        OK
      </button>
    </div>
  );
}

export function EmptyState({ filtered, onClear }: { filtered: boolean; onClear: () => void }) {
  if (filtered) {
    return (
      <div class="empty">
        <p>No saved paper matches.</p>
        <button type="button" onClick={onClear}>
          Clear search and filters
        </button>
      </div>
    );
  }
  return (
    <div class="empty">
      <h2>Your reading list is empty</h2>
      <p>
        Open an arXiv listing (such as arxiv.org/list/cs.LG/new) or Hugging Face Papers, and press the <strong>Save</strong> button Shelfmark
        adds beside each paper. Saved papers appear here, in every tab.
      </p>
      <p>Or import a Shelfmark backup or a BibTeX file under “Export / import”.</p>
    </div>
  );
}

const sinceFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/** A gentle nudge, not an alarm: changes since `since` are in no backup. */
export function BackupReminder({ since, onBackup, onDismiss }: { since: number; onBackup: () => void; onDismiss: () => void }) {
  return (
    <div class="backup-reminder" role="status">
      <span>Changes since {sinceFormat.format(since)} are in no backup.</span>
      <button type="button" class="link" onClick={onBackup}>
        Back up
      </button>
      <button type="button" class="link" onClick={onDismiss}>
        Later
      </button>
    </div>
  );
}
