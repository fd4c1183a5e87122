// The library's table: sortable column headers over a windowed body. Rows have one fixed height,
// so only the rows in view (plus a few) are in the DOM whatever the size of the list
// (src/popup/row-window.ts does the arithmetic, as for the popup's list).
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { isoTime, type SavedPaper, type TagRecord } from '../../shared/records';
import { shortAuthorList } from '../../formats/person-names';
import { STATUS_LABELS } from '../../popup/components/PaperRow';
import { rowTop, totalHeight, visibleRange, type RowLayout } from '../../popup/row-window';
import { defaultTagColor } from '../../shared/tags';
import type { ClickModifiers } from '../selection';
import { COLUMNS, venueOf, yearOf, type ColumnId, type ColumnSort } from '../table-sort';

export const TABLE_ROW_HEIGHT = 34;

export interface PaperTableProps {
  rows: readonly SavedPaper[];
  tagsByKey: ReadonlyMap<string, TagRecord>;
  sort: ColumnSort | null;
  selected: ReadonlySet<string>;
  detailId: string | null;
  onSort: (column: ColumnId) => void;
  onClick: (id: string, modifiers: ClickModifiers) => void;
}

const dateFormat = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric' });

export function PaperTable({ rows, tagsByKey, sort, selected, detailId, onSort, onClick }: PaperTableProps) {
  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  // A tall window until measured; overscan covers the difference.
  const [height, setHeight] = useState(900);
  useLayoutEffect(() => {
    const element = viewport.current!;
    const measure = () => setHeight(element.clientHeight || 900);
    measure();
    const observer = typeof ResizeObserver === 'function' ? new ResizeObserver(measure) : null;
    observer?.observe(element);
    return () => observer?.disconnect();
  }, []);

  const layout: RowLayout = { count: rows.length, rowHeight: TABLE_ROW_HEIGHT, openIndex: -1, openHeight: TABLE_ROW_HEIGHT };
  const [first, last] = visibleRange(layout, scrollTop, height, 8);
  const body = [];
  for (let index = first; index < last; index += 1) {
    const paper = rows[index]!;
    const isSelected = selected.has(paper.id);
    body.push(
      <div
        key={paper.id}
        role="row"
        class={`trow${isSelected ? ' selected' : ''}${paper.id === detailId ? ' current' : ''}`}
        data-paper-id={paper.id}
        aria-rowindex={index + 2}
        aria-selected={isSelected}
        style={{ top: `${rowTop(layout, index)}px` }}
        onClick={(event) => onClick(paper.id, { shift: event.shiftKey, toggle: event.ctrlKey || event.metaKey })}
      >
        <div role="gridcell" class="cell check">
          <input
            type="checkbox"
            aria-label={`Select “${paper.title || paper.id}”`}
            checked={isSelected}
            onClick={(event) => {
              // The box toggles this row alone (Shift still extends a range).
              event.stopPropagation();
              onClick(paper.id, { shift: event.shiftKey, toggle: true });
            }}
          />
        </div>
        <div role="gridcell" class="cell title" title={paper.title}>
          {paper.title || paper.id}
        </div>
        <div role="gridcell" class="cell authors" title={paper.authors.join(', ')}>
          {shortAuthorList(paper.authors)}
        </div>
        <div role="gridcell" class="cell venue">
          {[venueOf(paper), yearOf(paper)].filter(Boolean).join(' · ')}
        </div>
        <div role="gridcell" class="cell tags">
          {paper.tags.map((tag, i) => {
            const key = paper.tagKeys[i] ?? tag.toLowerCase();
            const record = tagsByKey.get(key);
            return (
              <span key={key} class="chip" style={{ '--chip': record?.color ?? defaultTagColor(key) }}>
                {record?.name ?? tag}
              </span>
            );
          })}
        </div>
        <div role="gridcell" class={`cell status status-${paper.status}`}>
          {STATUS_LABELS[paper.status]}
        </div>
        <div role="gridcell" class="cell saved">
          {isoTime(paper.savedAt) && dateFormat.format(paper.savedAt)}
        </div>
      </div>,
    );
  }

  return (
    <div class="table" role="grid" aria-label="Saved papers" aria-rowcount={rows.length + 1} aria-multiselectable="true">
      <div role="row" class="thead" aria-rowindex={1}>
        <div role="columnheader" class="cell check" />
        {COLUMNS.map((column) => {
          const active = sort?.column === column.id;
          return (
            <div
              key={column.id}
              role="columnheader"
              class={`cell ${column.id}`}
              aria-sort={active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}
            >
              <button type="button" data-sort={column.id} onClick={() => onSort(column.id)}>
                {column.label}
                {active ? (sort.direction === 'asc' ? ' ▲' : ' ▼') : ''}
              </button>
            </div>
          );
        })}
      </div>
      <div class="tbody" ref={viewport} onScroll={(event) => setScrollTop((event.currentTarget as HTMLDivElement).scrollTop)}>
        <div class="tspacer" style={{ height: `${totalHeight(layout)}px` }}>
          {body}
        </div>
      </div>
    </div>
  );
}
