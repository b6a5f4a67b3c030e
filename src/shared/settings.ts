/**
 * Settings: one defaults object, the type derived from it, validation per field on read, and
 * migrations by version. A corrupt stored value falls back to its default, never breaks the rest.
 */
import { SENSITIVITIES, type Sensitivity } from './types';

export const SETTINGS_VERSION = 2;

export const DEFAULT_SETTINGS = {
  version: SETTINGS_VERSION,
  /** Master switch. */
  enabled: true,
  /** Hostnames where the extension stays off. */
  disabledSites: [] as string[],
  sensitivity: 'balanced' as Sensitivity,
  /** Also show badges for `no-evidence` and `not-applicable`. */
  showAllBadges: false,
  /** Media whose shorter side is under this many CSS/natural pixels is not judged. */
  minShortSide: 96,
  scanImages: true,
  scanVideos: true,
  /** Look for faces and score each one with the face model (a new field: older objects get the default). */
  scanFaces: true,
  /** v2: flagged items kept in the local history (oldest dropped first); 0 keeps none. */
  historyMaxItems: 500,
  /** v2: history entries older than this many days are dropped; 0 keeps them until the limit. */
  historyMaxDays: 90,
  /** v2: model ids the person switched off on the options page. */
  disabledModels: [] as string[],
  /** v2: context-link providers the person removed from the card (new providers appear by default). */
  hiddenLinks: [] as string[],
  /** What happens to `likely-synthetic` media: blurred (click to reveal), a badge only, or hidden. */
  flaggedAction: 'blur' as FlaggedAction,
  /** On sites with an adapter: confirm before resharing or liking a post with flagged media. */
  warnBeforeSharing: true,
  /** Which corner of the media the badge sits in (a new field: older objects get the default). */
  badgePosition: 'top-right' as BadgePosition,
};

export const BADGE_POSITIONS = ['top-right', 'top-left', 'bottom-right', 'bottom-left'] as const;
export type BadgePosition = (typeof BADGE_POSITIONS)[number];

export const FLAGGED_ACTIONS = ['blur', 'label', 'hide'] as const;
export type FlaggedAction = (typeof FLAGGED_ACTIONS)[number];

export type Settings = typeof DEFAULT_SETTINGS;

const HOSTNAME = /^[a-z0-9.-]{1,253}(:\d{1,5})?$/;

/** Bounds of the whole-number settings: the validators below and the options form read them. */
export const SETTING_RANGES = { minShortSide: { min: 16, max: 1024 }, historyMaxItems: { min: 0, max: 10_000 }, historyMaxDays: { min: 0, max: 3650 } } as const;
const inRange = (k: keyof typeof SETTING_RANGES) => (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= SETTING_RANGES[k].min && v <= SETTING_RANGES[k].max;
const oneOf = <T>(choices: readonly T[]) => (v: unknown): v is T => choices.includes(v as T);

type Validators = { [K in keyof Settings]: (v: unknown) => v is Settings[K] };
const validators: Validators = {
  version: (v): v is number => v === SETTINGS_VERSION,
  enabled: (v): v is boolean => typeof v === 'boolean',
  disabledSites: (v): v is string[] => Array.isArray(v) && v.length <= 1000 && v.every((s) => typeof s === 'string' && HOSTNAME.test(s)),
  sensitivity: oneOf(SENSITIVITIES),
  showAllBadges: (v): v is boolean => typeof v === 'boolean',
  minShortSide: inRange('minShortSide'),
  scanImages: (v): v is boolean => typeof v === 'boolean',
  scanVideos: (v): v is boolean => typeof v === 'boolean',
  scanFaces: (v): v is boolean => typeof v === 'boolean',
  historyMaxItems: inRange('historyMaxItems'),
  historyMaxDays: inRange('historyMaxDays'),
  disabledModels: (v): v is string[] => Array.isArray(v) && v.length <= 200 && v.every((s) => typeof s === 'string' && /^[a-z0-9][a-z0-9-]{0,63}$/.test(s)),
  hiddenLinks: (v): v is string[] => Array.isArray(v) && v.length <= 50 && v.every((s) => typeof s === 'string' && /^[a-z0-9][a-z0-9-]{0,31}$/.test(s)),
  flaggedAction: oneOf(FLAGGED_ACTIONS),
  warnBeforeSharing: (v): v is boolean => typeof v === 'boolean',
  badgePosition: oneOf(BADGE_POSITIONS),
};

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
  const src = raw && typeof raw === 'object' ? migrate(raw as Record<string, unknown>) : {};
  const out = { ...DEFAULT_SETTINGS, disabledSites: [...DEFAULT_SETTINGS.disabledSites] };
  for (const key of Object.keys(validators) as (keyof Settings)[]) {
    const value = src[key];
    if (validators[key](value)) (out as Record<string, unknown>)[key] = value;
  }
  return out;
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
