import { beforeEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_SETTINGS,
  SETTINGS_KEY,
  onSettingsChanged,
  pageSettingsOf,
  parseSettings,
  readPageSettings,
  readSettings,
  writeSettings,
  type Settings,
} from '../../src/shared/settings';
import { browser } from '../../src/shared/browser';
import { resetFakeBrowser } from './fake-browser';

beforeEach(() => resetFakeBrowser());

describe('settings', () => {
  it('reads the defaults when nothing is stored', async () => {
    expect(await readSettings()).toEqual(DEFAULT_SETTINGS);
    expect(DEFAULT_SETTINGS.seenHistory).toEqual({ enabled: true, retentionDays: 365 });
    expect(DEFAULT_SETTINGS.sync.enabled).toBe(false);
  });

  it('keeps the good fields of a damaged record and defaults only the bad ones', () => {
    const parsed = parseSettings({ theme: 'dark', forYou: { enabled: 'yes' }, disabledSites: 'arxiv' });
    expect(parsed.theme).toBe('dark');
    expect(parsed.forYou).toEqual(DEFAULT_SETTINGS.forYou);
    expect(parsed.disabledSites).toEqual([]);
    expect(parseSettings('garbage')).toEqual(DEFAULT_SETTINGS);
  });

  it('merges a patch, stores it, and tells listeners', async () => {
    const heard: Settings[] = [];
    const stop = onSettingsChanged((settings) => heard.push(settings));
    const next = await writeSettings({ theme: 'light', sync: { enabled: true } });
    expect(next).toMatchObject({ theme: 'light', sync: { enabled: true }, seenHistory: DEFAULT_SETTINGS.seenHistory });
    expect((await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY]).toEqual(next);
    expect(heard).toEqual([next]);
    stop();
    await writeSettings({ theme: 'dark' });
    expect(heard).toHaveLength(1);
  });

  it('refuses a patch of the wrong shape and changes nothing', async () => {
    await writeSettings({ theme: 'dark' });
    await expect(writeSettings({ theme: 'neon' } as never)).rejects.toThrow();
    await expect(writeSettings({ lastBackupAt: 1e300 })).rejects.toThrow();
    expect((await readSettings()).theme).toBe('dark');
  });

  it('the content scripts read their two fields as parseSettings does, without the schemas', async () => {
    const records: unknown[] = [
      undefined,
      null,
      'garbage',
      {},
      DEFAULT_SETTINGS,
      { ...DEFAULT_SETTINGS, disabledSites: ['arxiv', 'links:example.org'], forYou: { enabled: false, maxShare: 0.2 } },
      // Written before a field existed: the field's default.
      { theme: 'dark', disabledSites: ['dblp'] },
      { theme: 'dark', forYou: { enabled: false, maxShare: 0.1 } },
      // Not even of its type: the field's default.
      { disabledSites: 'arxiv', forYou: { enabled: 'yes', maxShare: 0.1 } },
      { disabledSites: { arxiv: true }, forYou: null },
      { forYou: false },
    ];
    for (const record of records) {
      const { disabledSites, forYou } = parseSettings(record);
      expect(pageSettingsOf(record), JSON.stringify(record)).toEqual({ disabledSites, forYou: { enabled: forYou.enabled } });
    }
    await writeSettings({ disabledSites: ['cvf'], forYou: { enabled: false, maxShare: 0.3 } });
    expect(await readPageSettings()).toEqual({ disabledSites: ['cvf'], forYou: { enabled: false } });
  });
});
