/**
 * One verdict for a whole video (or animated image) from its frames' own bands (issue 5): flagged
 * when at least k of n scored frames are, k = max(2, ⌈n/3⌉), so one noisy frame never flags a clip.
 * Pure: the content script (frames it sampled) and the engine (frames it decoded) both use it.
 */
import { flaggedFrames, mostFlaggedTrack, trackFaces, type FaceTrack } from './face-tracks';
import { msg, signalText } from './signal-messages';
import { hasTrustedOrigin, type Band, type FrameEvidence, type Sensitivity, type Signal } from './types';

export interface FrameInput {
  /** Seconds from the start of the media. */
  t: number;
  /** The frame's own band, fused by the engine at the person's sensitivity. */
  band: Band;
  signals: Signal[];
}

export interface VideoAggregate {
  band: Band;
  reasonKey: string;
  /** Byte-level signals once, then one summary signal per model over all frames. */
  signals: Signal[];
  frames: FrameEvidence[];
  /** Frames whose own band is `likely-synthetic`. */
  likely: number;
  /** k: frames that must agree before the video is flagged. */
  needed: number;
  /** The face followed across frames that was flagged most often, when a face model ran. */
  face?: { track: number; flagged: number; frames: number; needed: number };
}

interface AggregateOptions {
  /** Signals read once from the file's bytes (provenance, metadata), when the bytes were obtainable. */
  byteSignals?: Signal[];
  /** A playing video will give more frames: one frame alone must not flag it. */
  moreFramesExpected: boolean;
  /** Which of a face signal's thresholds flags a face in one frame. */
  sensitivity?: Sensitivity;
}

const SCORED: readonly Band[] = ['likely-synthetic', 'uncertain', 'no-evidence'];

/** Frames that must be `likely-synthetic` before the whole video is. */
export function framesNeeded(scored: number, moreFramesExpected: boolean): number {
  if (scored <= 1) return moreFramesExpected ? 2 : 1;
  return Math.max(2, Math.ceil(scored / 3));
}

/** Highest model score of one frame (for the timeline). */
function frameScore(signals: Signal[]): number | undefined {
  const scores = signals.flatMap((s) => (s.outcome === 'score' && Number.isFinite(s.score) ? [s.score!] : []));
  return scores.length ? Math.max(...scores) : undefined;
}

/** One signal per model: its k-th highest frame score, so the number shown agrees with the band. */
function summarizeModels(frames: FrameInput[], needed: number, track?: FaceTrack): Signal[] {
  const byDetector = new Map<string, Signal[]>();
  for (const f of frames) for (const s of f.signals) if (s.outcome === 'score' && s.score !== undefined) byDetector.set(s.detector, [...(byDetector.get(s.detector) ?? []), s]);
  return [...byDetector].map(([detector, list]) => {
    const scores = list.map((s) => s.score!);
    const rank = Math.min(needed, list.length);
    const score = [...scores].sort((a, b) => b - a)[rank - 1]!;
    const representative = list.find((s) => s.score === score) ?? list[0]!;
    const name = representative.evidence[0] ?? detector;
    const tracked = track?.detector === detector ? track : undefined;
    const lines = [msg('sig_video_frames', String(list.length)), msg('sig_video_maxScore', Math.max(...scores).toFixed(2)), ...(tracked ? [trackLine(tracked)] : [])];
    const text = signalText(lines, msg('sig_video_kth', String(list.length), String(rank)));
    return {
      ...representative,
      score,
      ...text,
      // The model's name line stays the model card's.
      evidence: [name, ...text.evidence],
      evidenceKeys: [representative.evidenceKeys?.[0] ?? msg('sig_model_name', name, ''), ...text.evidenceKeys],
      regions: tracked && [bestCrop(tracked)],
    };
  });
}

