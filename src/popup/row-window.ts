// Windowing for a list of fixed-height rows where at most one row is open (taller, showing the
// tag editor and notes). Fixed heights make every offset arithmetic: no measuring, no layout
// thrash, and 10,000 rows cost the same as 10.

export interface RowLayout {
  count: number;
  rowHeight: number;
  /** Index of the open row, or -1. */
  openIndex: number;
  openHeight: number;
}

export function totalHeight(layout: RowLayout): number {
  const open = layout.openIndex >= 0 && layout.openIndex < layout.count;
  return layout.count * layout.rowHeight + (open ? layout.openHeight - layout.rowHeight : 0);
}

export function rowTop(layout: RowLayout, index: number): number {
  const extra = layout.openIndex >= 0 && index > layout.openIndex ? layout.openHeight - layout.rowHeight : 0;
  return index * layout.rowHeight + extra;
}

export function rowHeightAt(layout: RowLayout, index: number): number {
  return index === layout.openIndex ? layout.openHeight : layout.rowHeight;
}

/** The row under vertical position `y`, clamped to the list. */
export function indexAt(layout: RowLayout, y: number): number {
  if (layout.count === 0) return 0;
  const openTop = layout.openIndex >= 0 ? rowTop(layout, layout.openIndex) : Infinity;
  let index: number;
  if (y < openTop) index = Math.floor(y / layout.rowHeight);
  else if (y < openTop + layout.openHeight) index = layout.openIndex;
  else index = layout.openIndex + 1 + Math.floor((y - openTop - layout.openHeight) / layout.rowHeight);
  return Math.max(0, Math.min(layout.count - 1, index));
}

/** Rows to render for a viewport, with `overscan` rows either side so fast scrolling stays filled. */
export function visibleRange(layout: RowLayout, scrollTop: number, viewportHeight: number, overscan = 4): [number, number] {
  if (layout.count === 0) return [0, 0];
  const first = Math.max(0, indexAt(layout, scrollTop) - overscan);
  const last = Math.min(layout.count, indexAt(layout, scrollTop + viewportHeight) + 1 + overscan);
  return [first, last];
}

/** The scrollTop that brings row `index` fully into view, or null if it already is. */
export function scrollToReveal(layout: RowLayout, index: number, scrollTop: number, viewportHeight: number): number | null {
  const top = rowTop(layout, index);
  const bottom = top + rowHeightAt(layout, index);
  if (top < scrollTop) return top;
  if (bottom > scrollTop + viewportHeight) return bottom - viewportHeight;
  return null;
}
