// The user's settings: one record in `storage.local` under SETTINGS_KEY, so every context (content
// scripts included, which cannot open the extension's IndexedDB) reads the same values and hears
// changes through `storage.onChanged`. Only the background writes it (request `updateSettings`),
// as it writes everything else. Each feature owns one field here; a stored value that fails its
// check falls back to that field's default, so one bad field never resets the others.
// The content scripts read two fields without the schemas (pageSettingsOf, below): every valibot
// call at the top of this file is marked pure, so a bundle that never names a schema drops them
// all, and valibot with them.
import * as v from 'valibot';
import { browser } from './browser';

export const SETTINGS_KEY = 'settings';

const ThemeSchema = /* @__PURE__ */ v.picklist(['system', 'light', 'dark']);
const DAY_MS = 86_400_000;

// The defaults the content scripts' reader (pageSettingsOf) shares with the schemas.
const NO_DISABLED_SITES: string[] = [];
const FOR_YOU_DEFAULT = { enabled: true, maxShare: 0.1 };

/** Each field with its default; a field's schema is also what an `updateSettings` patch is checked against. */
export const SettingsFields = /* @__PURE__ */ (() => ({
  /** Colour scheme of the popup and library page (pages on sites follow the page's own scheme). */
  theme: v.optional(ThemeSchema, 'system'),
  /** Adapter ids (src/sites/<id>.ts) the user turned off: their pages get no hosts. */
  disabledSites: v.optional(v.pipe(v.array(v.pipe(v.string(), v.maxLength(64))), v.maxLength(200)), NO_DISABLED_SITES),
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
    FOR_YOU_DEFAULT,
  ),
  /** When the user last exported a full backup (ms since epoch), for the backup reminder. */
  lastBackupAt: v.optional(v.nullable(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(8.64e15))), null),
}))();

export const SettingsSchema = /* @__PURE__ */ v.object(SettingsFields);
export type Settings = v.InferOutput<typeof SettingsSchema>;
/** What `updateSettings` accepts: any subset of the fields, each whole. */
export const SettingsPatchSchema = /* @__PURE__ */ v.partial(/* @__PURE__ */ v.object(SettingsFields));
export type SettingsPatch = v.InferInput<typeof SettingsPatchSchema>;

export const DEFAULT_SETTINGS: Settings = /* @__PURE__ */ v.parse(SettingsSchema, {});
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

/**
 * What the content scripts read of the settings: which sites are off, and whether "for you" is on.
 * They read it without the schemas, which would be 2 KB of a content script's 25 KB gzip budget
 * (valibot): the record is written only by the background, whole and checked (writeSettings), so
 * a field is either what its schema says or missing (nothing stored yet, a record from before the
 * field existed). Missing, or not even of its type, it is the field's default, as parseSettings
 * would say (test/unit/settings.test.ts holds the two to the same answers).
 */
export interface PageSettings {
  disabledSites: readonly string[];
  forYou: { enabled: boolean };
}

/** True when the user turned off any of `siteIds` (a script runs as one id, the link finder as two). */
export function siteIsOff(settings: Pick<PageSettings, 'disabledSites'>, siteIds: readonly string[]): boolean {
  return siteIds.some((id) => settings.disabledSites.includes(id));
}

export function pageSettingsOf(stored: unknown): PageSettings {
  const { disabledSites, forYou } = (stored && typeof stored === 'object' ? stored : {}) as { disabledSites?: unknown; forYou?: { enabled?: unknown } | null };
  return {
    disabledSites: Array.isArray(disabledSites) ? (disabledSites as string[]) : NO_DISABLED_SITES,
    forYou: { enabled: typeof forYou?.enabled === 'boolean' ? forYou.enabled : FOR_YOU_DEFAULT.enabled },
  };
}

/** The stored record, read as `parse` reads it (parseSettings, or the content scripts' pageSettingsOf). */
async function readStored<T>(parse: (stored: unknown) => T): Promise<T> {
  const stored = await browser.storage.local.get(SETTINGS_KEY);
  return parse(stored[SETTINGS_KEY]);
}

/** Calls `listener` with the record, read by `parse`, whenever it changes; returns the unsubscribe. */
function onStoredChanged<T>(parse: (stored: unknown) => T, listener: (settings: T) => void): () => void {
  const handle = (changes: Record<string, { newValue?: unknown }>, area: string): void => {
    if (area === 'local' && SETTINGS_KEY in changes) listener(parse(changes[SETTINGS_KEY]?.newValue));
  };
  browser.storage.onChanged.addListener(handle);
  return () => browser.storage.onChanged.removeListener(handle);
}

export function readSettings(): Promise<Settings> {
  return readStored(parseSettings);
}

/** The background's write: merges a checked patch into the stored record and returns the result. */
export async function writeSettings(patch: SettingsPatch): Promise<Settings> {
  const next = parseSettings({ ...(await readSettings()), ...v.parse(SettingsPatchSchema, patch) });
  await browser.storage.local.set({ [SETTINGS_KEY]: next });
  return next;
}

/** Calls `listener` with the new settings whenever they change; returns the unsubscribe. */
export function onSettingsChanged(listener: (settings: Settings) => void): () => void {
  return onStoredChanged(parseSettings, listener);
}

/** The content scripts' readSettings (pageSettingsOf). */
export function readPageSettings(): Promise<PageSettings> {
  return readStored(pageSettingsOf);
}

/** The content scripts' onSettingsChanged (pageSettingsOf). */
export function onPageSettingsChanged(listener: (settings: PageSettings) => void): () => void {
  return onStoredChanged(pageSettingsOf, listener);
}
