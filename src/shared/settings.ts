/** One schema gives the settings' type, defaults, per-field validation and the forms' choices; a corrupt value falls back alone. */
import * as v from 'valibot';
import { SENSITIVITIES } from './types';

export const SETTINGS_VERSION = 2;

const flag = (fallback: boolean) => v.fallback(v.boolean(), fallback);
const whole = (min: number, max: number, fallback: number) => v.fallback(v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max)), fallback);
const choice = <const T extends string>(options: readonly [T, ...T[]], fallback: NoInfer<T>) => v.fallback(v.picklist(options), fallback);
/** One bad entry rejects the list, never half-trusted. */
const list = (pattern: RegExp, max: number) => v.fallback(v.pipe(v.array(v.pipe(v.string(), v.regex(pattern))), v.maxLength(max)), () => []);

const SettingsSchema = v.object({
  version: v.fallback(v.literal(SETTINGS_VERSION), SETTINGS_VERSION),
  enabled: flag(true),
  disabledSites: list(/^[a-z0-9.-]{1,253}(:\d{1,5})?$/, 1000),
  sensitivity: choice(SENSITIVITIES, 'balanced'),
  /** Also show badges for `no-evidence` and `not-applicable`. */
  showAllBadges: flag(false),
  /** Shorter side, CSS/natural pixels. */
  minShortSide: whole(16, 1024, 96),
  scanImages: flag(true),
  scanVideos: flag(true),
  scanFaces: flag(true),
  /** 0 keeps none. */
  historyMaxItems: whole(0, 10_000, 500),
  /** 0 keeps them until the item limit. */
  historyMaxDays: whole(0, 3650, 90),
  disabledModels: list(/^[a-z0-9][a-z0-9-]{0,63}$/, 200),
  /** Context-link providers the person removed (new ones appear by default). */
  hiddenLinks: list(/^[a-z0-9][a-z0-9-]{0,31}$/, 50),
  /** For `likely-synthetic` media. */
  flaggedAction: choice(['blur', 'label', 'hide'], 'blur'),
  /** Confirm before resharing or liking a post with flagged media (sites with an adapter). */
  warnBeforeSharing: flag(true),
  badgePosition: choice(['top-right', 'top-left', 'bottom-right', 'bottom-left'], 'top-right'),
});
export type Settings = v.InferOutput<typeof SettingsSchema>;

type Entries = typeof SettingsSchema.entries;
type ChoiceKey = { [K in keyof Entries]: Entries[K] extends { options: readonly string[] } ? K : never }[keyof Entries];
/** The forms offer exactly the schema's choices and bounds. */
export const choicesOf = <K extends ChoiceKey>(key: K): Entries[K]['options'] => SettingsSchema.entries[key].options;
export function rangeOf(key: 'minShortSide' | 'historyMaxItems' | 'historyMaxDays'): { min: number; max: number } {
  const bound = (type: string) => (SettingsSchema.entries[key].pipe.find((a) => a.type === type) as { requirement: number }).requirement;
  return { min: bound('min_value'), max: bound('max_value') };
}

export const DEFAULT_SETTINGS: Settings = v.parse(SettingsSchema, {});

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
  /** v1 stored site rules as typed (mixed case, duplicates, whole URLs); v2 keeps one lower-case hostname each. */
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

/** From an untrusted stored object: every field valid or its default. */
export function parseSettings(raw: unknown): Settings {
  return v.parse(SettingsSchema, raw && typeof raw === 'object' ? migrate(raw as Record<string, unknown>) : {});
}

export function mergeSettings(current: Settings, patch: Partial<Settings>): Settings {
  return parseSettings({ ...current, ...patch });
}

export function isActiveOn(settings: Settings, hostname: string): boolean {
  return settings.enabled && !settings.disabledSites.includes(hostname.toLowerCase());
}

export const SETTINGS_KEY = 'settings';
