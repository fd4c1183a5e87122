// The sentences the popup and the library page show for sync (src/shared/sync-status.ts).
import { describe, expect, it } from 'vitest';
import { SYNC_OFF, parseSyncStatus, syncSummary } from '../../src/shared/sync-status';

const NOW = Date.UTC(2026, 11, 1);
const ON = { ...SYNC_OFF, state: 'ok' as const, lastSyncAt: NOW - 30_000, bytes: 40_960, papers: 1_200 };

describe('sync status', () => {
  it('says how many notes stay on this device for lack of room, and says nothing of notes when all fit', () => {
    expect(syncSummary({ ...ON, notesLeft: 2 }, NOW)).toBe('Sync is on: 1,200 papers, 40.0 of 100 KB used, last synced just now. 2 notes are too long for the room left and stay on this device.');
    expect(syncSummary({ ...ON, notesLeft: 1 }, NOW)).toContain('1 note is too long for the room left and stays on this device.');
    expect(syncSummary(ON, NOW)).not.toContain('note');
  });

  it('reads a status written before notes synced (no notesLeft) as none left', () => {
    const { notesLeft: _absent, ...older } = ON;
    expect(parseSyncStatus(older).notesLeft).toBe(0);
    expect(parseSyncStatus(older).state).toBe('ok');
  });
});
