import { isoTime, type SavedPaper, type TagRecord } from '../../shared/records';
import { shortAuthorList } from '../../formats/person-names';
import { READING_STATUSES, type ReadingStatus } from '../../shared/paper';
import { defaultTagColor } from '../../shared/tags';
import { absUrlOf } from '../../formats/paper-ids';
import type { Panel } from '../controller';

export const STATUS_LABELS: Record<ReadingStatus, string> = { unread: 'To read', reading: 'Reading', done: 'Done' };

export interface RowActions {
  select: (id: string) => void;
  open: (id: string, which: 'abstract' | 'pdf') => void;
  setStatus: (id: string, status: ReadingStatus) => void;
  togglePanel: (id: string, panel: Panel) => void;
  remove: (id: string) => void;
}

export interface PaperRowProps {
  paper: SavedPaper;
  tagsByKey: ReadonlyMap<string, TagRecord>;
  selected: boolean;
  panel: Panel | null;
  actions: RowActions;
}

const dateFormat = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric' });

export function PaperRow({ paper, tagsByKey, selected, panel, actions }: PaperRowProps) {
  const url = absUrlOf(paper);
  const id = paper.id;
  return (
    <div class="row-main" onClick={() => actions.select(id)}>
      <a
        class="title"
        href={url && /^https?:/iu.test(url) ? url : undefined}
        target="_blank"
        rel="noopener noreferrer"
        title={paper.title}
        onClick={(event) => {
          event.preventDefault();
          actions.open(id, 'abstract');
        }}
        tabIndex={selected ? 0 : -1}
      >
        {paper.title || id}
      </a>
      <div class="authors" title={paper.authors.join(', ')}>
        {shortAuthorList(paper.authors) || 'Unknown authors'}
      </div>
      <div class="meta">
        <select
          class={`status status-${paper.status}`}
          aria-label="Reading status"
          value={paper.status}
          tabIndex={selected ? 0 : -1}
          onChange={(event) => actions.setStatus(id, (event.currentTarget as HTMLSelectElement).value as ReadingStatus)}
        >
          {READING_STATUSES.map((status) => (
            <option key={status} value={status}>
              {STATUS_LABELS[status]}
            </option>
          ))}
        </select>
        <time class="saved" dateTime={isoTime(paper.savedAt)} title="Date saved">
          {isoTime(paper.savedAt) && dateFormat.format(paper.savedAt)}
        </time>
        <ul class="chips" aria-label="Tags">
          {paper.tags.map((tag, index) => {
            const key = paper.tagKeys[index] ?? tag.toLowerCase();
            return (
              <li key={key} class="chip" style={{ '--chip': tagsByKey.get(key)?.color ?? defaultTagColor(key) }}>
                {tagsByKey.get(key)?.name ?? tag}
              </li>
            );
          })}
        </ul>
      </div>
      <div class="actions" role="group" aria-label="Actions">
        <button type="button" tabIndex={selected ? 0 : -1} aria-label="Open PDF" title="Open PDF" onClick={() => actions.open(id, 'pdf')}>
          PDF
        </button>
        <button
          type="button"
          tabIndex={selected ? 0 : -1}
          aria-label="Edit tags"
          title="Edit tags (t)"
          aria-expanded={panel === 'tags'}
          onClick={() => actions.togglePanel(id, 'tags')}
        >
          Tags
        </button>
        <button
          type="button"
          tabIndex={selected ? 0 : -1}
          aria-label="Notes"
          title="Notes (n)"
          aria-expanded={panel === 'notes'}
          class={paper.note ? 'has-note' : undefined}
          onClick={() => actions.togglePanel(id, 'notes')}
        >
          Notes
        </button>
        <button type="button" tabIndex={selected ? 0 : -1} aria-label="Remove" title="Remove (Delete)" class="danger" onClick={() => actions.remove(id)}>
          ✕
        </button>
      </div>
    </div>
  );
}
