import type { Ref } from 'preact';
import type { ReadingStatus } from '../../shared/paper';
import { READING_STATUSES } from '../../shared/paper';
import type { SortOrder, StatusFilter, TagCount } from '../list-view';
import { STATUS_LABELS } from './PaperRow';
import type { PopupController, PopupState } from '../controller';

export interface ToolbarProps {
  searchRef: Ref<HTMLInputElement>;
  query: string;
  status: StatusFilter;
  sort: SortOrder;
  tagCounts: readonly TagCount[];
  tagFilter: readonly string[];
  shown: number;
  /** null while the list is still being read. */
  total: number | null;
  onQuery: (query: string) => void;
  onStatus: (status: StatusFilter) => void;
  onSort: (sort: SortOrder) => void;
  onToggleTag: (key: string) => void;
  onClear: () => void;
}

export function Toolbar(props: ToolbarProps) {
  const filtered = props.query.trim() !== '' || props.status !== 'all' || props.tagFilter.length > 0;
  return (
    <div class="toolbar">
      <div class="controls">
        <input
          ref={props.searchRef}
          type="search"
          class="search"
          aria-label="Search saved papers"
          placeholder="Search papers, tags, notes  ( / )"
          title="Searches titles, authors, abstracts, tags and notes"
          value={props.query}
          onInput={(event) => props.onQuery((event.currentTarget as HTMLInputElement).value)}
        />
        <select aria-label="Filter by status" value={props.status} onChange={(e) => props.onStatus((e.currentTarget as HTMLSelectElement).value as StatusFilter)}>
          <option value="all">Any status</option>
          {READING_STATUSES.map((status: ReadingStatus) => (
            <option key={status} value={status}>
              {STATUS_LABELS[status]}
            </option>
          ))}
        </select>
        <select aria-label="Sort by" value={props.sort} onChange={(e) => props.onSort((e.currentTarget as HTMLSelectElement).value as SortOrder)}>
          <option value="saved">Date saved</option>
          <option value="title">Title</option>
          <option value="date">Paper date</option>
        </select>
      </div>
      {props.tagCounts.length > 0 && (
        <div class="tag-filter" role="group" aria-label="Filter by tags (all selected must match)">
          {props.tagCounts.map((tag) => {
            const on = props.tagFilter.includes(tag.key);
            return (
              <button
                key={tag.key}
                type="button"
                class={`chip filter${on ? ' on' : ''}`}
                style={{ '--chip': tag.color }}
                aria-pressed={on}
                onClick={() => props.onToggleTag(tag.key)}
              >
                {tag.name} <span class="count">{tag.count}</span>
              </button>
            );
          })}
        </div>
      )}
      <div class="summary" aria-live="polite">
        {props.total === null
          ? 'Loading…'
          : filtered
            ? `${props.shown} of ${props.total} papers`
            : `${props.total} paper${props.total === 1 ? '' : 's'}`}
        {filtered && (
          <button type="button" class="link" onClick={props.onClear}>
            Clear filters
          </button>
        )}
      </div>
    </div>
  );
}

/** The toolbar wired to the controller's filters, as the popup and the library page both show it. */
export function ControllerToolbar({ controller, state, searchRef }: { controller: PopupController; state: PopupState; searchRef: Ref<HTMLInputElement> }) {
  return (
    <Toolbar
      searchRef={searchRef}
      query={state.query}
      status={state.status}
      sort={state.sort}
      tagCounts={state.tagCounts}
      tagFilter={state.tagFilter}
      shown={state.visible.length}
      total={state.loaded ? state.papers.length : null}
      onQuery={(query) => controller.setQuery(query)}
      onStatus={(status) => controller.setStatusFilter(status)}
      onSort={(sort) => controller.setSort(sort)}
      onToggleTag={(key) => controller.toggleTagFilter(key)}
      onClear={() => controller.clearFilters()}
    />
  );
}
