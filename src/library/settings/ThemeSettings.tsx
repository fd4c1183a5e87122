// Light, dark or the system's choice, for the popup and this page (src/ui/theme.ts applies it).
import type { Settings } from '../../shared/settings';
import type { SettingsSection, SettingsSectionProps } from './section';

const CHOICES: { value: Settings['theme']; label: string }[] = [
  { value: 'system', label: 'Same as the system' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

function ThemeSettings({ settings, update }: SettingsSectionProps) {
  return (
    <div role="radiogroup" aria-label="Theme" class="setting-choices">
      {CHOICES.map((choice) => (
        <label key={choice.value}>
          <input
            type="radio"
            name="theme"
            value={choice.value}
            checked={settings.theme === choice.value}
            onChange={() => void update({ theme: choice.value })}
          />{' '}
          {choice.label}
        </label>
      ))}
    </div>
  );
}

export const themeSettings: SettingsSection = { id: 'theme', title: 'Appearance', Component: ThemeSettings };
