// Sites on/off: a site turned off gets no Shelfmark UI on its pages (settings.disabledSites,
// honoured where the content script picks its adapter).
import { ADAPTERS } from '../../sites/registry';
import type { SettingsSection, SettingsSectionProps } from './section';

// A site may run on dozens of hosts (Scholar's country domains, publishers): the first few name it.
const HOSTS_SHOWN = 3;

function hostsOf(patterns: readonly string[]): string {
  const hosts = [...new Set(patterns.map((pattern) => pattern.replace(/^\w+:\/\//u, '').replace(/\/.*$/u, '').replace(/^\*\./u, '')))];
  return hosts.length > HOSTS_SHOWN ? `${hosts.slice(0, HOSTS_SHOWN).join(', ')} and ${hosts.length - HOSTS_SHOWN} more` : hosts.join(', ');
}

function SiteSettings({ settings, update }: SettingsSectionProps) {
  const disabled = new Set(settings.disabledSites);
  return (
    <ul class="setting-list">
      {ADAPTERS.map((adapter) => (
        <li key={adapter.id}>
          <label>
            <input
              type="checkbox"
              data-site={adapter.id}
              checked={!disabled.has(adapter.id)}
              onChange={(event) => {
                const on = (event.currentTarget as HTMLInputElement).checked;
                const next = new Set(settings.disabledSites);
                if (on) next.delete(adapter.id);
                else next.add(adapter.id);
                void update({ disabledSites: [...next] });
              }}
            />{' '}
            {hostsOf(adapter.hosts)}
          </label>
        </li>
      ))}
    </ul>
  );
}

export const siteSettings: SettingsSection = { id: 'sites', title: 'Sites', Component: SiteSettings };
