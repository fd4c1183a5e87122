// The link finder's sites (issue 10): its default hosts, each of which can be turned off
// (settings.disabledSites `links:<host>`), and the sites the user turned on with the popup's
// "Always on this site", each of which can be removed (registration and permission go).
import { useEffect, useState } from 'preact/hooks';
import { linkSiteId } from '../../shared/link-sites';
import { forgetSite, userSites } from '../../shared/user-sites';
import { links } from '../../sites/links';
import type { SettingsSection, SettingsSectionProps } from './section';

const DEFAULT_HOSTS = [...new Set(links.hosts.map((pattern) => new URL(pattern.replace('*', '')).hostname))];

function LinkSitesSettings({ settings, update }: SettingsSectionProps) {
  const [added, setAdded] = useState<string[] | null>(null);
  const refresh = () => void userSites().then(setAdded, () => setAdded([]));
  useEffect(refresh, []);
  const disabled = new Set(settings.disabledSites);
  return (
    <>
      <p>Paper links get a ☆ on these sites:</p>
      <ul class="setting-list">
        {DEFAULT_HOSTS.map((host) => (
          <li key={host}>
            <label>
              <input
                type="checkbox"
                data-link-site={host}
                checked={!disabled.has(linkSiteId(host))}
                onChange={(event) => {
                  const next = new Set(settings.disabledSites);
                  if ((event.currentTarget as HTMLInputElement).checked) next.delete(linkSiteId(host));
                  else next.add(linkSiteId(host));
                  void update({ disabledSites: [...next] });
                }}
              />{' '}
              {host}
            </label>
          </li>
        ))}
        {(added ?? []).map((origin) => (
          <li key={origin}>
            {new URL(origin).host} (you turned it on){' '}
            <button type="button" data-action="forget-site" data-origin={origin} onClick={() => void forgetSite(origin).then(refresh, refresh)}>
              Turn off
            </button>
          </li>
        ))}
      </ul>
      <p>Elsewhere, use the popup's “Mark this page” or “Always on this site”.</p>
    </>
  );
}

export const linkSitesSettings: SettingsSection = { id: 'link-sites', title: 'Paper links on other sites', Component: LinkSitesSettings };
