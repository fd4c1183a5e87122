// Backup: export a full backup now, and when the last one was made. The popup reminds gently when
// changes older than 30 days are in no backup (src/popup/backup-reminder.ts).
import { downloadText } from '../../popup/download';
import type { SettingsSection, SettingsSectionProps } from './section';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'long', timeStyle: 'short' });

function BackupSettings({ settings, controller }: SettingsSectionProps) {
  return (
    <div class="backup">
      <p data-last-backup>
        {settings.lastBackupAt === null ? 'No backup made yet.' : `Last backup: ${dateFormat.format(settings.lastBackupAt)}.`}
      </p>
      <button
        type="button"
        data-action="backup-now"
        onClick={() => {
          const file = controller.exportFile('backup', 'all');
          downloadText(file.name, file.mime, file.text);
        }}
      >
        Export a full backup now
      </button>
      <p class="hint">A JSON file with every paper, tag, note and status; import it here or in the popup to restore.</p>
    </div>
  );
}

export const backupSettings: SettingsSection = { id: 'backup', title: 'Backup', Component: BackupSettings };
