/**
 * When to look at the next frame of a video (issue 5), pure: "now", "in N ms" or "wait for an event".
 * A first verdict once visible, then frames spread out while it plays (sooner at a scene change),
 * none off-screen, paused long, ended or in a hidden tab; bounded per video and per page.
 */

export const VIDEO_BUDGET = {
  maxFramesPerVideo: 16,
  /** Frames all videos of the page may cost per minute (a token bucket). */
  pageFramesPerMinute: 30,
  pageBurst: 6,
  /** Wall-clock gaps while playing; the last one repeats. */
  gapsMs: [800, 1200, 2000, 3000, 4000],
  /** Gap once the evidence is clear. */
  settledGapMs: 15_000,
  /** Frames agreeing before the evidence counts as clear. */
  settleAfterFrames: 5,
  /** Paused longer than this: not looked at again until it plays or is sought. */
  pausedLongMs: 10_000,
  /** Two samples closer than this in media time are the same moment (loops replay it). */
  minSpacingS: 0.4,
  /** While playing, an 8×8 thumbnail is compared with the last sampled frame this often… */
  sceneProbeMs: 1000,
  /** …and a new scene is sampled at once if the last sample is at least this old. */
  sceneMinGapMs: 500,
} as const;

export interface SamplerView {
  framesTaken: number;
  lastSampleAt?: number;
  now: number;
  visible: boolean;
  tabHidden: boolean;
  hasFrame: boolean;
  paused: boolean;
  ended: boolean;
  /** 0 when playing. */
  pausedForMs: number;
  currentTime: number;
  sampledTimes: readonly number[];
  /** The aggregate has not changed band over the last `settleAfterFrames` frames. */
  evidenceClear: boolean;
  /** A capture or an analysis of this video is on its way. */
  busy: boolean;
  /** A cut since the last sampled frame. */
  sceneChanged?: boolean;
}

type Decision = { action: 'capture' } | { action: 'later'; inMs: number } | { action: 'wait'; why: string };

const nearSampled = (v: SamplerView) => v.sampledTimes.some((t) => Math.abs(t - v.currentTime) < VIDEO_BUDGET.minSpacingS);

export function nextSample(v: SamplerView): Decision {
  if (v.busy) return { action: 'wait', why: 'busy' };
  if (v.tabHidden) return { action: 'wait', why: 'tab-hidden' };
  if (!v.visible) return { action: 'wait', why: 'off-screen' };
  if (!v.hasFrame) return { action: 'wait', why: 'no-frame' };
  if (v.framesTaken >= VIDEO_BUDGET.maxFramesPerVideo) return { action: 'wait', why: 'video-budget' };
  // The first verdict: whatever frame is showing (poster frame of a paused video included).
  if (v.framesTaken === 0) return { action: 'capture' };
  if (v.paused || v.ended) {
    if (v.ended || v.pausedForMs > VIDEO_BUDGET.pausedLongMs) return { action: 'wait', why: 'paused' };
    // Paused on a moment not yet seen (the person sought there): look once.
    return nearSampled(v) ? { action: 'wait', why: 'paused' } : { action: 'capture' };
  }
  const gap = v.evidenceClear ? VIDEO_BUDGET.settledGapMs : VIDEO_BUDGET.gapsMs[Math.min(v.framesTaken - 1, VIDEO_BUDGET.gapsMs.length - 1)]!;
  const since = v.now - (v.lastSampleAt ?? -Infinity);
  // A new shot is new evidence (a face-swapped clip often cuts between real and swapped shots).
  if (v.sceneChanged && since >= VIDEO_BUDGET.sceneMinGapMs && !nearSampled(v)) return { action: 'capture' };
  if (since < gap) return { action: 'later', inMs: Math.min(Math.ceil(gap - since), VIDEO_BUDGET.sceneProbeMs) };
  // A looping clip comes back to moments we have seen: wait for a new one.
  if (nearSampled(v)) return { action: 'later', inMs: Math.round(VIDEO_BUDGET.minSpacingS * 1000) };
  return { action: 'capture' };
}

/** The page-wide budget: a token bucket refilled at `perMinute`, holding at most `burst`. */
export class FrameBudget {
  private tokens: number;
  private last: number;

  constructor(
    private readonly perMinute: number,
    private readonly burst: number,
    now: number,
  ) {
    this.tokens = burst;
    this.last = now;
  }

  private refill(now: number) {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) * this.perMinute) / 60_000);
    this.last = now;
  }

  take(now: number): boolean {
    this.refill(now);
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Ms until one frame's worth is available. */
  msUntilNext(now: number): number {
    this.refill(now);
    return this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) * 60_000) / this.perMinute);
  }
}
