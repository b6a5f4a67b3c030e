import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeMedia, type EngineDeps } from '../engine/analyze';
import type { ModelRunner } from '../engine/model-runner';
import { fuseSignals } from '../engine/fusion';
import { parseModelCard, type ModelCard } from '../shared/model-card';
import { drawingGate, graphicGate } from './content-gate';
import { contentStats } from './content-stats';
import type { Pixels } from './detector';

/** The shipped parameters: the whole-image model card's `contentGate`, as the engine reads it. */
const CONTENT_GATE = (parseModelCard(JSON.parse(readFileSync('models/whole-image/model.json', 'utf8'))) as { card: ModelCard }).card.contentGate!;

/** Deterministic pseudo-random bytes (a photo's sensor noise stand-in). */
function rng(seed: number) {
  return () => (seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

function image(w: number, h: number, px: (x: number, y: number) => [number, number, number]): Pixels {
  const data = new Uint8ClampedArray(w * h * 4);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const [r, g, b] = px(x, y);
      data.set([r, g, b, 255], (y * w + x) * 4);
    }
  return { width: w, height: h, data };
}

/** A "screenshot": white page, dark text-like bars, one coloured button. */
const screenshot = image(400, 300, (x, y) => {
  if (y % 24 < 10 && x > 20 && x < 360 && (x >> 3) % 5 !== 0) return [30, 30, 30];
  if (x > 280 && y > 240 && y < 280) return [20, 110, 220];
  return [255, 255, 255];
});
const next = rng(7);
/** A "photo": smooth gradient plus sensor noise everywhere. */
const photo = image(400, 300, (x, y) => {
  const n = () => Math.floor(next() * 12) - 6;
  return [100 + (x >> 2) + n(), 80 + (y >> 2) + n(), 120 + n()];
});
/** A night photo: mostly black (flat there), which must not count as a graphic. */
const night = image(400, 300, (x, y) => (x > 300 && y > 200 ? [200 + Math.floor(next() * 40), 180, 90] : [3, 3, 4]));

describe('content statistics', () => {
  it('tells a rendered screenshot from a noisy photo', () => {
    const s = contentStats(screenshot);
    const p = contentStats(photo);
    expect(s.flat).toBeGreaterThan(0.9);
    expect(s.palette).toBeGreaterThan(0.95);
    expect(p.flat).toBeLessThan(0.2);
    expect(p.palette).toBeLessThan(0.5);
  });

  it('counts dark pixels, so night photos are not flat graphics', () => {
    expect(contentStats(night).dark).toBeGreaterThan(0.7);
    expect(graphicGate(contentStats(night), CONTENT_GATE)).toBeUndefined();
  });

  it('is safe on degenerate sizes', () => {
    expect(contentStats({ width: 1, height: 1, data: new Uint8ClampedArray(4) })).toEqual({ flat: 0, palette: 0, edges: 0, dark: 0 });
  });
});

describe('content gate', () => {
  it('gates a screenshot and not a photo', () => {
    expect(graphicGate(contentStats(screenshot), CONTENT_GATE)?.outcome).toBe('not-applicable');
    expect(graphicGate(contentStats(photo), CONTENT_GATE)).toBeUndefined();
  });

  it('gates a drawing by the model’s content output at the fitted threshold', () => {
    expect(drawingGate(CONTENT_GATE.drawn, CONTENT_GATE)?.outcome).toBe('not-applicable');
    expect(drawingGate(CONTENT_GATE.drawn - 0.01, CONTENT_GATE)).toBeUndefined();
    expect(drawingGate(undefined, CONTENT_GATE)).toBeUndefined();
    expect(drawingGate(Number.NaN, CONTENT_GATE)).toBeUndefined();
  });

  it('has fitted parameters in the whole-image card, checked by the card validator', () => {
    expect(CONTENT_GATE.version).toMatch(/^\d+\.\d+\.\d+$/);
    for (const v of [CONTENT_GATE.flat, CONTENT_GATE.palette, CONTENT_GATE.maxDark, CONTENT_GATE.darkEdges, CONTENT_GATE.drawn]) expect(v).toBeGreaterThan(0);
    const raw = JSON.parse(readFileSync('models/whole-image/model.json', 'utf8'));
    expect(parseModelCard({ ...raw, contentGate: { ...CONTENT_GATE, flat: 1.5 } })).toHaveProperty('errors');
  });
});

function runner(id: string, score: number, drawn: number | undefined, fixture = false): ModelRunner & { calls: number } {
  const card = {
    id,
    name: id,
    version: '1',
    task: 'whole-image',
    fixture,
    thresholds: { likely: { conservative: 0.9, balanced: 0.8, aggressive: 0.7 }, uncertain: { conservative: 0.6, balanced: 0.5, aggressive: 0.4 } },
  } as unknown as ModelCard;
  const r = {
    card,
    calls: 0,
    loaded: true,
    stats: { runs: 0, totalMs: 0 },
    async classify() {
      r.calls++;
      return drawn === undefined ? { score } : { score, drawn };
    },
    async score() {
      return (await r.classify()).score;
    },
    async dispose() {},
  };
  return r;
}

function deps(models: ModelRunner[]): EngineDeps {
  return { byteDetectors: [], pixelDetectors: [], models, contentGate: CONTENT_GATE, decode: async () => photo, sha256: async () => 'x', limits: { maxPixels: 1e8, maxSide: 4096 } };
}

describe('analyzeMedia with the content gate', () => {
  it('skips photo models on a graphic and says not-applicable', async () => {
    const m = runner('photo', 0.99, 0);
    const out = await analyzeMedia({ kind: 'image', pixels: screenshot, minShortSide: 96 }, deps([m]));
    expect(m.calls).toBe(0);
    expect(out.signals.find((s) => s.detector === 'content-gate')?.outcome).toBe('not-applicable');
    expect(fuseSignals(out.signals, 'balanced')).toEqual({ band: 'not-applicable', reasonKey: 'reasonNotPhoto' });
  });

  it('withdraws a photo model’s score when it says drawing', async () => {
    const out = await analyzeMedia({ kind: 'image', pixels: photo, minShortSide: 96 }, deps([runner('photo', 0.99, 0.99)]));
    expect(out.signals.some((s) => s.outcome === 'score')).toBe(false);
    expect(fuseSignals(out.signals, 'balanced').band).toBe('not-applicable');
  });

  it('keeps the score of a photo that is neither', async () => {
    const out = await analyzeMedia({ kind: 'image', pixels: photo, minShortSide: 96 }, deps([runner('photo', 0.99, 0.01)]));
    expect(out.signals.find((s) => s.detector === 'model:photo')?.score).toBe(0.99);
    expect(fuseSignals(out.signals, 'balanced').band).toBe('likely-synthetic');
  });

  it('leaves test fixture models alone', async () => {
    const out = await analyzeMedia({ kind: 'image', pixels: screenshot, minShortSide: 96 }, deps([runner('fixture', 0.99, undefined, true)]));
    expect(out.signals.find((s) => s.detector === 'model:fixture')?.score).toBe(0.99);
    expect(out.signals.some((s) => s.detector === 'content-gate')).toBe(false);
  });
});
