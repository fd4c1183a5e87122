// Multi-select over the table's rows as shown: a click selects one row, Ctrl/⌘-click toggles one,
// Shift-click selects the range from the last clicked row, and "select all" takes every row the
// current filter shows. Pure: the controller keeps the result.
export interface Selection {
  ids: ReadonlySet<string>;
  /** The row a Shift-click extends from. */
  anchor: string | null;
}

export const EMPTY_SELECTION: Selection = { ids: new Set(), anchor: null };

export interface ClickModifiers {
  shift?: boolean;
  toggle?: boolean;
}

export function clickRow(selection: Selection, order: readonly string[], id: string, { shift = false, toggle = false }: ClickModifiers = {}): Selection {
  if (shift && selection.anchor !== null) {
    const from = order.indexOf(selection.anchor);
    const to = order.indexOf(id);
    if (from >= 0 && to >= 0) {
      const [start, end] = from <= to ? [from, to] : [to, from];
      const ids = new Set(toggle ? selection.ids : []);
      for (let i = start; i <= end; i += 1) ids.add(order[i]!);
      return { ids, anchor: selection.anchor };
    }
  }
  if (toggle) {
    const ids = new Set(selection.ids);
    if (ids.has(id)) ids.delete(id);
    else ids.add(id);
    return { ids, anchor: id };
  }
  return { ids: new Set([id]), anchor: id };
}

export function selectAll(order: readonly string[]): Selection {
  return { ids: new Set(order), anchor: order[0] ?? null };
}

/** Drops ids no longer shown (a filter changed, papers were removed). */
export function keepShown(selection: Selection, shown: ReadonlySet<string>): Selection {
  if ([...selection.ids].every((id) => shown.has(id))) return selection;
  const ids = new Set([...selection.ids].filter((id) => shown.has(id)));
  return { ids, anchor: selection.anchor !== null && shown.has(selection.anchor) ? selection.anchor : null };
}
