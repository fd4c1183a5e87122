// "For you" (issue 15): on/off, and how many of a page's entries may be marked at most. The model
// lives in the background (src/background/for-you.ts); turning it off there forgets what it learned.
import { MIN_SAVED } from '../../shared/for-you';
import type { SettingsSection, SettingsSectionProps } from './section';

/** Shares of a page's entries the user can choose from (the default is a tenth). */
export const SHARE_CHOICES: readonly { share: number; label: string }[] = [
  { share: 0.05, label: '1 in 20 (5%)' },
  { share: 0.1, label: '1 in 10 (10%)' },
  { share: 0.2, label: '1 in 5 (20%)' },
  { share: 0.3, label: '3 in 10 (30%)' },
];

function ForYouSettings({ settings, update }: SettingsSectionProps) {
  const forYou = settings.forYou;
  const choices = SHARE_CHOICES.some((choice) => choice.share === forYou.maxShare)
    ? SHARE_CHOICES
    : [...SHARE_CHOICES, { share: forYou.maxShare, label: `${Math.round(forYou.maxShare * 100)}%` }];
  return (
    <div class="for-you-settings">
      <label>
        <input
          type="checkbox"
          data-setting="for-you-enabled"
          checked={forYou.enabled}
          onChange={(event) => void update({ forYou: { ...forYou, enabled: (event.currentTarget as HTMLInputElement).checked } })}
        />{' '}
        Mark entries on listings that look like the papers I saved (“for you”)
      </label>
      <label>
        At most{' '}
        <select
          data-setting="for-you-share"
          value={String(forYou.maxShare)}
          disabled={!forYou.enabled}
          onChange={(event) => void update({ forYou: { ...forYou, maxShare: Number((event.currentTarget as HTMLSelectElement).value) } })}
        >
          {choices.map((choice) => (
            <option key={choice.share} value={String(choice.share)}>
              {choice.label}
            </option>
          ))}
        </select>{' '}
        of a page&apos;s entries, the likeliest first
      </label>
      <p class="hint">
        Learned on this device from the papers you saved (from {MIN_SAVED} on) and the ones you scrolled past without saving,
        which the seen history keeps{settings.seenHistory.enabled ? '' : ' (it is off: nothing new is learned from what you pass over)'}.
        Nothing leaves the browser. Turning this off forgets what was learned.
      </p>
    </div>
  );
}

export const forYouSettings: SettingsSection = { id: 'for-you', title: 'For you', Component: ForYouSettings };
