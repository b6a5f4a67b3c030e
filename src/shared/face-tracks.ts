/**
 * Faces followed across a video's frames by box overlap (issue 15), so a clip is judged per face
 * ("flagged on 9 of 12 frames"): two faces flagged once each do not add up. Pure.
 */
import type { Region, Sensitivity, Signal } from './types';

interface TrackedFrame {
  t: number;
  score: number;
  flagged: boolean;
  region: Region;
}

export interface FaceTrack {
  id: number;
  detector: string;
  frames: TrackedFrame[];
}

type Box = Pick<Region, 'x' | 'y' | 'width' | 'height'>;

/** Least IoU with a track's last box to join it. */
const MIN_IOU = 0.3;
/** Seconds unseen before a track closes (a face that comes back is a new track). */
const MAX_GAP_S = 3;

/** Face detection's NMS uses it too. */
export function iou(a: Box, b: Box): number {
  const ix = Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x));
  const iy = Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y));
  const inter = ix * iy;
  const union = a.width * a.height + b.width * b.height - inter;
  return union > 0 ? inter / union : 0;
}

function faceSignal(signals: Signal[]): Signal | undefined {
  return signals.find((s) => s.outcome === 'score' && s.regions?.some((r) => r.label === 'face' && r.score !== undefined));
}

/** A region is `flagged` at its signal's likely threshold for `sensitivity`, as a still picture's face is. */
export function trackFaces(frames: { t: number; signals: Signal[] }[], sensitivity: Sensitivity): FaceTrack[] {
  const tracks: FaceTrack[] = [];
  for (const f of [...frames].sort((a, b) => a.t - b.t)) {
    const sig = faceSignal(f.signals);
    if (!sig?.thresholds) continue;
    const threshold = sig.thresholds.likely[sensitivity];
    const taken = new Set<FaceTrack>();
    const regions = sig.regions!.filter((r) => r.label === 'face' && r.score !== undefined);
    // Most confident faces pick first, each the open track it overlaps most.
    for (const region of [...regions].sort((a, b) => b.score! - a.score!)) {
      let best: FaceTrack | undefined;
      let bestIou = MIN_IOU;
      for (const tr of tracks) {
        const last = tr.frames[tr.frames.length - 1]!;
        if (taken.has(tr) || tr.detector !== sig.detector || f.t - last.t > MAX_GAP_S) continue;
        const o = iou(last.region, region);
        if (o >= bestIou) [best, bestIou] = [tr, o];
      }
      if (!best) tracks.push((best = { id: tracks.length + 1, detector: sig.detector, frames: [] }));
      taken.add(best);
      best.frames.push({ t: f.t, score: region.score!, flagged: region.score! >= threshold, region });
    }
  }
  return tracks;
}

export const flaggedFrames = (t: FaceTrack) => t.frames.filter((f) => f.flagged);

/** Ties: more frames, then higher top score. */
export function mostFlaggedTrack(tracks: FaceTrack[]): FaceTrack | undefined {
  const flagged = (t: FaceTrack) => flaggedFrames(t).length;
  const top = (t: FaceTrack) => Math.max(...t.frames.map((f) => f.score));
  return [...tracks].sort((a, b) => flagged(b) - flagged(a) || b.frames.length - a.frames.length || top(b) - top(a))[0];
}
