// The background's copy of the settings record: read once, then kept current through
// storage.onChanged, so answering a page (several getStates while a listing loads) never waits
// for storage.
import { onSettingsChanged, readSettings, type Settings } from '../shared/settings';

let current: Promise<Settings> | undefined;

export function currentSettings(): Promise<Settings> {
  if (!current) {
    current = readSettings();
    onSettingsChanged((settings) => {
      current = Promise.resolve(settings);
    });
  }
  return current;
}

/** For tests: forget the copy (and its listener's storage, which a test replaces). */
export function resetCurrentSettings(): void {
  current = undefined;
}
