// "Mark this page" and "Always on this site" over the fake browser: marking injects the flag and
// the content script into the tab, "always" asks for the origin, registers the content script
// once, and turning the site off (or revoking the permission in the browser) removes both.
import { beforeEach, describe, expect, it } from 'vitest';
import { pageMarker } from '../../src/popup/page-marker';
import { followRevokedPermissions, forgetSite, registerSite, userSites } from '../../src/shared/user-sites';
import { browser } from '../../src/shared/browser';
import { answerPermissionPrompts, executedScripts, grantedOrigins, resetFakeBrowser, setFakeTabs } from './fake-browser';

beforeEach(() => resetFakeBrowser());

describe('page marker', () => {
  it('knows the http(s) page the popup is over, and nothing else', async () => {
    setFakeTabs([{ id: 7, url: 'https://lab.example.org/reading?x=1', active: true }]);
    expect(await pageMarker.currentPage()).toEqual({ tabId: 7, origin: 'https://lab.example.org' });
    setFakeTabs([{ id: 8, url: 'chrome://newtab/', active: true }]);
    expect(await pageMarker.currentPage()).toBeNull();
    // A site adapter's page has its own script.
    setFakeTabs([{ id: 9, url: 'https://arxiv.org/', active: true }]);
    expect(await pageMarker.currentPage()).toBeNull();
  });

  it('marks a page once: the flag, then the content script, in that tab', async () => {
    await pageMarker.markPage(7);
    expect(executedScripts()).toEqual([
      { tabId: 7, files: undefined, func: 'flagMarkedByUser' },
      { tabId: 7, files: ['content-generic.js'], func: undefined },
    ]);
    expect(await userSites()).toEqual([]);
    expect(grantedOrigins()).toEqual([]);
  });

  it('"always on" asks for the origin, registers it once and marks the tab', async () => {
    expect(await pageMarker.alwaysOn(7, 'https://lab.example.org')).toBe(true);
    expect(await pageMarker.alwaysOn(7, 'https://lab.example.org')).toBe(true);
    expect(grantedOrigins()).toEqual(['https://lab.example.org/*']);
    expect(await userSites()).toEqual(['https://lab.example.org']);
    const [script] = await browser.scripting.getRegisteredContentScripts();
    expect(script).toMatchObject({ matches: ['https://lab.example.org/*'], excludeMatches: expect.arrayContaining(['https://arxiv.org/*']), js: ['content-generic.js'], runAt: 'document_end', persistAcrossSessions: true });
    expect(executedScripts()).toHaveLength(4);
  });

  it('a declined prompt registers nothing and marks nothing', async () => {
    answerPermissionPrompts(false);
    expect(await pageMarker.alwaysOn(7, 'https://lab.example.org')).toBe(false);
    expect(await userSites()).toEqual([]);
    expect(executedScripts()).toEqual([]);
  });
});

describe('user sites', () => {
  it('no registration without the permission', async () => {
    await expect(registerSite('https://lab.example.org', { js: 'content-generic.js', excludeMatches: [] })).rejects.toThrow(/permission/u);
  });

  it('turning a site off removes its registration and its permission', async () => {
    await pageMarker.alwaysOn(7, 'https://a.example.org');
    await pageMarker.alwaysOn(7, 'https://b.example.org');
    await forgetSite('https://a.example.org');
    expect(await userSites()).toEqual(['https://b.example.org']);
    expect(grantedOrigins()).toEqual(['https://b.example.org/*']);
  });

  it('a permission revoked in the browser takes its registration with it', async () => {
    followRevokedPermissions();
    await pageMarker.alwaysOn(7, 'https://a.example.org');
    await browser.permissions.remove({ origins: ['https://a.example.org/*'] });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(await userSites()).toEqual([]);
  });
});
