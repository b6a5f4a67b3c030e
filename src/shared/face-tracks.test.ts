import { describe, expect, test } from 'vitest';
import { iou, mostFlaggedTrack, trackFaces } from './face-tracks';
import type { Region, Signal } from './types';
import { aggregateVideo, type FrameInput } from './video-aggregate';

const thresholds = { likely: { conservative: 0.9, balanced: 0.8, aggressive: 0.7 }, uncertain: { conservative: 0.6, balanced: 0.5, aggressive: 0.4 } };
const face = (x: number, score: number, image?: string): Region => ({ x, y: 100, width: 80, height: 80, score, label: 'face', ...(image && { image }) });
const faceSignal = (regions: Region[]): Signal => ({
  detector: 'model:face',
  version: '2',
  stage: 'model',
  outcome: 'score',
  score: Math.max(...regions.map((r) => r.score!)),
  thresholds,
  strength: 'moderate',
  evidence: ['Face model'],
  evidenceKeys: [{ key: 'sig_model_name', params: ['Face model', '2'] }],
  explanation: '',
  regions,
});
/** A frame whose band follows its top face at balanced, as fusion would give it. */
const frame = (t: number, regions: Region[]): FrameInput => {
  const top = Math.max(...regions.map((r) => r.score!));
  return { t, band: top >= 0.8 ? 'likely-synthetic' : top >= 0.5 ? 'uncertain' : 'no-evidence', signals: [faceSignal(regions)] };
};

describe('face tracks', () => {
  test('box overlap', () => {
    expect(iou(face(0, 1), face(0, 1))).toBe(1);
    expect(iou(face(0, 1), face(40, 1))).toBeCloseTo(1 / 3, 5);
    expect(iou(face(0, 1), face(200, 1))).toBe(0);
  });

  test('two faces moving a little are two tracks; flags follow the sensitivity', () => {
    const frames = [0, 1, 2, 3].map((t) => frame(t, [face(10 + 5 * t, 0.85), face(400 - 5 * t, 0.1)]));
    const balanced = trackFaces(frames, 'balanced');
    expect(balanced.map((tr) => tr.frames.length)).toEqual([4, 4]);
    expect(balanced[0]!.frames.every((f) => f.flagged)).toBe(true);
    expect(balanced[1]!.frames.some((f) => f.flagged)).toBe(false);
    expect(trackFaces(frames, 'conservative')[0]!.frames.some((f) => f.flagged)).toBe(false);
    expect(mostFlaggedTrack(balanced)!.id).toBe(1);
  });

  test('a face gone for longer than the gap starts a new track', () => {
    const tracks = trackFaces([frame(0, [face(10, 0.9)]), frame(10, [face(10, 0.9)])], 'balanced');
    expect(tracks).toHaveLength(2);
  });

  test('two faces each flagged once do not add up to a flagged face', () => {
    // 6 frames, k = 2: frame-level counting sees two likely frames; each face alone has one.
    const frames = [frame(0, [face(10, 0.9), face(400, 0.1)]), frame(1, [face(10, 0.1), face(400, 0.9)]), ...[2, 3, 4, 5].map((t) => frame(t, [face(10, 0.1), face(400, 0.1)]))];
    const tracks = trackFaces(frames, 'balanced');
    expect(tracks.map((tr) => tr.frames.filter((f) => f.flagged).length)).toEqual([1, 1]);
  });
});

describe('video verdict with face tracks', () => {
  test('a face flagged on most of the few frames it is in flags the clip, named on the card with its crop', () => {
    // 12 scored frames (k = 4 by frames); the face is on screen in 3 of them, flagged in all 3.
    const empty = (t: number): FrameInput => ({ t, band: 'no-evidence', signals: [{ ...faceSignal([face(0, 0.1)]), regions: [], score: 0.1 }] });
    const frames = [...[0, 1, 2, 3, 4, 5, 6, 7, 8].map(empty), frame(9, [face(50, 0.85, 'data:image/jpeg;base64,AAAA')]), frame(9.5, [face(52, 0.86)]), frame(10, [face(55, 0.88)])];
    const v = aggregateVideo(frames, { moreFramesExpected: false, sensitivity: 'balanced' });
    expect(v.needed).toBe(4);
    expect(v.likely).toBe(3);
    expect(v.face).toEqual({ track: 1, flagged: 3, frames: 3, needed: 2 });
    expect(v.band).toBe('likely-synthetic');
    expect(v.reasonKey).toBe('reasonVideoFace');
    const s = v.signals.find((x) => x.detector === 'model:face')!;
    expect(s.regions).toHaveLength(1);
    expect(s.regions![0]!.image).toBe('data:image/jpeg;base64,AAAA');
    expect(s.evidence.at(-1)).toBe('Face 1, followed across frames: flagged on 3 of 3 (9.0 s, 9.5 s, 10.0 s).');
    expect(s.evidenceKeys!.at(-1)).toEqual({ key: 'sig_video_faceTrack', params: ['1', '3', '3', '9.0 s, 9.5 s, 10.0 s'] });
    // The same face below the conservative threshold: nothing flags.
    expect(aggregateVideo(frames, { moreFramesExpected: false, sensitivity: 'conservative' }).band).not.toBe('likely-synthetic');
  });

  test('one flagged frame of a face never flags the clip', () => {
    const frames = [frame(0, [face(10, 0.95)]), ...[1, 2, 3, 4, 5].map((t) => frame(t, [face(10, 0.2)]))];
    const v = aggregateVideo(frames, { moreFramesExpected: false, sensitivity: 'aggressive' });
    expect(v.band).not.toBe('likely-synthetic');
    expect(v.face).toMatchObject({ flagged: 1, frames: 6, needed: 2 });
  });
});
