import { describe, expect, test } from 'vitest';
import { choicesOf, DEFAULT_SETTINGS, isActiveOn, mergeSettings, parseSettings, rangeOf } from './settings';
import { SENSITIVITIES } from './types';

describe('settings', () => {
  test('missing or non-object storage gives the defaults', () => {
    expect(parseSettings(undefined)).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings('garbage')).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings(null)).toEqual(DEFAULT_SETTINGS);
  });

  test('a corrupt field falls back alone; valid fields survive', () => {
    const s = parseSettings({ version: 1, enabled: 'yes', sensitivity: 'aggressive', minShortSide: -3, disabledSites: ['example.com', '<script>'] });
    expect(s.enabled).toBe(true);
    expect(s.sensitivity).toBe('aggressive');
    expect(s.minShortSide).toBe(96);
    expect(s.disabledSites).toEqual([]); // one bad entry rejects the list, never half-trusted
  });

  test('an unversioned (older) object is migrated, not discarded', () => {
    expect(parseSettings({ showAllBadges: true }).showAllBadges).toBe(true);
  });

  test('merge keeps only valid values', () => {
    const s = mergeSettings(DEFAULT_SETTINGS, { sensitivity: 'paranoid' as never, showAllBadges: true });
    expect(s.sensitivity).toBe('balanced');
    expect(s.showAllBadges).toBe(true);
  });

  test('per-site switch and master switch', () => {
    const s = parseSettings({ disabledSites: ['news.example'] });
    expect(isActiveOn(s, 'news.example')).toBe(false);
    expect(isActiveOn(s, 'NEWS.example')).toBe(false);
    expect(isActiveOn(s, 'other.example')).toBe(true);
    expect(isActiveOn({ ...s, enabled: false }, 'other.example')).toBe(false);
  });

  test('fields added after v2 (badge position, faces) get their defaults on older objects', () => {
    const s = parseSettings({ version: 2, sensitivity: 'conservative' });
    expect(s.badgePosition).toBe('top-right');
    expect(s.scanFaces).toBe(true);
    expect(s.sensitivity).toBe('conservative');
    expect(parseSettings({ version: 2, badgePosition: 'middle', scanFaces: 'yes' })).toMatchObject({ badgePosition: 'top-right', scanFaces: true });
  });

  test('the bounds and choices the forms offer are the ones the schema accepts', () => {
    expect(rangeOf('minShortSide')).toEqual({ min: 16, max: 1024 });
    for (const key of ['minShortSide', 'historyMaxItems', 'historyMaxDays'] as const) {
      const { min, max } = rangeOf(key);
      expect(
        [min, max].map((n) => parseSettings({ version: 2, [key]: n })[key]),
        key,
      ).toEqual([min, max]);
      for (const bad of [min - 1, max + 1, min + 0.5]) expect(parseSettings({ version: 2, [key]: bad })[key], `${key} ${bad}`).toBe(DEFAULT_SETTINGS[key]);
    }
    expect(choicesOf('sensitivity')).toEqual(SENSITIVITIES);
    for (const key of ['sensitivity', 'flaggedAction', 'badgePosition'] as const) for (const value of choicesOf(key)) expect(parseSettings({ version: 2, [key]: value })[key]).toBe(value);
  });

  test('defaults are fresh objects: changing one list never changes another parse', () => {
    const a = parseSettings({});
    a.disabledSites.push('x.example');
    expect(parseSettings({}).disabledSites).toEqual([]);
    expect(DEFAULT_SETTINGS.disabledSites).toEqual([]);
  });
});
