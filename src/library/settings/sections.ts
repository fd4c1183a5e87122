// The settings page, one section per feature area, in the order shown. A feature adds its own
// component file in this folder and one line here.
import { backupSettings } from './BackupSettings';
import { forYouSettings } from './ForYouSettings';
import type { SettingsSection } from './section';
import { seenHistorySettings } from './SeenHistorySettings';
import { siteSettings } from './SiteSettings';
import { linkSitesSettings } from './LinkSitesSettings';
import { syncSettings } from './SyncSettings';
import { themeSettings } from './ThemeSettings';

export const SETTINGS_SECTIONS: readonly SettingsSection[] = [
  siteSettings,
  linkSitesSettings,
  themeSettings,
  backupSettings,
  syncSettings,
  seenHistorySettings,
  forYouSettings,
];
