import { describe, expect, test } from 'vitest';
import { isRequest } from './protocol';

describe('protocol: the file-only check of a video (issue 5)', () => {
  const url = { type: 'url', url: 'https://example.com/clip.mp4' };
  test('bytesOnly is accepted only as `true` on a url source', () => {
    expect(isRequest('media:analyze', { kind: 'video', source: url, bytesOnly: true })).toBe(true);
    expect(isRequest('media:analyze', { kind: 'video', source: url })).toBe(true);
    expect(isRequest('media:analyze', { kind: 'video', source: url, bytesOnly: 'yes' })).toBe(false);
    expect(isRequest('media:analyze', { kind: 'video', source: url, bytesOnly: false })).toBe(false);
    expect(isRequest('media:analyze', { kind: 'video', source: { type: 'frame', base64: 'AAAA', mime: 'image/png' }, bytesOnly: true })).toBe(false);
  });
});
