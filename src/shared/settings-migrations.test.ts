/** Settings schema v1 → v2 and corrupt stored values (issue 7). */
import { describe, expect, test } from 'vitest';
import { DEFAULT_SETTINGS, MIGRATIONS, normalizeSiteRule, parseSettings, SETTINGS_VERSION } from './settings';

describe('settings migrations', () => {
  test('the current version has a migration step from every older version', () => {
    for (let v = 2; v <= SETTINGS_VERSION; v++) expect(MIGRATIONS[v], `step to v${v}`).toBeTypeOf('function');
  });

  test('a v1 object becomes v2: its choices kept, site rules normalised, new fields defaulted', () => {
    const v1 = {
      version: 1,
      enabled: false,
      sensitivity: 'conservative',
      showAllBadges: true,
      minShortSide: 128,
      scanImages: true,
      scanVideos: false,
      disabledSites: ['News.Example.com', 'https://news.example.com/path', 'shop.example'],
    };
    const s = parseSettings(v1);
    expect(s.version).toBe(SETTINGS_VERSION);
    expect(s.enabled).toBe(false);
    expect(s.sensitivity).toBe('conservative');
    expect(s.minShortSide).toBe(128);
    expect(s.scanVideos).toBe(false);
    expect(s.disabledSites).toEqual(['news.example.com', 'shop.example']);
    expect(s.historyMaxItems).toBe(DEFAULT_SETTINGS.historyMaxItems);
    expect(s.historyMaxDays).toBe(DEFAULT_SETTINGS.historyMaxDays);
    expect(s.disabledModels).toEqual([]);
  });

  test('an unversioned object is treated as v1', () => {
    expect(parseSettings({ disabledSites: ['A.example'] }).disabledSites).toEqual(['a.example']);
  });

  test('a v2 object round-trips unchanged', () => {
    const v2 = { ...DEFAULT_SETTINGS, historyMaxItems: 42, historyMaxDays: 7, disabledModels: ['fixture-redness'], disabledSites: ['x.example'] };
    expect(parseSettings(JSON.parse(JSON.stringify(v2)))).toEqual(v2);
  });

  test('corrupt values fall back per field and never throw', () => {
    const corrupt = [
      { version: 2, historyMaxItems: -1, historyMaxDays: 1.5, disabledModels: ['../etc/passwd'] },
      { version: 2, historyMaxItems: '500', historyMaxDays: null, disabledModels: 'fixture' },
      { version: 'two', disabledSites: [42, null] },
      { version: 99, historyMaxItems: 10 },
      { disabledSites: 'not-a-list' },
      { disabledSites: Array.from({ length: 5000 }, (_, i) => `h${i}.example`) },
    ];
    for (const raw of corrupt) {
      const s = parseSettings(raw);
      expect(s.version).toBe(SETTINGS_VERSION);
      for (const [k, v] of Object.entries(s)) expect(typeof v, k).toBe(typeof (DEFAULT_SETTINGS as Record<string, unknown>)[k]);
    }
    expect(parseSettings(corrupt[0]).historyMaxItems).toBe(DEFAULT_SETTINGS.historyMaxItems);
    expect(parseSettings(corrupt[0]).disabledModels).toEqual([]);
    expect(parseSettings(corrupt[3]).historyMaxItems).toBe(10); // a newer object keeps what still validates
  });

  test('site rules are reduced to a hostname', () => {
    expect(normalizeSiteRule('  HTTPS://Social.Example:8080/feed?x=1 ')).toBe('social.example:8080');
    expect(normalizeSiteRule('example.org/path')).toBe('example.org');
    expect(normalizeSiteRule('example.org')).toBe('example.org');
  });
});
