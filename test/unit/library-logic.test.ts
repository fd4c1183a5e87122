import { describe, expect, it } from 'vitest';
import { clickRow, EMPTY_SELECTION, keepShown, selectAll } from '../../src/library/selection';
import { nextSort, sortRows, venueOf, yearOf } from '../../src/library/table-sort';
import { unbackedSince } from '../../src/popup/backup-reminder';
import { BACKUP_REMINDER_AFTER_MS } from '../../src/shared/settings';
import { samplePaper } from './format-samples';

const order = ['a', 'b', 'c', 'd', 'e'];

describe('library selection', () => {
  it('selects one row per click, toggles with Ctrl/⌘, extends a range with Shift, and takes all shown', () => {
    let selection = clickRow(EMPTY_SELECTION, order, 'b');
    expect([...selection.ids]).toEqual(['b']);
    selection = clickRow(selection, order, 'd', { shift: true });
    expect([...selection.ids].sort()).toEqual(['b', 'c', 'd']);
    // A Shift-click upwards from the same anchor replaces the range.
    selection = clickRow(selection, order, 'a', { shift: true });
    expect([...selection.ids].sort()).toEqual(['a', 'b']);
    selection = clickRow(selection, order, 'e', { toggle: true });
    expect([...selection.ids].sort()).toEqual(['a', 'b', 'e']);
    selection = clickRow(selection, order, 'a', { toggle: true });
    expect([...selection.ids].sort()).toEqual(['b', 'e']);
    expect(selectAll(order).ids.size).toBe(5);
    expect([...keepShown(selectAll(order), new Set(['a', 'c', 'z'])).ids]).toEqual(['a', 'c']);
  });
});

describe('library table sort', () => {
  it('sorts each column both ways, and the same column flips direction', () => {
    const rows = [
      samplePaper({ title: 'beta', authors: ['Zed'], status: 'done', savedAt: 1, date: '2020-01-01' }),
      samplePaper({ title: 'Alpha', authors: ['Amy'], status: 'unread', savedAt: 3, date: '2023-05-01' }),
      samplePaper({ title: 'gamma 10', authors: ['Mo'], status: 'reading', savedAt: 2 }),
    ];
    const titles = (sorted: readonly { title: string }[]) => sorted.map((p) => p.title);
    expect(titles(sortRows(rows, { column: 'title', direction: 'asc' }))).toEqual(['Alpha', 'beta', 'gamma 10']);
    expect(titles(sortRows(rows, { column: 'title', direction: 'desc' }))).toEqual(['gamma 10', 'beta', 'Alpha']);
    expect(titles(sortRows(rows, { column: 'authors', direction: 'asc' }))).toEqual(['Alpha', 'gamma 10', 'beta']);
    expect(titles(sortRows(rows, { column: 'status', direction: 'asc' }))).toEqual(['Alpha', 'gamma 10', 'beta']);
    expect(titles(sortRows(rows, { column: 'saved', direction: 'desc' }))).toEqual(['Alpha', 'gamma 10', 'beta']);
    expect(titles(sortRows(rows, { column: 'venue', direction: 'desc' }))).toEqual(['gamma 10', 'Alpha', 'beta']);
    expect(sortRows(rows, null)).toBe(rows);
    expect(nextSort(null, 'title')).toEqual({ column: 'title', direction: 'asc' });
    expect(nextSort({ column: 'title', direction: 'asc' }, 'title')).toEqual({ column: 'title', direction: 'desc' });
    expect(nextSort({ column: 'title', direction: 'asc' }, 'saved')).toEqual({ column: 'saved', direction: 'desc' });
    expect(venueOf(samplePaper({ journalRef: 'Journal of Made-up Results 4' }))).toBe('Journal of Made-up Results 4');
    expect(venueOf(samplePaper())).toBe('arXiv cs.LG');
    expect(yearOf(samplePaper({ date: '2019-03-04' }))).toBe('2019');
  });
});

describe('backup reminder', () => {
  const now = 1_800_000_000_000;
  const day = 86_400_000;
  it('reminds only of changes that no backup holds and that are older than 30 days', () => {
    const old = samplePaper({ updatedAt: now - 40 * day });
    const recent = samplePaper({ updatedAt: now - 2 * day });
    expect(unbackedSince([], null, now)).toBeNull();
    expect(unbackedSince([recent], null, now)).toBeNull();
    expect(unbackedSince([recent, old], null, now)).toBe(old.updatedAt);
    // A backup after the old change covers it; the recent one is not 30 days old yet.
    expect(unbackedSince([recent, old], now - 10 * day, now)).toBeNull();
    expect(unbackedSince([old], now - 41 * day, now)).toBe(old.updatedAt);
    expect(BACKUP_REMINDER_AFTER_MS).toBe(30 * day);
  });
});
