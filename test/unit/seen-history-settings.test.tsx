// The seen-history settings section rendered by Preact over the real background (extension-kit).
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import { resetSeenUpkeep } from '../../src/background/seen-upkeep';
import { markSeen, triageMarks } from '../../src/db/seen';
import { seenHistorySettings } from '../../src/library/settings/SeenHistorySettings';
import type { LibraryController } from '../../src/library/library-controller';
import { readSettings, type SettingsPatch } from '../../src/shared/settings';
import { startBackground, type Background } from './extension-kit';

let background: Background;
let root: HTMLElement;

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200; i += 1) {
    if (check()) return;
    await act(() => new Promise((resolve) => setTimeout(resolve, 10)));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function show() {
  const settings = await readSettings();
  const update = async (patch: SettingsPatch) => {
    await background.request('updateSettings', { patch });
    await show();
  };
  const { Component } = seenHistorySettings;
  await act(() => render(<Component settings={settings} update={update} controller={{} as LibraryController} />, root));
}

beforeEach(() => {
  background = startBackground();
  resetSeenUpkeep();
  document.body.replaceChildren();
  root = document.createElement('div');
  document.body.append(root);
});

const stats = () => root.querySelector('[data-seen-stats]')!.textContent;

describe('seen history settings', () => {
  it('shows what is kept, turns the history off, changes the retention, and clears it', async () => {
    await markSeen(background.db, ['arxiv:2601.00001', 'arxiv:2601.00002'], Date.UTC(2026, 0, 3));
    await triageMarks(background.db, [{ id: 'arxiv:2601.00001' }], 'https://arxiv.org/list/cs.LG/new');
    await show();
    await until(() => stats()!.startsWith('2 papers seen on 1 listing, since'), 'the stats');

    const enabled = root.querySelector<HTMLInputElement>('[data-setting="seen-enabled"]')!;
    expect(enabled.checked).toBe(true);
    await act(() => {
      enabled.click();
    });
    let stored = await readSettings();
    for (let i = 0; i < 100 && stored.seenHistory.enabled; i++) {
      await act(() => new Promise((resolve) => setTimeout(resolve, 10)));
      stored = await readSettings();
    }
    expect(stored.seenHistory).toEqual({ enabled: false, retentionDays: 365 });
    await act(() => new Promise((resolve) => setTimeout(resolve, 20)));

    const retention = root.querySelector<HTMLSelectElement>('[data-setting="seen-retention"]')!;
    retention.value = '90';
    await act(() => {
      retention.dispatchEvent(new Event('change', { bubbles: true }));
    });
    let after = await readSettings();
    for (let i = 0; i < 100 && after.seenHistory.retentionDays !== 90; i++) {
      await act(() => new Promise((resolve) => setTimeout(resolve, 10)));
      after = await readSettings();
    }
    expect(after.seenHistory).toEqual({ enabled: false, retentionDays: 90 });

    await act(() => {
      root.querySelector<HTMLButtonElement>('[data-action="clear-seen-history"]')!.click();
    });
    await until(() => stats() === 'Nothing in the history.', 'the cleared stats');
    expect(await background.db.seen.count()).toBe(0);
    expect(await background.db.visits.count()).toBe(0);
    expect(background.requests().map((r) => r.type)).toContain('clearSeenHistory');
  });
});
