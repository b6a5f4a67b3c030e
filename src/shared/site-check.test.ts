import { describe, expect, test } from 'vitest';
import { parseSiteCheck, siteCheckLine } from './site-check';

describe('site check (popup self-check of the site adapter)', () => {
  test('accepts the content script figures', () => {
    expect(parseSiteCheck({ site: 'x', siteName: 'X', media: 16, withPost: 14 })).toEqual({ site: 'x', siteName: 'X', media: 16, withPost: 14 });
  });

  test.each([
    ['not an object', 'x'],
    ['more posts than media', { site: 'x', siteName: 'X', media: 2, withPost: 3 }],
    ['negative', { site: 'x', siteName: 'X', media: -1, withPost: 0 }],
    ['fractional', { site: 'x', siteName: 'X', media: 1.5, withPost: 0 }],
    ['huge', { site: 'x', siteName: 'X', media: 1e9, withPost: 0 }],
    ['a name over two lines', { site: 'x', siteName: 'X\nclick here', media: 1, withPost: 0 }],
    ['a long name', { site: 'x', siteName: 'X'.repeat(41), media: 1, withPost: 0 }],
    ['an odd id', { site: 'X <b>', siteName: 'X', media: 1, withPost: 0 }],
    ['missing counts', { site: 'x', siteName: 'X' }],
  ])('rejects %s', (_why, v) => expect(parseSiteCheck(v)).toBeUndefined());

  test('"post context for 14 of 16 pictures"', () => {
    expect(siteCheckLine({ site: 'x', siteName: 'X', media: 16, withPost: 14 })).toEqual({ key: 'popupSiteCheck', args: ['14', '16', 'X'], weak: false });
  });

  test('few posts understood: the site may have changed', () => {
    expect(siteCheckLine({ site: 'facebook', siteName: 'Facebook', media: 10, withPost: 1 }).weak).toBe(true);
    expect(siteCheckLine({ site: 'facebook', siteName: 'Facebook', media: 10, withPost: 5 }).weak).toBe(false);
    // Too few pictures to say anything.
    expect(siteCheckLine({ site: 'facebook', siteName: 'Facebook', media: 3, withPost: 0 }).weak).toBe(false);
  });

  test('no pictures judged yet', () => {
    expect(siteCheckLine({ site: 'x', siteName: 'X', media: 0, withPost: 0 })).toEqual({ key: 'popupSiteCheckNone', args: ['X'], weak: false });
  });
});

test('every message the self-check shows exists in English and French', async () => {
  const { readFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  for (const lang of ['en', 'fr']) {
    const messages = JSON.parse(readFileSync(join(import.meta.dirname, '../../public/_locales', lang, 'messages.json'), 'utf8')) as Record<string, { message: string }>;
    for (const key of ['popupSiteCheck', 'popupSiteCheckNone', 'popupSiteCheckWeak']) expect(messages[key]?.message, `${lang} ${key}`).toBeTruthy();
  }
});
