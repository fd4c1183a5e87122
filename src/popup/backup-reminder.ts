// When to remind the user to back up: some change is in no backup and has waited more than 30 days.
// Stored papers carry `updatedAt`; a change after the last full backup is one the backup lacks.
import type { SavedPaper } from '../shared/records';
import { BACKUP_REMINDER_AFTER_MS } from '../shared/settings';

/** The time of the oldest change no backup holds, if it is older than the reminder's wait; else null. */
export function unbackedSince(papers: readonly SavedPaper[], lastBackupAt: number | null, now: number): number | null {
  const after = lastBackupAt ?? -Infinity;
  let oldest = Infinity;
  for (const paper of papers) if (paper.updatedAt > after && paper.updatedAt < oldest) oldest = paper.updatedAt;
  return oldest !== Infinity && now - oldest > BACKUP_REMINDER_AFTER_MS ? oldest : null;
}
