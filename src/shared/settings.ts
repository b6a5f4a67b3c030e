/**
 * Settings: one defaults object, the type derived from it, validation per field on read, and
 * migrations by version. A corrupt stored value falls back to its default, never breaks the rest.
 */
import { SENSITIVITIES, type Sensitivity } from './types';

export const SETTINGS_VERSION = 1;

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
};

export type Settings = typeof DEFAULT_SETTINGS;

const HOSTNAME = /^[a-z0-9.-]{1,253}(:\d{1,5})?$/;

type Validators = { [K in keyof Settings]: (v: unknown) => v is Settings[K] };
const validators: Validators = {
  version: (v): v is number => v === SETTINGS_VERSION,
  enabled: (v): v is boolean => typeof v === 'boolean',
  disabledSites: (v): v is string[] => Array.isArray(v) && v.length <= 1000 && v.every((s) => typeof s === 'string' && HOSTNAME.test(s)),
  sensitivity: (v): v is Sensitivity => (SENSITIVITIES as readonly unknown[]).includes(v),
  showAllBadges: (v): v is boolean => typeof v === 'boolean',
  minShortSide: (v): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 16 && v <= 1024,
  scanImages: (v): v is boolean => typeof v === 'boolean',
  scanVideos: (v): v is boolean => typeof v === 'boolean',
};

/** Upgrades an older stored object to the current version's shape (before validation). */
function migrate(raw: Record<string, unknown>): Record<string, unknown> {
  // Version 1 is the first; future migrations go here, one step per version.
  return { ...raw, version: SETTINGS_VERSION };
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
