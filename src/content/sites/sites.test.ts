/** Pure parts of the site adapters: label words (en/fr), button names, hosts, the test hook. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { platformLabelSignal, withPlatformLabel } from '../../detectors/platform/index';
import { singleBackgroundUrl } from '../backgrounds';
import { fuseSignals } from '../../engine/fusion';
import { isRequest } from '../../shared/protocol';
import { parseSettings } from '../../shared/settings';
import { cleanText, httpUrl } from './dom';
import { actionFromName, GENERIC_AI_LABEL, LINKEDIN_CR_LABEL, META_AI_LABEL, noteMentionsAi, TIKTOK_AI_LABEL, X_MEDIA_LABEL, YOUTUBE_AI_LABEL } from './label-rules';
import { adapterFor, registeredSites } from './index';
import { hostMatches, isLoopbackHost } from './registry';

const any = (patterns: readonly RegExp[], s: string) => patterns.some((p) => p.test(s));
const fakeDoc = (meta?: string, mastodon = false) =>
  ({
    querySelector: (sel: string) => (sel.includes('deepfake-radar-test-site') && meta ? { content: meta } : null),
    getElementById: (id: string) => (mastodon && id === 'mastodon' ? {} : null),
    body: { classList: { contains: (c: string) => mastodon && c === 'app-body' } },
  }) as unknown as Document;

describe('platform label words', () => {
  test.each([
    [META_AI_LABEL, 'AI info'],
    [META_AI_LABEL, 'Made with AI'],
    [META_AI_LABEL, 'Infos IA'],
    [META_AI_LABEL, 'Infos sur l’IA'],
    [META_AI_LABEL, "Créé avec l'IA"],
    [TIKTOK_AI_LABEL, 'Creator labeled as AI-generated'],
    [TIKTOK_AI_LABEL, 'AI-generated'],
    [TIKTOK_AI_LABEL, 'Le créateur a indiqué que ce contenu est généré par l’IA'],
    [YOUTUBE_AI_LABEL, 'Altered or synthetic content'],
    [YOUTUBE_AI_LABEL, 'Contenu retouché ou synthétique'],
    [YOUTUBE_AI_LABEL, 'Contenu modifié ou synthétique'],
    [X_MEDIA_LABEL, 'Manipulated media'],
    [X_MEDIA_LABEL, 'Médias manipulés'],
    [LINKEDIN_CR_LABEL, 'Content Credentials'],
    [LINKEDIN_CR_LABEL, 'Identifiants de contenu'],
    [GENERIC_AI_LABEL, 'AI generated'],
    [GENERIC_AI_LABEL, 'Généré par IA'],
    [GENERIC_AI_LABEL, 'Image générée par IA'],
  ])('%#: "%s" is a label', (patterns, text) => expect(any(patterns, text)).toBe(true));

  test.each([
    [META_AI_LABEL, 'Email'],
    [META_AI_LABEL, 'More info about this AI info label and why it matters to you'],
    [TIKTOK_AI_LABEL, 'Sponsored'],
    [YOUTUBE_AI_LABEL, 'Synthetic biology explained'],
    [X_MEDIA_LABEL, 'Social media'],
    [GENERIC_AI_LABEL, 'Art'],
    [GENERIC_AI_LABEL, 'Discussion about AI generated art'],
  ])('%#: "%s" is not a label', (patterns, text) => expect(any(patterns, text)).toBe(false));

  test('community notes count only when they talk about AI or digital manipulation', () => {
    expect(noteMentionsAi('This image was generated with AI and does not show a real event.')).toBe(true);
    expect(noteMentionsAi('Cette image a été créée par intelligence artificielle.')).toBe(true);
    expect(noteMentionsAi('Photo générée par IA, aucun événement réel.')).toBe(true);
    expect(noteMentionsAi('This is a deepfake of the minister.')).toBe(true);
    expect(noteMentionsAi('The photo is from 2019, as the reporter said.')).toBe(false);
    expect(noteMentionsAi('Ce média date de 2019.')).toBe(false);
  });
});

describe('button names', () => {
  test.each([
    ['Repost', 'repost'],
    ['Retweet', 'repost'],
    ['Boost', 'repost'],
    ['Republier', 'repost'],
    ['Share', 'share'],
    ['Send this to friends or post it on your profile.', 'share'],
    ['Partager', 'share'],
    ['Like', 'like'],
    ['React Like', 'like'],
    ['J’aime', 'like'],
    ["J'aime", 'like'],
    ['Favorite', 'like'],
    ['Ajouter aux favoris', 'like'],
  ])('"%s" → %s', (name, action) => expect(actionFromName(name)).toBe(action));
  test.each(['Unlike', 'Reply', 'Comment', 'Likes: 40', 'Shared album', ''])('"%s" is not a reshare/like button', (name) => {
    expect(actionFromName(name)).toBeUndefined();
  });
});

describe('hosts and the loopback test hook', () => {
  test('every adapter is registered once, with hosts or a page test, an https policy page and a "Relies on" comment', () => {
    const ids = registeredSites().map((a) => a.id);
    expect(ids.sort()).toEqual(['bluesky', 'facebook', 'instagram', 'linkedin', 'mastodon', 'reddit', 'threads', 'tiktok', 'x', 'youtube']);
    for (const a of registeredSites()) {
      expect(a.hosts.length > 0 || !!a.detect, a.id).toBe(true);
      if (typeof a.policyUrl === 'string') expect(a.policyUrl, a.id).toMatch(/^https:\/\//);
    }
    const dir = import.meta.dirname;
    for (const f of readdirSync(dir).filter((f) => /^[a-z]+\.ts$/.test(f) && readFileSync(join(dir, f), 'utf8').includes('registerSite({'))) {
      expect(readFileSync(join(dir, f), 'utf8'), f).toMatch(/^\/\*\*[\s\S]*?Relies on:/);
    }
  });

  test('hostnames match themselves and subdomains only', () => {
    expect(hostMatches('x.com', ['x.com'])).toBe(true);
    expect(hostMatches('mobile.twitter.com', ['twitter.com'])).toBe(true);
    expect(hostMatches('www.youtube.com.', ['youtube.com'])).toBe(true);
    expect(hostMatches('notx.com', ['x.com'])).toBe(false);
    expect(hostMatches('x.com.evil.example', ['x.com'])).toBe(false);
    expect(adapterFor('www.facebook.com', fakeDoc())?.id).toBe('facebook');
    expect(adapterFor('old.reddit.com', fakeDoc())?.id).toBe('reddit');
    expect(adapterFor('example.org', fakeDoc())).toBeUndefined();
  });

  test('the meta hook is honoured on loopback hosts only', () => {
    expect(isLoopbackHost('127.0.0.1')).toBe(true);
    expect(isLoopbackHost('127.0.0.2')).toBe(true);
    expect(isLoopbackHost('localhost')).toBe(true);
    expect(isLoopbackHost('127.0.0.1.evil.example')).toBe(false);
    expect(adapterFor('127.0.0.1', fakeDoc('tiktok'))?.id).toBe('tiktok');
    expect(adapterFor('example.org', fakeDoc('tiktok'))).toBeUndefined();
    expect(adapterFor('www.youtube.com', fakeDoc('tiktok'))?.id).toBe('youtube');
    expect(adapterFor('127.0.0.1', fakeDoc('no-such-site'))).toBeUndefined();
  });

  test('Mastodon is recognised by its page on any instance', () => {
    expect(adapterFor('social.example', fakeDoc(undefined, true))?.id).toBe('mastodon');
  });
});

describe('hostile page text', () => {
  test('labels are collapsed, stripped of bidi/zero-width characters and bounded', () => {
    expect(cleanText('  AI\u200b   info \u202e ')).toBe('AI info');
    expect(cleanText('x'.repeat(500))!.length).toBe(200);
    expect(cleanText('   ')).toBeUndefined();
    // The protocol refuses control characters in a label: they become spaces here.
    expect(cleanText('Made\u0007with\u0000AI\u007f')).toBe('Made with AI');
  });
  test('permalinks are absolute http(s) URLs only', () => {
    expect(httpUrl('/alice/status/1', 'https://x.com/home')).toBe('https://x.com/alice/status/1');
    expect(httpUrl('javascript:alert(1)', 'https://x.com/')).toBeUndefined();
    expect(httpUrl('data:text/html,hi', 'https://x.com/')).toBeUndefined();
    expect(httpUrl(`https://x.com/${'a'.repeat(3000)}`, 'https://x.com/')).toBeUndefined();
    expect(httpUrl('https://x.com/a#frag', 'https://x.com/')).toBe('https://x.com/a');
  });
  test('the request validator accepts a short platform label and drops anything else', () => {
    const base = { kind: 'image', source: { type: 'url', url: 'https://example.org/a.png' } };
    expect(isRequest('media:analyze', { ...base, platform: { site: 'x', label: 'Manipulated media' } })).toBe(true);
    expect(isRequest('media:analyze', base)).toBe(true);
    for (const platform of [
      { site: 'x', label: 'a'.repeat(301) },
      { site: 'x', label: '' },
      { site: 'X!', label: 'AI info' },
      { site: 'x', label: 'line\nbreak' },
      { site: 'x', label: 42 },
      'AI info',
      null,
    ])
      expect(isRequest('media:analyze', { ...base, platform }), JSON.stringify(platform)).toBe(false);
  });
});

describe('platform signal in fusion', () => {
  test('a platform label makes the band declared-ai, with the label text as evidence', () => {
    const signal = platformLabelSignal({ site: 'youtube', label: 'Altered or synthetic content' });
    expect(signal).toMatchObject({ detector: 'platform', outcome: 'declared-ai', strength: 'moderate' });
    expect(signal.evidence).toEqual(['youtube: “Altered or synthetic content”']);
    const nothing = [{ detector: 'metadata', version: '1', stage: 'provenance' as const, outcome: 'none' as const, strength: 'none' as const, evidence: [], explanation: '' }];
    expect(fuseSignals(withPlatformLabel(nothing, { site: 'youtube', label: 'Altered or synthetic content' }), 'balanced').band).toBe('declared-ai');
    expect(withPlatformLabel(nothing, undefined)).toBe(nothing);
  });
});

describe('CSS backgrounds', () => {
  test('one url() counts; none, gradients and layered backgrounds do not', () => {
    expect(singleBackgroundUrl('url("https://cdn.example/a.jpg")')).toBe('https://cdn.example/a.jpg');
    expect(singleBackgroundUrl('url("data:image/png;base64,AAAA")')).toBe('data:image/png;base64,AAAA');
    expect(singleBackgroundUrl('url("a\\"b.png")')).toBe('a"b.png');
    expect(singleBackgroundUrl('none')).toBeUndefined();
    expect(singleBackgroundUrl('linear-gradient(red, blue)')).toBeUndefined();
    expect(singleBackgroundUrl('url("a.png"), url("b.png")')).toBeUndefined();
  });
});

describe('settings', () => {
  test('protective actions default to blur + warn and fall back per field', () => {
    expect(parseSettings({})).toMatchObject({ flaggedAction: 'blur', warnBeforeSharing: true });
    expect(parseSettings({ flaggedAction: 'hide', warnBeforeSharing: false })).toMatchObject({ flaggedAction: 'hide', warnBeforeSharing: false });
    expect(parseSettings({ flaggedAction: 'explode', warnBeforeSharing: 'yes' })).toMatchObject({ flaggedAction: 'blur', warnBeforeSharing: true });
  });
});
