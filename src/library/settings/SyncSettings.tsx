// Cross-device sync: on/off (settings.sync, written through the background), what it syncs and
// its limits in plain words, and how it is doing (src/shared/sync-status.ts).
import { SyncNotice, useSyncStatus } from '../../popup/components/SyncNotice';
import { syncSummary } from '../../shared/sync-status';
import type { SettingsSection, SettingsSectionProps } from './section';

function SyncSettings({ settings, update }: SettingsSectionProps) {
  const status = useSyncStatus();
  return (
    <div class="sync">
      <label>
        <input
          type="checkbox"
          data-setting="sync"
          checked={settings.sync.enabled}
          onChange={(event) => void update({ sync: { enabled: (event.currentTarget as HTMLInputElement).checked } })}
        />{' '}
        Sync my list to my other devices through this browser&apos;s own sync (Chrome Sync or Firefox Sync)
      </label>
      <p class="hint">
        What syncs: every saved paper&apos;s ids, tags, reading status and date saved, your tags&apos; names and colours, then
        your notes and titles while there is room (a note goes whole or not at all). Abstracts and authors stay on each
        device (a device fills in a paper&apos;s details when it meets the paper on a page). Nothing goes to any server but your browser&apos;s own sync account.
      </p>
      <p class="hint">
        Limits: browsers give an extension about 100 KB of sync storage (about 10,000 papers with their tags and status) and
        a limited number of writes, so changes are sent in batches after a second or a few. If your list outgrows it, the
        papers changed most recently are synced and the rest stay on this device only; nothing is ever deleted for lack of
        room. Turning sync off keeps everything on this device.
      </p>
      <p data-sync-summary>{syncSummary(status)}</p>
      <SyncNotice />
    </div>
  );
}

export const syncSettings: SettingsSection = { id: 'sync', title: 'Sync between devices', Component: SyncSettings };
