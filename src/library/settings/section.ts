// What every settings section gets. Each feature area is one component in this folder, listed
// once in ./sections.ts; it reads the settings it owns from `settings` and changes them only
// through `update` (the background's `updateSettings`, the one writer).
import type { FunctionComponent } from 'preact';
import type { Settings, SettingsPatch } from '../../shared/settings';
import type { LibraryController } from '../library-controller';

export interface SettingsSectionProps {
  settings: Settings;
  /** Stores a patch; rejects with the background's words when it is refused. */
  update: (patch: SettingsPatch) => Promise<void>;
  controller: LibraryController;
}

export interface SettingsSection {
  /** Also the section's element id (`#settings-<id>`), so a link can point at it. */
  id: string;
  title: string;
  Component: FunctionComponent<SettingsSectionProps>;
}
