// The "for you" settings section rendered by Preact over the real background (extension-kit):
// every change goes through the background's updateSettings.
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import { forYouSettings } from '../../src/library/settings/ForYouSettings';
import { SETTINGS_SECTIONS } from '../../src/library/settings/sections';
import type { LibraryController } from '../../src/library/library-controller';
import { readSettings, type Settings, type SettingsPatch } from '../../src/shared/settings';
import { startBackground, type Background } from './extension-kit';

let background: Background;
let root: HTMLElement;

async function show() {
  const settings = await readSettings();
  const update = async (patch: SettingsPatch) => {
    await background.request('updateSettings', { patch });
    await show();
  };
  const { Component } = forYouSettings;
  await act(() => render(<Component settings={settings} update={update} controller={{} as LibraryController} />, root));
}

/** The stored settings once `done` holds (the write goes through the background). */
async function storedWhen(done: (settings: Settings) => boolean): Promise<Settings> {
  let stored = await readSettings();
  for (let i = 0; i < 100 && !done(stored); i++) {
    await act(() => new Promise((resolve) => setTimeout(resolve, 10)));
    stored = await readSettings();
  }
  return stored;
}

beforeEach(() => {
  background = startBackground();
  document.body.replaceChildren();
  root = document.createElement('div');
  document.body.append(root);
});

describe('for you settings', () => {
  it('is a section of the settings page', () => {
    expect(SETTINGS_SECTIONS).toContain(forYouSettings);
  });

  it('starts on at a tenth of a page, changes the share, and turns off', async () => {
    await show();
    const enabled = root.querySelector<HTMLInputElement>('[data-setting="for-you-enabled"]')!;
    const share = root.querySelector<HTMLSelectElement>('[data-setting="for-you-share"]')!;
    expect(enabled.checked).toBe(true);
    expect(share.value).toBe('0.1');
    expect(share.disabled).toBe(false);

    await act(() => {
      share.value = '0.2';
      share.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect((await storedWhen((s) => s.forYou.maxShare === 0.2)).forYou).toEqual({ enabled: true, maxShare: 0.2 });

    await act(() => {
      root.querySelector<HTMLInputElement>('[data-setting="for-you-enabled"]')!.click();
    });
    expect((await storedWhen((s) => !s.forYou.enabled)).forYou).toEqual({ enabled: false, maxShare: 0.2 });
    expect(root.querySelector<HTMLSelectElement>('[data-setting="for-you-share"]')!.disabled).toBe(true);
  });

  it('says when the seen history it learns from is off', async () => {
    await background.request('updateSettings', { patch: { seenHistory: { enabled: false, retentionDays: 365 } } });
    await show();
    expect(root.querySelector('.hint')!.textContent).toMatch(/it is off/u);
  });
});
