import { describe, expect, test } from 'vitest';
import type { Signal } from '../shared/types';
import { fuseFrames, type FrameRecord } from './video-analysis';

const thresholds = { likely: { conservative: 0.9, balanced: 0.8, aggressive: 0.7 }, uncertain: { conservative: 0.6, balanced: 0.5, aggressive: 0.4 } };
const frame = (t: number, score: number): FrameRecord => ({
  t,
  signals: [
    { detector: 'gate', version: '1', stage: 'size-gate', outcome: 'none', strength: 'none', evidence: [], explanation: '' },
    { detector: 'model:m', version: '1', stage: 'model', outcome: 'score', score, thresholds, strength: 'moderate', evidence: ['M'], explanation: '' },
  ],
});
const result = (scores: number[]) => ({ signals: [], kind: 'video' as const, frames: scores.map((s, i) => frame(i, s)) });

describe('engine: one verdict for the frames of a file', () => {
  test("thresholds from the card at the person's sensitivity, k of n frames", () => {
    const r = result([0.85, 0.82, 0.1, 0.84]);
    expect(fuseFrames(r, [], 'balanced')?.band).toBe('likely-synthetic');
    expect(fuseFrames(r, [], 'conservative')?.band).toBe('uncertain'); // 0.85 < 0.9: uncertain frames
    expect(fuseFrames(result([0.1, 0.99, 0.1, 0.1, 0.1]), [], 'aggressive')?.band).toBe('no-evidence');
  });

  test('a still picture has no frames: the image path decides', () => {
    expect(fuseFrames({ signals: [], kind: 'image' }, [], 'balanced')).toBeUndefined();
  });

  test('memory: the person said "wrong" about this clip, or it was flagged before', () => {
    const memory = (band: 'likely-synthetic' | 'no-evidence', personVerdict?: 'wrong'): Signal => ({
      detector: 'memory',
      version: '1',
      stage: 'memory',
      outcome: 'info',
      strength: 'none',
      evidence: [],
      explanation: '',
      memory: { host: 'example.com', at: 0, band, personVerdict, distance: 0 },
    });
    expect(fuseFrames(result([0.95, 0.95, 0.95]), [memory('likely-synthetic', 'wrong')], 'balanced')?.band).toBe('no-evidence');
    expect(fuseFrames(result([0.1, 0.1, 0.1]), [memory('likely-synthetic')], 'balanced')?.band).toBe('likely-synthetic');
  });
});
