// Sync's status where the user looks: a problem (quota full, a failed write) as an alert in the
// popup and the library page; the whole status (last sync, quota use) in the library's settings.
import { useEffect, useState } from 'preact/hooks';
import { onSyncStatusChanged, readSyncStatus, syncProblem, SYNC_OFF, type SyncStatus } from '../../shared/sync-status';

/** The status the background last wrote, kept current. */
export function useSyncStatus(): SyncStatus {
  const [status, setStatus] = useState<SyncStatus>(SYNC_OFF);
  useEffect(() => {
    let live = true;
    void readSyncStatus().then((read) => live && setStatus(read));
    const stop = onSyncStatusChanged(setStatus);
    return () => {
      live = false;
      stop();
    };
  }, []);
  return status;
}

export function SyncNotice({ onOpenSettings }: { onOpenSettings?: () => void }) {
  const problem = syncProblem(useSyncStatus());
  if (!problem) return null;
  return (
    <div class="sync-notice" role="alert" data-sync-problem>
      <span>{problem}</span>
      {onOpenSettings && (
        <button type="button" class="link" onClick={onOpenSettings}>
          Sync settings
        </button>
      )}
    </div>
  );
}
