/** Schemas of the person's messages: feedback from a card, and the post link on an analysis. */
import { describe, expect, test } from 'vitest';
import { isRequest } from './protocol';

const isFeedbackRequest = (v: unknown) => isRequest('feedback:submit', v);
const isEngineFeedbackRequest = (v: unknown) => isRequest('engine:feedback', v);

const ok = { verdict: 'wrong', band: 'likely-synthetic', reasonKey: 'reasonModelStrong', contentHash: 'a'.repeat(64), phash: '0123456789abcdef0a0b0c', signals: ['model:m: score (0.97)'] };

describe('person protocol', () => {
  test('a well-formed feedback passes; each malformed field is refused', () => {
    expect(isFeedbackRequest(ok)).toBe(true);
    for (const bad of [
      { verdict: 'maybe' },
      { band: 'fake' },
      { reasonKey: '<b>' },
      { contentHash: 'xyz' },
      { phash: '0123' },
      { mediaUrl: 'javascript:alert(1)' },
      { signals: 'x' },
      { signals: Array(21).fill('x') },
      { contentHash: undefined, phash: undefined }, // nothing to identify the media
    ])
      expect(isFeedbackRequest({ ...ok, ...bad }), JSON.stringify(bad)).toBe(false);
  });

  test('engine feedback takes the page URL only as http(s)', () => {
    const { reasonKey: _r, signals: _s, ...core } = ok;
    expect(isEngineFeedbackRequest({ ...core, pageUrl: 'https://news.example/a' })).toBe(true);
    expect(isEngineFeedbackRequest({ ...core, pageUrl: 'file:///etc/passwd' })).toBe(false);
  });

  test('an analysis may carry the post permalink, only as http(s)', () => {
    const req = { kind: 'image', source: { type: 'url', url: 'https://cdn.example/x.png' } };
    expect(isRequest('media:analyze', { ...req, postUrl: 'https://social.example/p/1' })).toBe(true);
    expect(isRequest('media:analyze', { ...req, postUrl: 'javascript:1' })).toBe(false);
  });
});
