/**
 * Settings: one schema, from which come the type, the defaults, validation per field on read, and
 * the limits and choices the options form and the popup offer. Migrations go by version. A corrupt
 * stored value falls back to its default, never breaks the rest.
 */
import * as v from 'valibot';
import { SENSITIVITIES } from './types';

export const SETTINGS_VERSION = 2;

const flag = (fallback: boolean) => v.fallback(v.boolean(), fallback);
const whole = (min: number, max: number, fallback: number) => v.fallback(v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max)), fallback);
const choice = <const T extends string>(options: readonly [T, ...T[]], fallback: NoInfer<T>) => v.fallback(v.picklist(options), fallback);
/** One bad entry rejects the list, never half-trusted. */
const list = (pattern: RegExp, max: number) => v.fallback(v.pipe(v.array(v.pipe(v.string(), v.regex(pattern))), v.maxLength(max)), () => []);

export const SettingsSchema = v.object({
  version: v.fallback(v.literal(SETTINGS_VERSION), SETTINGS_VERSION),
  /** Master switch. */
  enabled: flag(true),
  /** Hostnames where the extension stays off. */
  disabledSites: list(/^[a-z0-9.-]{1,253}(:\d{1,5})?$/, 1000),
  sensitivity: choice(SENSITIVITIES, 'balanced'),
  /** Also show badges for `no-evidence` and `not-applicable`. */
  showAllBadges: flag(false),
  /** Media whose shorter side is under this many CSS/natural pixels is not judged. */
  minShortSide: whole(16, 1024, 96),
  scanImages: flag(true),
  scanVideos: flag(true),
  /** Look for faces and score each one with the face model (a new field: older objects get the default). */
  scanFaces: flag(true),
  /** v2: flagged items kept in the local history (oldest dropped first); 0 keeps none. */
  historyMaxItems: whole(0, 10_000, 500),
  /** v2: history entries older than this many days are dropped; 0 keeps them until the limit. */
  historyMaxDays: whole(0, 3650, 90),
  /** v2: model ids the person switched off on the options page. */
  disabledModels: list(/^[a-z0-9][a-z0-9-]{0,63}$/, 200),
  /** v2: context-link providers the person removed from the card (new providers appear by default). */
  hiddenLinks: list(/^[a-z0-9][a-z0-9-]{0,31}$/, 50),
  /** What happens to `likely-synthetic` media: blurred (click to reveal), a badge only, or hidden. */
  flaggedAction: choice(['blur', 'label', 'hide'], 'blur'),
  /** On sites with an adapter: confirm before resharing or liking a post with flagged media. */
  warnBeforeSharing: flag(true),
  /** Which corner of the media the badge sits in (a new field: older objects get the default). */
  badgePosition: choice(['top-right', 'top-left', 'bottom-right', 'bottom-left'], 'top-right'),
});
export type Settings = v.InferOutput<typeof SettingsSchema>;

type Entries = typeof SettingsSchema.entries;
type ChoiceKey = { [K in keyof Entries]: Entries[K] extends { options: readonly string[] } ? K : never }[keyof Entries];
/** The choices of a setting, as the schema lists them (the forms offer exactly these). */
export const choicesOf = <K extends ChoiceKey>(key: K): Entries[K]['options'] => SettingsSchema.entries[key].options;
/** The bounds of a whole-number setting, read from its schema (the forms offer exactly these). */
export function rangeOf(key: 'minShortSide' | 'historyMaxItems' | 'historyMaxDays'): { min: number; max: number } {
  const bound = (type: string) => (SettingsSchema.entries[key].pipe.find((a) => a.type === type) as { requirement: number }).requirement;
  return { min: bound('min_value'), max: bound('max_value') };
}

/** Every field's default. */
export const DEFAULT_SETTINGS: Settings = v.parse(SettingsSchema, {});

/** Upgrades an older stored object to the current version's shape (before validation). */
function migrate(raw: Record<string, unknown>): Record<string, unknown> {
  let out = { ...raw };
  const from = typeof raw.version === 'number' && Number.isInteger(raw.version) ? raw.version : 1;
  // One step per version; an object from the future keeps what still validates.
  if (from < 2) out = MIGRATIONS[2](out);
  return { ...out, version: SETTINGS_VERSION };
}

/** `MIGRATIONS[n]` turns a version n-1 object into version n. */
type Migration = (raw: Record<string, unknown>) => Record<string, unknown>;
export const MIGRATIONS: { [version: number]: Migration; 2: Migration } = {
  /**
   * v1 → v2: per-site rules were stored as typed (mixed case, duplicates, sometimes a whole URL);
   * v2 keeps one lower-case hostname per rule. History and model switches arrive with defaults.
   */
  2(raw) {
    const sites = raw.disabledSites;
    if (!Array.isArray(sites)) return raw;
    const hosts = sites.map((s) => (typeof s === 'string' ? normalizeSiteRule(s) : s));
    return { ...raw, disabledSites: [...new Set(hosts)] };
  },
};

/** A per-site rule as a bare hostname: ` https://News.Example.com/x` → `news.example.com`. */
export function normalizeSiteRule(input: string): string {
  let s = input.trim().toLowerCase();
  try {
    if (/^[a-z][a-z0-9+.-]*:\/\//.test(s)) s = new URL(s).host;
  } catch {
    return s;
  }
  return s.replace(/\/.*$/, '');
}

/** Reads settings from an untrusted stored object: every field valid or its default. */
export function parseSettings(raw: unknown): Settings {
  return v.parse(SettingsSchema, raw && typeof raw === 'object' ? migrate(raw as Record<string, unknown>) : {});
}

/** Applies a partial update, keeping only valid fields. */
export function mergeSettings(current: Settings, patch: Partial<Settings>): Settings {
  return parseSettings({ ...current, ...patch });
}

/** Whether the extension should scan a page on this hostname. */
export function isActiveOn(settings: Settings, hostname: string): boolean {
  return settings.enabled && !settings.disabledSites.includes(hostname.toLowerCase());
}

export const SETTINGS_KEY = 'settings';
