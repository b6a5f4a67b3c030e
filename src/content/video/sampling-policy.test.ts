import { describe, expect, test } from 'vitest';
import { FrameBudget, nextSample, VIDEO_BUDGET, type SamplerView } from './sampling-policy';

const base: SamplerView = {
  framesTaken: 0,
  now: 100_000,
  visible: true,
  tabHidden: false,
  hasFrame: true,
  paused: false,
  ended: false,
  pausedForMs: 0,
  currentTime: 0,
  sampledTimes: [],
  evidenceClear: false,
  busy: false,
};

describe('video sampling policy', () => {
  test('first verdict at once, playing or paused', () => {
    expect(nextSample(base)).toEqual({ action: 'capture' });
    expect(nextSample({ ...base, paused: true, pausedForMs: 60_000 })).toEqual({ action: 'capture' });
  });

  test('nothing off-screen, in a hidden tab, without a frame, or while busy', () => {
    expect(nextSample({ ...base, visible: false }).action).toBe('wait');
    expect(nextSample({ ...base, tabHidden: true }).action).toBe('wait');
    expect(nextSample({ ...base, hasFrame: false }).action).toBe('wait');
    expect(nextSample({ ...base, busy: true }).action).toBe('wait');
  });

  test('spread out while playing, fewer once the evidence is clear', () => {
    const v = { ...base, framesTaken: 1, lastSampleAt: base.now - 100, currentTime: 3, sampledTimes: [0] };
    expect(nextSample(v)).toEqual({ action: 'later', inMs: Math.min(VIDEO_BUDGET.gapsMs[0] - 100, VIDEO_BUDGET.sceneProbeMs) });
    expect(nextSample({ ...v, lastSampleAt: base.now - 5000 })).toEqual({ action: 'capture' });
    const late = { ...v, framesTaken: 8, lastSampleAt: base.now - 5000 };
    expect(nextSample(late)).toEqual({ action: 'capture' });
    const settled = nextSample({ ...late, evidenceClear: true });
    // Still awake every sceneProbeMs, to notice a new scene.
    expect(settled).toEqual({ action: 'later', inMs: VIDEO_BUDGET.sceneProbeMs });
  });

  test('a scene change is sampled early, but not twice in a row', () => {
    const v = { ...base, framesTaken: 6, evidenceClear: true, currentTime: 9, sampledTimes: [0, 1, 2], lastSampleAt: base.now - 2000 };
    expect(nextSample(v).action).toBe('later');
    expect(nextSample({ ...v, sceneChanged: true })).toEqual({ action: 'capture' });
    expect(nextSample({ ...v, sceneChanged: true, lastSampleAt: base.now - 100 }).action).toBe('later');
  });

  test('a looping clip does not sample the same moment twice', () => {
    const v = { ...base, framesTaken: 3, lastSampleAt: 0, currentTime: 1.1, sampledTimes: [0, 1, 2] };
    expect(nextSample(v).action).toBe('later');
    expect(nextSample({ ...v, currentTime: 1.5 }).action).toBe('capture');
  });

  test('paused: one look at a new moment, nothing once paused for long or ended', () => {
    const v = { ...base, framesTaken: 2, paused: true, pausedForMs: 1000, currentTime: 5, sampledTimes: [0, 1] };
    expect(nextSample(v).action).toBe('capture');
    expect(nextSample({ ...v, currentTime: 1.1 }).action).toBe('wait');
    expect(nextSample({ ...v, pausedForMs: VIDEO_BUDGET.pausedLongMs + 1 }).action).toBe('wait');
    expect(nextSample({ ...v, paused: false, ended: true }).action).toBe('wait');
  });

  test('per-video budget', () => {
    expect(nextSample({ ...base, framesTaken: VIDEO_BUDGET.maxFramesPerVideo }).action).toBe('wait');
  });

  test('page budget: a burst, then the refill rate', () => {
    const b = new FrameBudget(30, 3, 0);
    expect([b.take(0), b.take(0), b.take(0), b.take(0)]).toEqual([true, true, true, false]);
    expect(b.msUntilNext(0)).toBe(2000);
    expect(b.take(1999)).toBe(false);
    expect(b.take(4000)).toBe(true);
  });
});
