// A windowed list: only the rows in view (plus a few) are in the DOM, positioned absolutely over
// a spacer as tall as the whole list (see ../row-window.ts).
import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { SavedPaper } from '../../shared/records';
import { rowHeightAt, rowTop, scrollToReveal, totalHeight, visibleRange, type RowLayout } from '../row-window';

export const ROW_HEIGHT = 84;
export const OPEN_ROW_HEIGHT = 250;

export interface PaperListProps {
  papers: readonly SavedPaper[];
  selectedId: string | null;
  openId: string | null;
  renderRow: (paper: SavedPaper, index: number) => ComponentChildren;
  /**
   * The length of the whole list when `papers` is only its start (the first screen); -1 while it
   * is not known yet, as ARIA asks for a set of unknown size.
   */
  setSize?: number;
}

export function PaperList({ papers, selectedId, openId, renderRow, setSize = papers.length }: PaperListProps) {
  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  // A popup is at most 600 px tall; until it is measured, assume that.
  const [height, setHeight] = useState(600);
  const layout: RowLayout = {
    count: papers.length,
    rowHeight: ROW_HEIGHT,
    openIndex: openId ? papers.findIndex((p) => p.id === openId) : -1,
    openHeight: OPEN_ROW_HEIGHT,
  };

  useLayoutEffect(() => {
    const element = viewport.current!;
    setHeight(element.clientHeight || 600);
    const observer = typeof ResizeObserver === 'function' ? new ResizeObserver(() => setHeight(element.clientHeight || 600)) : null;
    observer?.observe(element);
    return () => observer?.disconnect();
  }, []);

  // Keep the selected (keyboard-moved) row in view.
  const selectedIndex = selectedId ? papers.findIndex((p) => p.id === selectedId) : -1;
  useEffect(() => {
    const element = viewport.current;
    if (!element || selectedIndex < 0) return;
    const target = scrollToReveal(layout, selectedIndex, element.scrollTop, element.clientHeight || height);
    if (target !== null) {
      element.scrollTop = target;
      setScrollTop(target);
    }
  }, [selectedIndex, layout.openIndex]);

  const [first, last] = visibleRange(layout, scrollTop, height);
  const rows = [];
  for (let index = first; index < last; index += 1) {
    const paper = papers[index]!;
    rows.push(
      <li
        key={paper.id}
        class={`row${paper.id === selectedId ? ' selected' : ''}${index === layout.openIndex ? ' open' : ''}`}
        data-paper-id={paper.id}
        aria-current={paper.id === selectedId ? 'true' : undefined}
        aria-posinset={index + 1}
        aria-setsize={setSize}
        style={{ top: `${rowTop(layout, index)}px`, height: `${rowHeightAt(layout, index)}px` }}
      >
        {renderRow(paper, index)}
      </li>,
    );
  }

  return (
    <div class="viewport" ref={viewport} onScroll={(event) => setScrollTop((event.currentTarget as HTMLDivElement).scrollTop)}>
      <ul class="rows" aria-label="Saved papers" style={{ height: `${totalHeight(layout)}px` }}>
        {rows}
      </ul>
    </div>
  );
}
