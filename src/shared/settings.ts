// The user's settings: one record in `storage.local` under SETTINGS_KEY, so every context (content
// scripts included, which cannot open the extension's IndexedDB) reads the same values and hears
// changes through `storage.onChanged`. Only the background writes it (request `updateSettings`),
// as it writes everything else. Each feature owns one field here; a stored value that fails its
// check falls back to that field's default, so one bad field never resets the others.
import * as v from 'valibot';
import { browser } from './browser';

export const SETTINGS_KEY = 'settings';

const ThemeSchema = v.picklist(['system', 'light', 'dark']);
const DAY_MS = 86_400_000;

/** Each field with its default; a field's schema is also what an `updateSettings` patch is checked against. */
export const SettingsFields = {
  /** Colour scheme of the popup and library page (pages on sites follow the page's own scheme). */
  theme: v.optional(ThemeSchema, 'system'),
  /** Adapter ids (src/sites/<id>.ts) the user turned off: their pages get no hosts. */
  disabledSites: v.optional(v.pipe(v.array(v.pipe(v.string(), v.maxLength(64))), v.maxLength(200)), []),
  /** Seen history (triage): on/off and how long a seen id is kept. */
  seenHistory: v.optional(
    v.object({
      enabled: v.boolean(),
      retentionDays: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(36_500)),
    }),
    { enabled: true, retentionDays: 365 },
  ),
  /** Cross-device sync through the browser's sync storage: off until the user turns it on. */
  sync: v.optional(v.object({ enabled: v.boolean() }), { enabled: false }),
  /** "For you" suggestions: on/off and the largest share of a page's entries marked. */
  forYou: v.optional(
    v.object({ enabled: v.boolean(), maxShare: v.pipe(v.number(), v.minValue(0.01), v.maxValue(1)) }),
    { enabled: true, maxShare: 0.1 },
  ),
  /** When the user last exported a full backup (ms since epoch), for the backup reminder. */
  lastBackupAt: v.optional(v.nullable(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(8.64e15))), null),
} as const;

export const SettingsSchema = v.object(SettingsFields);
export type Settings = v.InferOutput<typeof SettingsSchema>;
/** What `updateSettings` accepts: any subset of the fields, each whole. */
export const SettingsPatchSchema = v.partial(v.object(SettingsFields));
export type SettingsPatch = v.InferInput<typeof SettingsPatchSchema>;

export const DEFAULT_SETTINGS: Settings = v.parse(SettingsSchema, {});
export const BACKUP_REMINDER_AFTER_MS = 30 * DAY_MS;

/** The stored record, each field checked on its own: a bad or missing field gets its default. */
export function parseSettings(stored: unknown): Settings {
  const record = stored && typeof stored === 'object' ? (stored as Record<string, unknown>) : {};
  const out: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(SettingsFields)) {
    const result = v.safeParse(schema, record[name]);
    out[name] = result.success ? result.output : v.parse(schema, undefined);
  }
  return out as Settings;
}

export async function readSettings(): Promise<Settings> {
  const stored = await browser.storage.local.get(SETTINGS_KEY);
  return parseSettings(stored[SETTINGS_KEY]);
}

/** The background's write: merges a checked patch into the stored record and returns the result. */
export async function writeSettings(patch: SettingsPatch): Promise<Settings> {
  const next = parseSettings({ ...(await readSettings()), ...v.parse(SettingsPatchSchema, patch) });
  await browser.storage.local.set({ [SETTINGS_KEY]: next });
  return next;
}

/** Calls `listener` with the new settings whenever they change; returns the unsubscribe. */
export function onSettingsChanged(listener: (settings: Settings) => void): () => void {
  const handle = (changes: Record<string, { newValue?: unknown }>, area: string): void => {
    if (area === 'local' && SETTINGS_KEY in changes) listener(parseSettings(changes[SETTINGS_KEY]?.newValue));
  };
  browser.storage.onChanged.addListener(handle);
  return () => browser.storage.onChanged.removeListener(handle);
}
