import { describe, expect, test } from 'vitest';
import { envelope, LIMITS, parseEnvelope } from './protocol';

describe('message protocol', () => {
  test('a well-formed request for the right target is accepted', () => {
    const m = envelope('background', 'media:analyze', { kind: 'image', source: { type: 'url', url: 'https://example.com/a.jpg' } });
    expect(parseEnvelope(m, 'background')).toEqual(m);
  });

  test('a message for another context is ignored', () => {
    const m = envelope('engine', 'engine:status', {});
    expect(parseEnvelope(m, 'background')).toBeUndefined();
  });

  test.each([
    ['not an object', 'media:analyze'],
    ['unknown name', { dfr: 1, target: 'background', name: 'media:delete', payload: {} }],
    ['prototype key as name', { dfr: 1, target: 'background', name: 'toString', payload: {} }],
    ['javascript: URL', envelope('background', 'media:analyze', { kind: 'image', source: { type: 'url', url: 'javascript:alert(1)' } })],
    ['file: URL', envelope('background', 'media:analyze', { kind: 'image', source: { type: 'url', url: 'file:///etc/passwd' } })],
    ['huge URL', envelope('background', 'media:analyze', { kind: 'image', source: { type: 'url', url: `https://a.example/${'x'.repeat(LIMITS.maxUrlLength)}` } })],
    ['wrong kind', { dfr: 1, target: 'background', name: 'media:analyze', payload: { kind: 'audio', source: { type: 'url', url: 'https://a.example/x' } } }],
    ['bytes too big', envelope('background', 'media:analyze', { kind: 'image', source: { type: 'bytes', base64: 'A'.repeat(LIMITS.maxBytesFromPage * 2), mime: 'image/png' } })],
    ['bad mime', envelope('background', 'media:analyze', { kind: 'image', source: { type: 'bytes', base64: 'AA==', mime: 'text/html; x=<b>' } })],
    ['frame that is not PNG', { dfr: 1, target: 'background', name: 'media:analyze', payload: { kind: 'video', source: { type: 'frame', base64: 'AA==', mime: 'image/jpeg' } } }],
    ['engine request without sensitivity', envelope('engine', 'engine:analyze', { kind: 'image', source: { type: 'url', url: 'https://a.example/x' } } as never)],
    ['status with extra fields', { dfr: 1, target: 'engine', name: 'engine:status', payload: { x: 1 } }],
  ])('drops %s', (_, message) => {
    const target = (message as { target?: string })?.target === 'engine' ? 'engine' : 'background';
    expect(parseEnvelope(message, target)).toBeUndefined();
  });

  test('the engine request carries the face switch as a boolean only', () => {
    const base = { kind: 'image' as const, source: { type: 'url' as const, url: 'https://a.example/x.jpg' }, sensitivity: 'balanced' as const, minShortSide: 96 };
    expect(parseEnvelope(envelope('engine', 'engine:analyze', { ...base, scanFaces: false }), 'engine')).toBeDefined();
    expect(parseEnvelope(envelope('engine', 'engine:analyze', base), 'engine')).toBeDefined();
    expect(parseEnvelope(envelope('engine', 'engine:analyze', { ...base, scanFaces: 'no' as never }), 'engine')).toBeUndefined();
  });
});
