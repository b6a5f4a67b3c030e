/**
 * src/engine/pipeline.ts with a host made of stubs: the order of work (cache before fetch, the
 * platform label and memory after the cache, frames for clips) and one analysis judged at every
 * sensitivity giving the bands the verdict gives.
 */
import { describe, expect, it } from 'vitest';
import type { Pixels } from '../../src/detectors/detector';
import type { DecodedFrame, FrameDecoder } from '../../src/engine/analyze';
import { createMemoryIndex } from '../../src/engine/memory-index';
import type { ModelRunner } from '../../src/engine/model-runner';
import { createPipeline, judge, type PipelineHost } from '../../src/engine/pipeline';
import type { CachedResult, VerdictCache } from '../../src/engine/verdict-cache';
import type { MemoryEntry } from '../../src/shared/person-db';
import type { ModelCard } from '../../src/shared/model-card';
import { SENSITIVITIES } from '../../src/shared/types';

const thresholds = { likely: { conservative: 0.9, balanced: 0.8, aggressive: 0.7 }, uncertain: { conservative: 0.6, balanced: 0.5, aggressive: 0.4 } };

/** A noisy 128×128 picture whose first red value carries the score the stub model gives. */
function picture(score: number): Pixels {
  const data = new Uint8ClampedArray(128 * 128 * 4);
  let seed = 1;
  for (let i = 0; i < data.length; i++) data[i] = (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24;
  data[0] = Math.round(score * 255);
  return { width: 128, height: 128, data };
}

/** A model that reads its score from the picture (a fixture, so the content gate leaves it alone). */
function stubModel(id: string): ModelRunner {
  const card = { id, name: id, version: '1', task: 'whole-image', file: 'm.onnx', sha256: '0'.repeat(64), thresholds, fixture: true } as unknown as ModelCard;
  const classify = async (px: Pixels) => ({ score: px.data[0]! / 255 });
  return { card, classify, score: async (px) => (await classify(px)).score, loaded: true, stats: { runs: 0, totalMs: 0 }, dispose: async () => undefined };
}

function memoryCache(): VerdictCache & { puts: number } {
  const byKey = new Map<string, CachedResult>();
  return {
    puts: 0,
    getByUrl: async (url) => byKey.get(`url|${url}`),
    getByHash: async (hash) => byKey.get(`hash|${hash}`),
    async put(r, url) {
      this.puts++;
      if (url) byKey.set(`url|${url}`, r);
      if (r.contentHash) byKey.set(`hash|${r.contentHash}`, r);
    },
  };
}

function host(over: Partial<PipelineHost> = {}) {
  const fetched: string[] = [];
  const caches = new Map<string, ReturnType<typeof memoryCache>>();
  const entries = new Map<string, MemoryEntry>();
  const models = [stubModel('a')];
  const h: PipelineHost = {
    byteDetectors: [],
    pixelDetectors: [],
    models: async () => ({ wholeImage: models }),
    // The file's first byte is the score, in hundredths.
    decode: async (bytes) => picture(bytes[0]! / 100),
    sha256: async (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(''),
    limits: { maxPixels: 1e7, maxSide: 2048 },
    videoDecodeMs: 1000,
    fetch: async (url) => {
      fetched.push(url);
      return { bytes: new Uint8Array([Number(new URL(url).searchParams.get('score')), url.length]), mime: 'image/png', truncated: false };
    },
    cache: (variant) => caches.get(variant) ?? caches.set(variant, memoryCache()).get(variant)!,
    memory: createMemoryIndex({
      all: async () => [...entries.values()],
      put: async (e) => void entries.set(e.key, e),
      delete: async (k) => void entries.delete(k),
      clear: async () => entries.clear(),
    }),
    ...over,
  };
  return { h, fetched, caches, models };
}

const req = (url: string) => ({ kind: 'image' as const, source: { type: 'url' as const, url }, minShortSide: 96 });

describe('pipeline', () => {
  it('one analysis judged at each sensitivity gives the verdict at that sensitivity', async () => {
    const { h } = host();
    const p = createPipeline(h);
    const a = await p.analyze(req('https://a.test/x.png?score=85'));
    expect(SENSITIVITIES.map((s) => judge(a, s).band)).toEqual(['uncertain', 'likely-synthetic', 'likely-synthetic']);
    for (const s of SENSITIVITIES) expect((await createPipeline(host().h).verdict({ ...req('https://a.test/x.png?score=85'), sensitivity: s })).band).toBe(judge(a, s).band);
  });

  it('asks the cache before fetching, and keeps one cache per set of active models', async () => {
    const { h, fetched, caches } = host();
    const p = createPipeline(h);
    await p.verdict({ ...req('https://a.test/y.png?score=10'), sensitivity: 'balanced' });
    const again = await p.verdict({ ...req('https://a.test/y.png?score=10'), sensitivity: 'balanced' });
    expect(again.cached).toBe(true);
    expect(fetched).toHaveLength(1);
    const off = await p.verdict({ ...req('https://a.test/y.png?score=10'), sensitivity: 'balanced', disabledModels: ['a'] });
    expect(off.cached).toBeUndefined();
    expect(off.signals.some((s) => s.detector === 'model:a')).toBe(false);
    expect(caches.size).toBe(2);
  });

  it('adds the platform label after the cache: it belongs to the post, not the file', async () => {
    const p = createPipeline(host().h);
    const labelled = await p.verdict({ ...req('https://a.test/z.png?score=10'), sensitivity: 'balanced', platform: { site: 'x', label: 'Made with AI' } });
    expect(labelled.band).toBe('declared-ai');
    const plain = await p.verdict({ ...req('https://a.test/z.png?score=10'), sensitivity: 'balanced' });
    expect(plain).toMatchObject({ band: 'no-evidence', cached: true });
  });

  it('remembers a flagged picture, so a copy elsewhere is "seen before" with the model off', async () => {
    const p = createPipeline(host().h);
    expect((await p.verdict({ ...req('https://a.test/first.png?score=95'), sensitivity: 'balanced', pageUrl: 'https://one.test/' })).band).toBe('likely-synthetic');
    await new Promise((r) => setTimeout(r, 0)); // remembering is not awaited by the verdict
    const copy = await p.verdict({ ...req('https://b.test/copy.png?score=95'), sensitivity: 'balanced', pageUrl: 'https://two.test/', disabledModels: ['a'] });
    expect(copy).toMatchObject({ band: 'likely-synthetic', reasonKey: 'reasonSeenBefore' });
  });

  it('judges a clip by its frames (k of n), and a frame source by its pixels only', async () => {
    const frames: FrameDecoder = async (media) =>
      media.kind === 'video'
        ? (async function* (): AsyncGenerator<DecodedFrame> {
            for (const [i, s] of [0.95, 0.1, 0.92, 0.1].entries()) yield { t: i, pixels: picture(s) };
          })()
        : undefined;
    const { h } = host({ frames });
    const p = createPipeline(h);
    const clip = await p.verdict({ kind: 'video', source: { type: 'bytes', bytes: new Uint8Array([0, 1]), mime: 'video/mp4' }, minShortSide: 96, sensitivity: 'balanced' });
    expect(clip.frames?.map((f) => f.band)).toEqual(['likely-synthetic', 'no-evidence', 'likely-synthetic', 'no-evidence']);
    expect(clip.band).toBe('likely-synthetic'); // 2 of 4 frames: k = max(2, ⌈4/3⌉) = 2
    const frame = await p.verdict({ kind: 'video', source: { type: 'frame', bytes: new Uint8Array([20]), mime: 'image/png' }, minShortSide: 96, sensitivity: 'balanced' });
    expect(frame.frames).toBeUndefined();
    expect(frame.band).toBe('no-evidence');
  });
});
