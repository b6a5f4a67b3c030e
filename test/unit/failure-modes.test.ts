/**
 * Failure modes below the browser (the e2e side is test/e2e/failures.test.ts): a model that gives
 * NaN or Infinity, a model whose file fails to load, IndexedDB missing or refusing (private
 * windows, quota), settings storage failing. Expected: a clear error signal, never a verdict
 * from a broken model; the cache falls back to memory; settings fall back to defaults.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { Pixels } from '../../src/detectors/detector';
import { fuseSignals } from '../../src/engine/fusion';
import { classifyWholeImage, createModelRunner, type OrtModule } from '../../src/engine/model-runner';
import { openVerdictCache, type CachedResult } from '../../src/engine/verdict-cache';
import { parseModelCard, type ModelCard } from '../../src/shared/model-card';

const dir = new URL('../fixtures/models/fixture-redness/', import.meta.url);
const parsed = parseModelCard(JSON.parse(readFileSync(new URL('model.json', dir), 'utf8')));
if ('errors' in parsed) throw new Error(parsed.errors.join('; '));
const card: ModelCard = parsed.card;
const sha256 = async (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const modelBytes = new Uint8Array(readFileSync(new URL(card.file, dir)));
const pixels: Pixels = { width: 64, height: 48, data: new Uint8ClampedArray(64 * 48 * 4).fill(200) };

/** An onnxruntime stand-in whose session answers `value` (or fails to be created). */
function fakeOrt(value: number | 'create-fails' | 'run-fails' | 'no-output'): OrtModule {
  class Tensor {
    constructor(
      readonly type: string,
      readonly data: Float32Array,
      readonly dims: number[],
    ) {}
  }
  const session = {
    async run() {
      if (value === 'run-fails') throw new Error('ORT run failed: out of memory');
      if (value === 'no-output') return {};
      return { [card.output.name]: { data: new Float32Array(card.output.kind === 'softmax' ? (card.output.labels ?? []).map(() => value as number) : [value as number]) } };
    },
    async release() {},
  };
  return {
    Tensor,
    InferenceSession: {
      async create() {
        if (value === 'create-fails') throw new Error('failed to create session: invalid model');
        return session;
      },
    },
  } as unknown as OrtModule;
}

describe('a broken model gives a clear error signal, never a verdict', () => {
  for (const value of [NaN, Infinity, -Infinity, 'create-fails', 'run-fails', 'no-output'] as const) {
    test(`model output: ${String(value)}`, async () => {
      const runner = createModelRunner(card, { ort: fakeOrt(value), loadBytes: async () => modelBytes, sha256 });
      const signal = (await classifyWholeImage(runner, pixels)).signal;
      expect(signal.outcome).toBe('error');
      expect(signal.score).toBeUndefined();
      expect(signal.explanation.length + signal.evidence.join('').length).toBeGreaterThan(0);
      const fused = fuseSignals([signal], 'aggressive');
      expect(['likely-synthetic', 'declared-ai']).not.toContain(fused.band);
      // The runner recovers once the model works again (nothing stuck in its queue).
      expect((await classifyWholeImage(runner, pixels)).signal.outcome).toBe('error');
    });
  }

  test('a model file that fails to load (truncated, wrong sha256) is retried on the next request', async () => {
    let calls = 0;
    const runner = createModelRunner(card, {
      ort: fakeOrt(0.9),
      loadBytes: async () => (++calls === 1 ? modelBytes.subarray(0, 100) : modelBytes),
      sha256,
    });
    const first = (await classifyWholeImage(runner, pixels)).signal;
    expect(first.outcome).toBe('error');
    expect(first.evidence.join(' ') + first.explanation).toMatch(/sha256/);
    const second = (await classifyWholeImage(runner, pixels)).signal;
    expect(second.outcome).toBe('score');
    expect(calls).toBe(2);
  });
});

describe('the verdict cache without IndexedDB', () => {
  const original = Object.getOwnPropertyDescriptor(globalThis, 'indexedDB');
  afterEach(() => {
    if (original) Object.defineProperty(globalThis, 'indexedDB', original);
    else delete (globalThis as { indexedDB?: unknown }).indexedDB;
  });
  const result: CachedResult = { kind: 'image', signals: [], contentHash: 'abc' };

  const scenarios: [string, () => void][] = [
    ['absent (no indexedDB global)', () => delete (globalThis as { indexedDB?: unknown }).indexedDB],
    [
      'open() throws (private window)',
      () =>
        Object.defineProperty(globalThis, 'indexedDB', {
          configurable: true,
          value: {
            open: () => {
              throw new DOMException('The user denied permission to access the database.', 'SecurityError');
            },
          },
        }),
    ],
    [
      'open() fails asynchronously (quota, corrupt profile)',
      () =>
        Object.defineProperty(globalThis, 'indexedDB', {
          configurable: true,
          value: {
            open() {
              const req = {
                error: new DOMException('QuotaExceededError', 'QuotaExceededError'),
                onerror: null as null | ((e: unknown) => void),
                addEventListener(type: string, fn: (e: unknown) => void) {
                  if (type === 'error') setTimeout(() => fn({ target: req }));
                },
                removeEventListener() {},
              };
              return req;
            },
          },
        }),
    ],
  ];
  for (const [name, setup] of scenarios) {
    test(`IndexedDB ${name}: falls back to memory`, async () => {
      setup();
      const cache = openVerdictCache('engine-key');
      await expect(cache.getByUrl('https://example.test/a.png')).resolves.toBeUndefined();
      await expect(cache.put(result, 'https://example.test/a.png')).resolves.toBeUndefined();
      await expect(cache.getByUrl('https://example.test/a.png')).resolves.toEqual(result);
      await expect(cache.getByHash('abc')).resolves.toEqual(result);
    });
  }
});

describe('settings storage failing', () => {
  test('a storage area that throws or holds garbage gives the defaults, never a crash', async () => {
    vi.resetModules();
    vi.doMock('../../src/shared/browser', () => ({
      default: {
        storage: {
          sync: {
            get: async () => {
              throw new Error('QUOTA_BYTES quota exceeded');
            },
            set: async () => {
              throw new Error('QUOTA_BYTES quota exceeded');
            },
          },
          onChanged: { addListener() {}, removeListener() {} },
        },
      },
    }));
    const { loadSettings, saveSettings } = await import('../../src/shared/settings-store');
    const { parseSettings } = await import('../../src/shared/settings');
    await expect(loadSettings()).resolves.toEqual(parseSettings(undefined));
    // A failed save is reported to the caller (the popup keeps showing the old value).
    await expect(saveSettings({ showAllBadges: true })).rejects.toThrow(/quota/i);
    vi.doUnmock('../../src/shared/browser');
  });
});
