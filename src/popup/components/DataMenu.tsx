// Export (all papers or those shown) and import, in a disclosure so the list keeps the room.
import { useRef, useState } from 'preact/hooks';
import { EXPORT_FORMATS, type ExportFormat } from '../../formats/export-formats';

export interface DataMenuProps {
  filtered: boolean;
  importing: boolean;
  onExport: (format: ExportFormat['id'], scope: 'all' | 'shown') => void;
  onImport: (file: File) => void;
}

export function DataMenu({ filtered, importing, onExport, onImport }: DataMenuProps) {
  const [scope, setScope] = useState<'all' | 'shown'>('all');
  const fileInput = useRef<HTMLInputElement>(null);
  return (
    <details class="data-menu">
      <summary>Export / import</summary>
      <div class="data-body">
        <fieldset>
          <legend>Export</legend>
          <label>
            <input type="radio" name="scope" checked={scope === 'all'} onChange={() => setScope('all')} /> All papers
          </label>
          <label>
            <input type="radio" name="scope" checked={scope === 'shown'} disabled={!filtered} onChange={() => setScope('shown')} /> Only those shown
          </label>
          <div class="export-buttons">
            {EXPORT_FORMATS.map((format) => (
              <button key={format.id} type="button" data-format={format.id} onClick={() => onExport(format.id, filtered ? scope : 'all')}>
                {format.label}
              </button>
            ))}
          </div>
        </fieldset>
        <fieldset>
          <legend>Import</legend>
          <p class="hint">A Shelfmark backup, CSL-JSON (Zotero), a PaperMemory backup (.json) or BibTeX (.bib). Papers are merged; nothing is deleted.</p>
          <input
            ref={fileInput}
            type="file"
            accept=".json,.bib,.bibtex,application/json,application/x-bibtex,text/plain"
            aria-label="Import a file"
            disabled={importing}
            onChange={(event) => {
              const input = event.currentTarget as HTMLInputElement;
              const file = input.files?.[0];
              if (file) onImport(file);
              input.value = '';
            }}
          />
        </fieldset>
      </div>
    </details>
  );
}
