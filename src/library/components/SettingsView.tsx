import type { LibraryController } from '../library-controller';
import { SETTINGS_SECTIONS } from '../settings/sections';
import { useSettings } from '../../popup/use-settings';

export function SettingsView({ controller }: { controller: LibraryController }) {
  const settings = useSettings();
  if (!settings) return <p class="hint">Loading settings…</p>;
  return (
    <div class="settings">
      {SETTINGS_SECTIONS.map(({ id, title, Component }) => (
        <section key={id} id={`settings-${id}`} class="settings-section" aria-labelledby={`settings-${id}-title`}>
          <h2 id={`settings-${id}-title`}>{title}</h2>
          <Component settings={settings} update={(patch) => controller.updateSettings(patch)} controller={controller} />
        </section>
      ))}
    </div>
  );
}
