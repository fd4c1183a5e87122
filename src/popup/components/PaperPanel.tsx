// The open row's extra part: the tag editor and the notes, saved as you type.
import { useEffect, useRef } from 'preact/hooks';
import type { SavedPaper } from '../../shared/records';
import type { TagSuggestion } from '../../shared/messages';
import type { Panel } from '../controller';
import { TagEditorField } from './TagEditorField';

export interface PaperPanelProps {
  paper: SavedPaper;
  panel: Panel;
  draft: string | undefined;
  getSuggestions: (prefix: string, exclude: readonly string[]) => Promise<readonly TagSuggestion[]>;
  addTag: (id: string, name: string) => Promise<unknown>;
  removeTag: (id: string, name: string) => void;
  editNote: (id: string, note: string) => void;
  close: () => void;
}

export function PaperPanel({ paper, panel, draft, getSuggestions, addTag, removeTag, editNote, close }: PaperPanelProps) {
  const notes = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (panel === 'notes') notes.current?.focus();
  }, [panel, paper.id]);
  const noteId = `note-${paper.id}`;
  return (
    <div class="panel">
      <div class="panel-tags">
        <span class="panel-label">Tags</span>
        <ul class="chips editable" aria-label="Tags of this paper">
          {paper.tags.map((tag) => (
            <li key={tag} class="chip">
              {tag}
              <button type="button" class="chip-remove" aria-label={`Remove tag ${tag}`} onClick={() => removeTag(paper.id, tag)}>
                ×
              </button>
            </li>
          ))}
        </ul>
        <TagEditorField
          key={paper.id}
          tags={paper.tags}
          getSuggestions={getSuggestions}
          onAdd={(name) => addTag(paper.id, name)}
          onRemoveLast={() => {
            const last = paper.tags[paper.tags.length - 1];
            if (last) removeTag(paper.id, last);
          }}
          onClose={close}
          autoFocus={panel === 'tags'}
        />
      </div>
      <label class="panel-label" for={noteId}>
        Notes <span class="hint">{draft !== undefined ? 'Saving…' : 'Saved as you type'}</span>
      </label>
      <textarea
        id={noteId}
        ref={notes}
        class="notes"
        rows={4}
        value={draft ?? paper.note}
        placeholder="Your notes on this paper"
        onInput={(event) => editNote(paper.id, (event.currentTarget as HTMLTextAreaElement).value)}
      />
    </div>
  );
}
