// The paper the user last clicked: its metadata, links, tags and notes (saved as you type).
import { isoTime, type SavedPaper, type TagRecord } from '../../shared/records';
import { absUrlOf, pdfUrlOf } from '../../formats/paper-ids';
import { STATUS_LABELS } from '../../popup/components/PaperRow';
import { TagEditorField } from '../../popup/components/TagEditorField';
import type { TagSuggestion } from '../../shared/messages';
import { READING_STATUSES, type ReadingStatus } from '../../shared/paper';
import { defaultTagColor } from '../../shared/tags';
import { venueOf, yearOf } from '../table-sort';

export interface DetailPaneProps {
  paper: SavedPaper;
  tagsByKey: ReadonlyMap<string, TagRecord>;
  draft: string | undefined;
  getSuggestions: (prefix: string, exclude: readonly string[]) => Promise<readonly TagSuggestion[]>;
  addTag: (id: string, name: string) => Promise<unknown>;
  removeTag: (id: string, name: string) => void;
  setStatus: (id: string, status: ReadingStatus) => void;
  editNote: (id: string, note: string) => void;
  close: () => void;
}

const savedFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** Only web links are made clickable: a stored URL must never run script in the extension's origin. */
function webLink(url: string | undefined): string | undefined {
  return url && /^https?:\/\//iu.test(url) ? url : undefined;
}

export function DetailPane(props: DetailPaneProps) {
  const { paper } = props;
  const abs = webLink(absUrlOf(paper));
  const pdf = webLink(pdfUrlOf(paper));
  return (
    <aside class="detail" aria-label="Paper details">
      <header>
        <h2>{paper.title || paper.id}</h2>
        <button type="button" aria-label="Close details" onClick={props.close}>
          ×
        </button>
      </header>
      <p class="authors">{paper.authors.join(', ') || 'Unknown authors'}</p>
      <dl>
        <dt>Venue</dt>
        <dd>{[venueOf(paper), yearOf(paper)].filter(Boolean).join(' · ') || '—'}</dd>
        <dt>Ids</dt>
        <dd class="ids">{paper.aliases.join(' · ')}</dd>
        <dt>Saved</dt>
        <dd>{isoTime(paper.savedAt) && savedFormat.format(paper.savedAt)}</dd>
        {paper.comments && (
          <>
            <dt>Comments</dt>
            <dd>{paper.comments}</dd>
          </>
        )}
      </dl>
      <p class="links">
        {abs && (
          <a href={abs} target="_blank" rel="noopener noreferrer">
            Abstract page
          </a>
        )}
        {pdf && (
          <a href={pdf} target="_blank" rel="noopener noreferrer">
            PDF
          </a>
        )}
      </p>
      <label class="panel-label">
        Status{' '}
        <select
          aria-label="Reading status"
          value={paper.status}
          onChange={(event) => props.setStatus(paper.id, (event.currentTarget as HTMLSelectElement).value as ReadingStatus)}
        >
          {READING_STATUSES.map((status) => (
            <option key={status} value={status}>
              {STATUS_LABELS[status]}
            </option>
          ))}
        </select>
      </label>
      <div class="panel-tags">
        <span class="panel-label">Tags</span>
        <ul class="chips editable" aria-label="Tags of this paper">
          {paper.tags.map((tag, i) => {
            const key = paper.tagKeys[i] ?? tag.toLowerCase();
            const record = props.tagsByKey.get(key);
            return (
              <li key={key} class="chip" style={{ '--chip': record?.color ?? defaultTagColor(key) }}>
                {record?.name ?? tag}
                <button type="button" class="chip-remove" aria-label={`Remove tag ${tag}`} onClick={() => props.removeTag(paper.id, tag)}>
                  ×
                </button>
              </li>
            );
          })}
        </ul>
        <TagEditorField
          key={paper.id}
          tags={paper.tags}
          getSuggestions={props.getSuggestions}
          onAdd={(name) => props.addTag(paper.id, name)}
          onRemoveLast={() => {
            const last = paper.tags[paper.tags.length - 1];
            if (last) props.removeTag(paper.id, last);
          }}
          onClose={() => undefined}
          autoFocus={false}
        />
      </div>
      <label class="panel-label" for={`detail-note-${paper.id}`}>
        Notes <span class="hint">{props.draft !== undefined ? 'Saving…' : 'Saved as you type'}</span>
      </label>
      <textarea
        id={`detail-note-${paper.id}`}
        class="notes"
        rows={8}
        value={props.draft ?? paper.note}
        placeholder="Your notes on this paper"
        onInput={(event) => props.editNote(paper.id, (event.currentTarget as HTMLTextAreaElement).value)}
      />
      {paper.abstract && (
        <section class="abstract">
          <h3>Abstract</h3>
          <p>{paper.abstract}</p>
        </section>
      )}
    </aside>
  );
}
