// The user's light/dark/system choice (settings.theme) on an extension page (popup, library).
// The page's CSS (src/ui/theme.css) picks colours with light-dark(), which follows the root's
// `color-scheme`; `data-theme` narrows it to one scheme, and its absence follows the system.
import { onSettingsChanged, readSettings, type Settings } from '../shared/settings';

export function applyTheme(theme: Settings['theme'], root: HTMLElement = document.documentElement): void {
  if (theme === 'system') delete root.dataset.theme;
  else root.dataset.theme = theme;
}

/** Applies the stored theme now and on every change; returns the unsubscribe. */
export function followTheme(root: HTMLElement = document.documentElement): () => void {
  let stopped = false;
  void readSettings().then(
    (settings) => {
      if (!stopped) applyTheme(settings.theme, root);
    },
    () => undefined,
  );
  const stop = onSettingsChanged((settings) => applyTheme(settings.theme, root));
  return () => {
    stopped = true;
    stop();
  };
}
