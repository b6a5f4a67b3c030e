/**
 * Faces followed across the frames of a video (issue 15): the face model scores every face of a
 * frame as a region; here the regions of successive frames are linked into tracks by box overlap,
 * so a clip is judged per face ("this face was flagged on 9 of 12 frames") instead of per frame,
 * where two faces flagged once each would add up.
 *
 * Pure: the content script (frames it sampled) and the engine (frames it decoded) both use it.
 */
import type { Region, Sensitivity, Signal } from './types';

export interface TrackedFrame {
  t: number;
  score: number;
  flagged: boolean;
  region: Region;
}

export interface FaceTrack {
  /** 1-based, in order of first appearance. */
  id: number;
  detector: string;
  frames: TrackedFrame[];
}

type Box = Pick<Region, 'x' | 'y' | 'width' | 'height'>;

/** A region joins a track when it overlaps the track's last box at least this much. */
const MIN_IOU = 0.3;
/** A track not seen for this long (seconds) is closed: a face that comes back is a new track. */
const MAX_GAP_S = 3;

/** Intersection over union of two boxes (face detection's NMS and the tracks share it). */
export function iou(a: Box, b: Box): number {
  const ix = Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x));
  const iy = Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y));
  const inter = ix * iy;
  const union = a.width * a.height + b.width * b.height - inter;
  return union > 0 ? inter / union : 0;
}

/** The face signal of one frame: a scored model signal whose regions are faces. */
function faceSignal(signals: Signal[]): Signal | undefined {
  return signals.find((s) => s.outcome === 'score' && s.regions?.some((r) => r.label === 'face' && r.score !== undefined));
}

/**
 * Links the face regions of time-ordered frames into tracks. A region is `flagged` when its score
 * reaches the likely threshold its signal carries at `sensitivity` (the joint pair when the
 * engine applied one), the rule a still picture's face is judged by.
 */
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

/** The frames where this face was flagged. */
export const flaggedFrames = (t: FaceTrack) => t.frames.filter((f) => f.flagged);

/** The track with the most flagged frames (ties: more frames, then higher top score). */
export function mostFlaggedTrack(tracks: FaceTrack[]): FaceTrack | undefined {
  const flagged = (t: FaceTrack) => flaggedFrames(t).length;
  const top = (t: FaceTrack) => Math.max(...t.frames.map((f) => f.score));
  return [...tracks].sort((a, b) => flagged(b) - flagged(a) || b.frames.length - a.frames.length || top(b) - top(a))[0];
}
