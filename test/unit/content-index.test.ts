// The content script core's entry (each site's script calls bootContent with its adapters), wired
// to the (fake) browser as it is in the extension.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Running } from '../../src/content/site-switch';
import type { StateBroadcast } from '../../src/shared/messages';
import { eventually, fakeAdapter, hosts, renderListing } from './content-kit';
import type * as FakeBrowser from './fake-browser';


const LOADED = Symbol.for('shelfmark.content');
const world = globalThis as { [LOADED]?: Running | true };
const A = 'arxiv:2601.00001';
const B = 'arxiv:2601.00002';

type FakeBrowserModule = typeof FakeBrowser;

/** The made-up listing adapter, taking the test page (whatever URL happy-dom gives it). */
const pageAdapter = () => ({ ...fakeAdapter(), matches: () => true });

async function fakeBackground(): Promise<FakeBrowserModule> {
  const fake = await import('./fake-browser');
  fake.resetFakeBrowser();
  fake.setDefaultSender(fake.contentScriptSender(7, location.href));
  fake.browser.runtime.onMessage.addListener(async (message: unknown) => {
    const envelope = message as { shelfmark?: number; type?: string; payload?: { sites?: string[] } };
    if (envelope?.shelfmark !== 1 || envelope.type !== 'getStates') return undefined;
    // As the background does: a request naming a site the user turned off is answered siteOff.
    const { SETTINGS_KEY } = await import('../../src/shared/settings');
    const stored = (await fake.browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY] as { disabledSites?: string[] } | undefined;
    const off = envelope.payload?.sites?.some((site) => stored?.disabledSites?.includes(site)) ?? false;
    return { ok: true, value: off ? { states: {}, siteOff: true } : { states: {} } };
  });
  return fake;
}

const getStatesSent = (fake: FakeBrowserModule) =>
  fake.sentMessages().filter((message) => (message as { type?: string }).type === 'getStates').length;

beforeEach(() => {
  vi.resetModules();
  delete world[LOADED];
  document.documentElement.removeAttribute('data-shelfmark');
  document.body.replaceChildren();
});

afterEach(() => {
  const handle = world[LOADED];
  if (handle && handle !== true) handle.destroy();
  delete world[LOADED];
});

describe('content script entry', () => {
  it('annotates once, and a second injection into the same world is a no-op', async () => {
    renderListing(document, [{ id: A, title: 'Kettles' }, { id: B, title: 'Spoons' }]);
    const fake = await fakeBackground();
    (await import('../../src/content/index')).bootContent([pageAdapter()]);
    await eventually(() => expect(document.documentElement.getAttribute('data-shelfmark')).toBe('ready'));
    expect(hosts(document)).toHaveLength(2);
    expect(getStatesSent(fake)).toBe(1);

    vi.resetModules();
    const second = await fakeBackground();
    (await import('../../src/content/index')).bootContent([pageAdapter()]);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(hosts(document)).toHaveLength(2);
    expect(getStatesSent(second)).toBe(0);
  });

  it('a script none of whose adapters takes the page leaves it to the next script', async () => {
    renderListing(document, [{ id: A, title: 'Kettles' }]);
    const fake = await fakeBackground();
    const { bootContent } = await import('../../src/content/index');
    bootContent([{ ...fakeAdapter(), matches: () => false }]);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(world[LOADED]).toBeUndefined();
    expect(getStatesSent(fake)).toBe(0);

    bootContent([{ ...fakeAdapter(), matches: () => false }, pageAdapter()]);
    await eventually(() => expect(document.documentElement.getAttribute('data-shelfmark')).toBe('ready'));
    expect(hosts(document)).toHaveLength(1);
  });

  it('applies broadcasts from the extension and ignores foreign ones and its other messages', async () => {
    renderListing(document, [{ id: A, title: 'Kettles' }, { id: B, title: 'Spoons' }]);
    const fake = await fakeBackground();
    (await import('../../src/content/index')).bootContent([pageAdapter()]);
    await eventually(() => expect(document.documentElement.getAttribute('data-shelfmark')).toBe('ready'));

    const broadcast = (id: string): StateBroadcast => ({
      shelfmark: 1,
      type: 'stateChanged',
      changes: [{ keys: [id], state: { id, saved: true, tags: [{ name: 'x', color: '#2563eb' }], status: 'unread' } }],
    });
    await fake.deliverMessage(broadcast(A), { id: 'some-other-extension' });
    // Ours, but not broadcasts: the type tells them apart (the fields are the background's own, unchecked).
    await fake.deliverMessage({ ...broadcast(A), type: 'stateChanging' }, fake.extensionPageSender('background.js'));
    await fake.deliverMessage({ type: 'stateChanged', changes: broadcast(A).changes }, fake.extensionPageSender('background.js'));
    expect(hosts(document, A)[0]!.getAttribute('data-state')).toBe('unsaved');

    await fake.deliverMessage(broadcast(B), fake.extensionPageSender('background.js'));
    expect(hosts(document, B)[0]!.getAttribute('data-state')).toBe('saved');
    expect(hosts(document, A)[0]!.getAttribute('data-state')).toBe('unsaved');
  });

  it('leaves a site the user turned off alone, and follows the setting both ways without a reload', async () => {
    renderListing(document, [{ id: A, title: 'Kettles' }]);
    const fake = await fakeBackground();
    const { SETTINGS_KEY, DEFAULT_SETTINGS } = await import('../../src/shared/settings');
    const adapterId = fakeAdapter().id;
    await fake.browser.storage.local.set({ [SETTINGS_KEY]: { ...DEFAULT_SETTINGS, disabledSites: [adapterId] } });
    (await import('../../src/content/index')).bootContent([pageAdapter()]);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(hosts(document)).toHaveLength(0);
    // The one request it sent, before it knew, named its site (the background keeps nothing of it).
    const sent = fake.sentMessages().filter((message) => (message as { type?: string }).type === 'getStates');
    expect(sent).toEqual([expect.objectContaining({ payload: expect.objectContaining({ sites: [adapterId] }) })]);

    await fake.browser.storage.local.set({ [SETTINGS_KEY]: { ...DEFAULT_SETTINGS, disabledSites: [] } });
    await eventually(() => expect(hosts(document)).toHaveLength(1));
    await fake.browser.storage.local.set({ [SETTINGS_KEY]: { ...DEFAULT_SETTINGS, disabledSites: [adapterId, 'other'] } });
    await eventually(() => expect(hosts(document)).toHaveLength(0));
  });
});
