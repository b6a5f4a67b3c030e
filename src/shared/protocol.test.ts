import { describe, expect, test } from 'vitest';
import { envelope, isRequest, LIMITS, parseEnvelope } from './protocol';

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

  test('the closer look takes a picture (bytes or URL), never a video frame, and the engine gets the settings with it', () => {
    const url = { type: 'url' as const, url: 'https://a.example/x.jpg' };
    expect(isRequest('media:closer-look', { source: url })).toBe(true);
    expect(isRequest('media:closer-look', { source: { type: 'bytes', base64: 'AA==', mime: 'image/png' } })).toBe(true);
    expect(isRequest('media:closer-look', { source: { type: 'frame', base64: 'AA==', mime: 'image/png' } })).toBe(false);
    expect(isRequest('media:closer-look', { source: { type: 'url', url: 'javascript:alert(1)' } })).toBe(false);
    // Settings come from the background, never from the page.
    expect(isRequest('media:closer-look', { source: url, sensitivity: 'aggressive' })).toBe(false);
    const engine = { source: url, sensitivity: 'balanced', minShortSide: 96, disabledModels: [] };
    expect(isRequest('engine:closer-look', engine)).toBe(true);
    expect(isRequest('engine:closer-look', { ...engine, sensitivity: 'paranoid' })).toBe(false);
    expect(isRequest('engine:closer-look', { source: url, sensitivity: 'balanced', minShortSide: 96 })).toBe(false);
  });

  test('fields the schema does not name are left out of the parsed payload', () => {
    const m = { dfr: 1, target: 'background', name: 'media:analyze', payload: { kind: 'image', source: { type: 'url', url: 'https://a.example/x.jpg', extra: 1 }, sensitivity: 'aggressive' } };
    expect(parseEnvelope(m, 'background')?.payload).toEqual({ kind: 'image', source: { type: 'url', url: 'https://a.example/x.jpg' } });
  });

  test("the options page's requests are bounded: chunk, file and card sizes, whole-number offsets, plain ids, known lists, pages of at most maxListPage", () => {
    const chunk = { card: '{}', size: 10, offset: 0, base64: 'AAAA' };
    expect(isRequest('models:add', chunk)).toBe(true);
    for (const bad of [
      { base64: 'A'.repeat(Math.ceil(LIMITS.modelChunkBytes / 3) * 4 + 4) },
      { size: LIMITS.maxUserModelBytes + 1 },
      { size: 0 },
      { offset: -1 },
      { offset: 1.5 },
      { card: ' '.repeat(LIMITS.maxCardChars + 1) },
    ])
      expect(isRequest('models:add', { ...chunk, ...bad }), JSON.stringify(bad).slice(0, 40)).toBe(false);
    expect(isRequest('models:remove', { id: 'my-model' })).toBe(true);
    expect(isRequest('models:remove', { id: '../x' })).toBe(false);
    expect(isRequest('engine:memory', { clear: true })).toBe(true);
    expect(isRequest('engine:memory', { clear: 'yes' })).toBe(false);
    expect(isRequest('engine:memory', { clear: false, x: 1 })).toBe(false);
    expect(isRequest('person:forget', { list: 'history' })).toBe(true);
    expect(isRequest('person:forget', { list: 'feedback', id: 'https://a.example/|abc' })).toBe(true);
    expect(isRequest('person:forget', { list: 'memory' })).toBe(false);
    expect(isRequest('person:forget', { list: 'history', id: 3 })).toBe(false);
    const page = { list: 'history', limit: LIMITS.maxListPage, before: [1_700_000_000_000, 'https://a.example/|abc'], query: 'example' };
    expect(isRequest('person:lists', page)).toBe(true);
    expect(isRequest('person:lists', { list: 'feedback', limit: 1 })).toBe(true);
    for (const bad of [
      { limit: LIMITS.maxListPage + 1 },
      { limit: 0 },
      { limit: 2.5 },
      { limit: undefined },
      { list: 'memory' },
      { before: [1] },
      { before: ['1', 'a'] },
      { before: [-1, 'a'] },
      { before: [1, 'a', 2] },
      { query: 'x'.repeat(201) },
      { offset: 3 },
    ])
      expect(isRequest('person:lists', { ...page, ...bad }), JSON.stringify(bad)).toBe(false);
  });

  test('a mime type is short and plain; a platform label is one line', () => {
    const bytes = (mime: string) => ({ kind: 'image', source: { type: 'bytes', base64: 'AA==', mime } });
    expect(isRequest('media:analyze', bytes(''))).toBe(true);
    expect(isRequest('media:analyze', bytes(`image/${'a'.repeat(65)}`))).toBe(false);
    const labelled = (label: string) => ({ kind: 'image', source: { type: 'url', url: 'https://a.example/x' }, platform: { site: 'x', label } });
    expect(isRequest('media:analyze', labelled('AI info'))).toBe(true);
    expect(isRequest('media:analyze', labelled('AI\ninfo'))).toBe(false);
    expect(isRequest('media:analyze', labelled('a'.repeat(LIMITS.maxPlatformLabel + 1)))).toBe(false);
  });
});
