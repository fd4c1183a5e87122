// Actions on the selected papers: each is one request, one transaction and one Undo.
import { useState } from 'preact/hooks';
import { EXPORT_FORMATS, type ExportFormat } from '../../formats/export-formats';
import { STATUS_LABELS } from '../../popup/components/PaperRow';
import { READING_STATUSES, type ReadingStatus } from '../../shared/paper';

export interface BulkBarProps {
  selected: number;
  shown: number;
  onSelectAll: () => void;
  onClear: () => void;
  onAddTag: (name: string) => Promise<boolean>;
  onRemoveTag: (name: string) => Promise<boolean>;
  onStatus: (status: ReadingStatus) => void;
  onDelete: () => void;
  onExport: (format: ExportFormat['id']) => void;
}

export function BulkBar(props: BulkBarProps) {
  const [tag, setTag] = useState('');
  const tagAction = async (run: (name: string) => Promise<boolean>) => {
    if (tag.trim() && (await run(tag.trim()))) setTag('');
  };
  return (
    <div class="bulk-bar" role="toolbar" aria-label="Selected papers">
      <span class="count" aria-live="polite">
        {props.selected > 0 ? `${props.selected} selected` : 'None selected'}
      </span>
      <button type="button" data-action="select-all" onClick={props.onSelectAll} disabled={props.shown === 0}>
        Select all {props.shown} shown
      </button>
      {props.selected > 0 && (
        <>
          <button type="button" onClick={props.onClear}>
            Clear selection
          </button>
          <input
            type="text"
            aria-label="Tag for the selected papers"
            placeholder="tag"
            value={tag}
            onInput={(event) => setTag((event.currentTarget as HTMLInputElement).value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') void tagAction(props.onAddTag);
            }}
          />
          <button type="button" data-action="bulk-add-tag" onClick={() => void tagAction(props.onAddTag)}>
            Add tag
          </button>
          <button type="button" data-action="bulk-remove-tag" onClick={() => void tagAction(props.onRemoveTag)}>
            Remove tag
          </button>
          <select
            aria-label="Set status of the selected papers"
            value=""
            onChange={(event) => {
              const value = (event.currentTarget as HTMLSelectElement).value;
              if (value) props.onStatus(value as ReadingStatus);
            }}
          >
            <option value="">Set status…</option>
            {READING_STATUSES.map((status) => (
              <option key={status} value={status}>
                {STATUS_LABELS[status]}
              </option>
            ))}
          </select>
          <select
            aria-label="Export the selected papers"
            value=""
            onChange={(event) => {
              const value = (event.currentTarget as HTMLSelectElement).value;
              if (value) props.onExport(value as ExportFormat['id']);
            }}
          >
            <option value="">Export…</option>
            {EXPORT_FORMATS.map((format) => (
              <option key={format.id} value={format.id}>
                {format.label}
              </option>
            ))}
          </select>
          <button type="button" class="danger" data-action="bulk-delete" onClick={props.onDelete}>
            Delete
          </button>
        </>
      )}
    </div>
  );
}
