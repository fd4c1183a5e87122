import { useEffect, useState } from 'preact/hooks';
import { onSettingsChanged, readSettings, type Settings } from '../shared/settings';

/** The stored settings (null until read), re-rendered on every change from any context. */
export function useSettings(): Settings | null {
  const [settings, setSettings] = useState<Settings | null>(null);
  useEffect(() => {
    let live = true;
    void readSettings().then((read) => live && setSettings(read));
    const stop = onSettingsChanged(setSettings);
    return () => {
      live = false;
      stop();
    };
  }, []);
  return settings;
}
