// Sites on/off (settings.disabledSites): the content script runs its site's UI only while the user
// has not turned that site off, and starts or removes it at once when the setting changes.
import { onPageSettingsChanged, readPageSettings, siteIsOff, type PageSettings } from '../shared/settings';

export interface Running {
  destroy(): void;
}

export interface SettingsSource {
  read: () => Promise<Pick<PageSettings, 'disabledSites'>>;
  onChange: (listener: (settings: PageSettings) => void) => () => void;
}

export const STORED_SETTINGS: SettingsSource = { read: readPageSettings, onChange: onPageSettingsChanged };

export interface SiteSwitch<T extends Running> {
  /** Settles once the stored setting has been read and applied. */
  settled: Promise<void>;
  /** What runs now: null while the site is off (or before the setting is read). */
  current: () => T | null;
  /** Stops following the setting and removes what runs. */
  destroy: () => void;
}

/**
 * Runs `start()` unless `siteId` is turned off (any of them, given several: the link finder is
 * `links` and `links:<host>`), and follows the setting until `destroy`.
 */
export function runWhileEnabled<T extends Running>(
  siteId: string | readonly string[],
  start: () => T,
  source: SettingsSource = STORED_SETTINGS,
): SiteSwitch<T> {
  const ids: readonly string[] = typeof siteId === 'string' ? [siteId] : siteId;
  let running: T | null = null;
  let destroyed = false;
  const apply = (settings: Pick<PageSettings, 'disabledSites'>): void => {
    if (destroyed) return;
    const enabled = !siteIsOff(settings, ids);
    if (enabled && !running) running = start();
    else if (!enabled && running) {
      running.destroy();
      running = null;
    }
  };
  const unsubscribe = source.onChange(apply);
  // A settings read that fails must not take the site's UI away.
  const settled = source.read().then(apply, () => apply({ disabledSites: [] }));
  return {
    settled,
    current: () => running,
    destroy: () => {
      destroyed = true;
      unsubscribe();
      running?.destroy();
      running = null;
    },
  };
}
