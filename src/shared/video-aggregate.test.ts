import { describe, expect, test } from 'vitest';
import type { Band, Signal } from './types';
import { aggregateVideo, framesNeeded, type FrameInput } from './video-aggregate';

const thresholds = { likely: { conservative: 0.9, balanced: 0.8, aggressive: 0.7 }, uncertain: { conservative: 0.6, balanced: 0.5, aggressive: 0.4 } };
const model = (score: number): Signal => ({ detector: 'model:m', version: '1', stage: 'model', outcome: 'score', score, thresholds, strength: 'moderate', evidence: ['M'], explanation: '' });
/** A frame as the engine would judge it: the band comes with the frame, from the model card. */
const frame = (t: number, score: number): FrameInput => {
  const band: Band = score >= 0.8 ? 'likely-synthetic' : score >= 0.5 ? 'uncertain' : 'no-evidence';
  return { t, band, signals: [model(score)] };
};
const clip = (scores: number[]) => scores.map((s, i) => frame(i, s));

describe('video aggregation', () => {
  test('k of n: two frames at least, a third of them on longer clips', () => {
    expect(framesNeeded(1, true)).toBe(2);
    expect(framesNeeded(1, false)).toBe(1);
    expect(framesNeeded(2, true)).toBe(2);
    expect(framesNeeded(6, true)).toBe(2);
    expect(framesNeeded(9, false)).toBe(3);
    expect(framesNeeded(24, true)).toBe(8);
  });

  test('one noisy frame never flags a clip', () => {
    for (let n = 2; n <= 24; n++) {
      for (let at = 0; at < n; at++) {
        const scores = Array.from({ length: n }, (_, i) => (i === at ? 0.99 : 0.05));
        const v = aggregateVideo(clip(scores), { moreFramesExpected: false });
        expect(v.band, `n=${n} at=${at}`).toBe('no-evidence');
      }
    }
  });

  test('a mostly synthetic clip is flagged, and the summary score agrees with the band', () => {
    const v = aggregateVideo(clip([0.97, 0.2, 0.95, 0.99, 0.96, 0.1]), { moreFramesExpected: true });
    expect(v.band).toBe('likely-synthetic');
    expect(v.reasonKey).toBe('reasonVideoFrames');
    expect(v.likely).toBe(4);
    expect(v.needed).toBe(2);
    const s = v.signals.find((x) => x.detector === 'model:m')!;
    expect(s.score).toBe(0.97); // 2nd highest
    expect(s.thresholds).toEqual(thresholds);
    expect(v.frames.map((f) => f.t)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  test('first verdict: one red frame of a playing video is only uncertain, final when nothing more comes', () => {
    expect(aggregateVideo(clip([0.99]), { moreFramesExpected: true }).band).toBe('uncertain');
    expect(aggregateVideo(clip([0.99]), { moreFramesExpected: false }).band).toBe('likely-synthetic');
    expect(aggregateVideo(clip([0.99, 0.98]), { moreFramesExpected: true }).band).toBe('likely-synthetic');
  });

  test('evidence grows: the band updates as frames arrive', () => {
    const scores = [0.9, 0.1, 0.95, 0.92, 0.97];
    const bands = scores.map((_, i) => aggregateVideo(clip(scores.slice(0, i + 1)), { moreFramesExpected: true }).band);
    expect(bands).toEqual(['uncertain', 'no-evidence', 'likely-synthetic', 'likely-synthetic', 'likely-synthetic']);
  });

  test('several uncertain frames make an uncertain clip', () => {
    expect(aggregateVideo(clip([0.6, 0.55, 0.1, 0.7]), { moreFramesExpected: true }).band).toBe('uncertain');
  });

  test('declarations from the bytes win; trusted credentials soften model evidence', () => {
    const declared: Signal = { detector: 'c2pa', version: '1', stage: 'provenance', outcome: 'declared-ai', strength: 'strong', evidence: [], explanation: '' };
    expect(aggregateVideo(clip([0.1, 0.1]), { byteSignals: [declared], moreFramesExpected: false }).band).toBe('declared-ai');
    const camera: Signal = { ...declared, outcome: 'info' };
    expect(aggregateVideo(clip([0.99, 0.99, 0.99]), { byteSignals: [camera], moreFramesExpected: false }).band).toBe('uncertain');
  });

  test('frames too small to judge, and no frames at all', () => {
    const na: FrameInput = { t: 0, band: 'not-applicable', signals: [] };
    expect(aggregateVideo([na, { ...na, t: 1 }], { moreFramesExpected: false }).band).toBe('not-applicable');
    expect(aggregateVideo([], { moreFramesExpected: true }).band).toBe('no-evidence');
  });
});
