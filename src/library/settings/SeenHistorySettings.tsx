// Seen history (triage): on/off, how long a seen paper is remembered, how much is kept, and
// "Clear history". The history itself lives in the background's database (src/db/seen.ts).
import { useEffect, useState } from 'preact/hooks';
import type { SeenStats } from '../../db/seen';
import { request } from '../../shared/messaging';
import type { SettingsSection, SettingsSectionProps } from './section';

export const RETENTION_CHOICES: readonly { days: number; label: string }[] = [
  { days: 30, label: '1 month' },
  { days: 90, label: '3 months' },
  { days: 182, label: '6 months' },
  { days: 365, label: '1 year' },
  { days: 730, label: '2 years' },
];

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/** "1,234 papers seen on 12 listings, since 3 Jan 2026." */
export function describeSeenStats(stats: SeenStats): string {
  if (stats.seen === 0) return 'Nothing in the history.';
  const papers = `${stats.seen.toLocaleString('en')} ${stats.seen === 1 ? 'paper' : 'papers'} seen`;
  const listings = `${stats.listings.toLocaleString('en')} ${stats.listings === 1 ? 'listing' : 'listings'}`;
  return `${papers} on ${listings}${stats.oldest === null ? '' : `, since ${dateFormat.format(stats.oldest)}`}.`;
}

function SeenHistorySettings({ settings, update }: SettingsSectionProps) {
  const history = settings.seenHistory;
  const [stats, setStats] = useState<SeenStats | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = () =>
    request('seenHistoryStats', {}).then(setStats, (failure: unknown) => setError(failure instanceof Error ? failure.message : String(failure)));
  useEffect(() => {
    void reload();
  }, []);
  const choices = RETENTION_CHOICES.some((choice) => choice.days === history.retentionDays)
    ? RETENTION_CHOICES
    : [...RETENTION_CHOICES, { days: history.retentionDays, label: `${history.retentionDays} days` }];
  return (
    <div class="seen-history">
      <label>
        <input
          type="checkbox"
          data-setting="seen-enabled"
          checked={history.enabled}
          onChange={(event) => void update({ seenHistory: { ...history, enabled: (event.currentTarget as HTMLInputElement).checked } })}
        />{' '}
        Mark papers I have seen before, and papers new since my last visit to a listing
      </label>
      <label>
        Remember seen papers for{' '}
        <select
          data-setting="seen-retention"
          value={String(history.retentionDays)}
          onChange={(event) => void update({ seenHistory: { ...history, retentionDays: Number((event.currentTarget as HTMLSelectElement).value) } })}
        >
          {choices.map((choice) => (
            <option key={choice.days} value={String(choice.days)}>
              {choice.label}
            </option>
          ))}
        </select>
      </label>
      <p data-seen-stats>{stats ? describeSeenStats(stats) : ' '}</p>
      <button
        type="button"
        data-action="clear-seen-history"
        disabled={stats?.seen === 0 && stats.listings === 0}
        onClick={() => {
          setError(null);
          request('clearSeenHistory', {}).then(reload, (failure: unknown) => setError(failure instanceof Error ? failure.message : String(failure)));
        }}
      >
        Clear history
      </button>
      {error ? <p role="alert">{error}</p> : null}
      <p class="hint">Only paper ids and the date each was first seen are kept, on this device, apart from your reading list. Pages cannot read them.</p>
    </div>
  );
}

export const seenHistorySettings: SettingsSection = { id: 'seen-history', title: 'Seen history', Component: SeenHistorySettings };