/** The face the model followed and the frames where it was flagged. */
function trackLine(track: FaceTrack) {
  const flagged = flaggedFrames(track);
  const times = (flagged.length ? flagged : track.frames)
    .slice(0, 8)
    .map((f) => `${f.t.toFixed(1)} s`)
    .join(', ');
  return msg('sig_video_faceTrack', String(track.id), String(flagged.length), String(track.frames.length), times);
}

/** The face's region with a crop, the highest-scored first. */
const bestCrop = (track: FaceTrack) => [...track.frames].sort((a, b) => Number(!!b.region.image) - Number(!!a.region.image) || b.score - a.score)[0]!.region;

export function aggregateVideo(frames: FrameInput[], opts: AggregateOptions): VideoAggregate {
  const byteSignals = (opts.byteSignals ?? []).filter((s) => s.stage !== 'size-gate');
  const ordered = [...frames].sort((a, b) => a.t - b.t);
  const evidence: FrameEvidence[] = ordered.map((f) => {
    const score = frameScore(f.signals);
    return score === undefined ? { t: f.t, band: f.band } : { t: f.t, band: f.band, score };
  });
  const scoredFrames = ordered.filter((f) => SCORED.includes(f.band));
  const scored = scoredFrames.length;
  const likely = scoredFrames.filter((f) => f.band === 'likely-synthetic').length;
  const some = scoredFrames.filter((f) => f.band === 'likely-synthetic' || f.band === 'uncertain').length;
  const needed = framesNeeded(scored, opts.moreFramesExpected);
  // The same face flagged on enough of the frames it is in flags the clip, even when it is on screen
  // for too few of all frames to reach k; frames of different faces never add up.
  const track = mostFlaggedTrack(trackFaces(scoredFrames, opts.sensitivity ?? 'balanced'));
  const face = track && {
    track: track.id,
    flagged: flaggedFrames(track).length,
    frames: track.frames.length,
    needed: framesNeeded(track.frames.length, opts.moreFramesExpected),
  };
  const faceAgrees = !!face && face.flagged >= face.needed;
  const declaredFrame = ordered.some((f) => f.band === 'declared-ai');
  // A frame's declaration (a platform label travels with every frame) is the evidence for its band: one of each on the card.
  const declared = ordered.flatMap((f) => f.signals.filter((s) => s.outcome === 'declared-ai' && !byteSignals.some((b) => b.detector === s.detector)));
  const declaredOnce = declared.filter((s, i) => declared.findIndex((d) => d.detector === s.detector) === i);
  const signals = [...byteSignals, ...declaredOnce, ...summarizeModels(scoredFrames, needed, track)];
  const base = { signals, frames: evidence, likely, needed, ...(face && { face }) };

  if (declaredFrame || byteSignals.some((s) => s.outcome === 'declared-ai')) return { ...base, band: 'declared-ai', reasonKey: 'reasonDeclared' };
  if (scored === 0) {
    if (ordered.length && ordered.every((f) => f.band === 'not-applicable')) return { ...base, band: 'not-applicable', reasonKey: 'reasonNotApplicable' };
    return { ...base, band: 'no-evidence', reasonKey: ordered.length ? 'reasonNoModel' : 'reasonNothingFound' };
  }
  if (likely >= needed || faceAgrees) {
    // As in image fusion: trusted credentials without AI soften what a model alone says.
    if (hasTrustedOrigin(byteSignals)) return { ...base, band: 'uncertain', reasonKey: 'reasonModelButCredentials' };
    return { ...base, band: 'likely-synthetic', reasonKey: likely >= needed ? 'reasonVideoFrames' : 'reasonVideoFace' };
  }
  // Below k frames, a likely frame is only "some evidence"; below k uncertain ones, nothing.
  if (some >= needed || (likely > 0 && scored < needed)) return { ...base, band: 'uncertain', reasonKey: 'reasonModelSome' };
  return { ...base, band: 'no-evidence', reasonKey: 'reasonNothingFound' };
}
