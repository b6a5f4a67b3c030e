/** src/engine/closer-look.ts with stub models: the gates of the quick check first, then the bigger model's band and its card's figures. */
import { describe, expect, test } from 'vitest';
import type { Pixels } from '../detectors/detector';
import type { ModelCard } from '../shared/model-card';
import { closerLook, closerLookFigures } from './closer-look';
import type { ModelRunner } from './model-runner';

const thresholds = { likely: { conservative: 0.9, balanced: 0.8, aggressive: 0.7 }, uncertain: { conservative: 0.6, balanced: 0.5, aggressive: 0.4 } };
const metrics = { pooledAuc: 0.803, aiFlagged: { conservative: 0.025, balanced: 0.069, aggressive: 0.177 }, realFlagged: { conservative: 0.002, balanced: 0.006, aggressive: 0.016 }, sources: 18 };
const gate = { version: '1', flat: 0.56, palette: 0.9, maxDark: 0.2, darkEdges: 0.02, drawn: 0.65 };

function runner(card: Partial<ModelCard>, classify: (px: Pixels) => Promise<{ score: number; drawn?: number }>): ModelRunner & { runs: number } {
  const r = {
    card: { id: 'm', name: 'M', version: '1', task: 'closer-look', file: 'm.onnx', sha256: '0'.repeat(64), thresholds, ...card } as ModelCard,
    runs: 0,
    classify: async (px: Pixels) => (r.runs++, classify(px)),
    score: async (px: Pixels) => (await r.classify(px)).score,
    loaded: true,
    stats: { runs: 0, totalMs: 0 },
    dispose: async () => undefined,
  };
  return r;
}

/** Noise: a photo-like picture for the graphic gate. */
function noisy(w = 160, h = 120): Pixels {
  const data = new Uint8ClampedArray(w * h * 4);
  let s = 7;
  for (let i = 0; i < data.length; i++) data[i] = i % 4 === 3 ? 255 : (s = (s * 1103515245 + 12345) >>> 0) >>> 24;
  return { width: w, height: h, data };
}

const flat = (): Pixels => ({ width: 160, height: 120, data: new Uint8ClampedArray(160 * 120 * 4).fill(255) });

describe('closer look', () => {
  const quick = (drawn: number) => runner({ id: 'quick', task: 'whole-image', contentGate: gate }, async () => ({ score: 0.5, drawn }));

  test('the band is the bigger model’s own, at the sensitivity asked', async () => {
    const closer = runner({ metrics }, async () => ({ score: 0.85 }));
    const at = async (sensitivity: 'conservative' | 'balanced' | 'aggressive') => closerLook(noisy(), { closer, gateModel: quick(0.1), minShortSide: 64, sensitivity });
    expect((await at('conservative')).band).toBe('uncertain');
    expect((await at('balanced')).band).toBe('likely-synthetic');
    const r = await at('aggressive');
    expect(r.band).toBe('likely-synthetic');
    expect(r.signal).toMatchObject({ outcome: 'score', score: 0.85, stage: 'model', detector: 'model:m', strength: 'strong' });
    expect(r.figures).toEqual({ pooledAuc: 0.803, aiFlagged: 0.177, realFlagged: 0.016, sources: 18 });
  });

  test('a low score is no evidence, never "real"', async () => {
    const r = await closerLook(noisy(), { closer: runner({}, async () => ({ score: 0.1 })), gateModel: quick(0), minShortSide: 64, sensitivity: 'balanced' });
    expect(r.band).toBe('no-evidence');
  });

  test('the quick check’s gates come first: too small, a graphic, a drawing; the bigger model never runs', async () => {
    const closer = runner({}, async () => ({ score: 0.99 }));
    const small = await closerLook(noisy(40, 30), { closer, gateModel: quick(0), minShortSide: 64, sensitivity: 'balanced' });
    expect(small).toMatchObject({ band: 'not-applicable', signal: { stage: 'size-gate', outcome: 'not-applicable' } });
    const graphic = await closerLook(flat(), { closer, gateModel: quick(0), minShortSide: 64, sensitivity: 'balanced' });
    expect(graphic).toMatchObject({ band: 'not-applicable', signal: { stage: 'content-gate' } });
    const drawing = await closerLook(noisy(), { closer, gateModel: quick(0.9), minShortSide: 64, sensitivity: 'balanced' });
    expect(drawing).toMatchObject({ band: 'not-applicable', signal: { stage: 'content-gate' } });
    expect(closer.runs).toBe(0);
  });

  test('a model that fails is an error line, not evidence', async () => {
    const closer = runner({}, async () => {
      throw new Error('sha256 mismatch');
    });
    const r = await closerLook(noisy(), { closer, minShortSide: 64, sensitivity: 'balanced' });
    expect(r.band).toBe('no-evidence');
    expect(r.signal).toMatchObject({ outcome: 'error', strength: 'none' });
    expect(r.signal.evidence.join(' ')).toMatch(/sha256 mismatch/);
  });

  test('figures only when the card has every number', () => {
    const card = (m: Record<string, unknown>) => ({ metrics: m }) as unknown as ModelCard;
    expect(closerLookFigures(card(metrics), 'balanced')).toEqual({ pooledAuc: 0.803, aiFlagged: 0.069, realFlagged: 0.006, sources: 18 });
    expect(closerLookFigures(card({ ...metrics, pooledAuc: '0.8' }), 'balanced')).toBeUndefined();
    expect(closerLookFigures(card({ ...metrics, aiFlagged: {} }), 'balanced')).toBeUndefined();
    expect(closerLookFigures({} as ModelCard, 'balanced')).toBeUndefined();
  });
});
