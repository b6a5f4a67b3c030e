/**
 * One verdict for a whole video (or animated image) from the verdicts of its frames (issue 5).
 *
 * Each frame is first judged on its own by the engine's fusion, so every threshold still comes
 * from the model cards. Here we only count: a video is `likely-synthetic` when at least k of its
 * n checked frames are, with k = max(2, ⌈n/3⌉) — a single noisy frame never flags a whole clip.
 * While more frames are on their way (a playing video), one frame alone can reach `uncertain` at
 * most; a video that cannot give more (paused, a still poster, one decodable frame) is judged on
 * the frame it has. Declarations read from the file's bytes (C2PA, metadata) count as for images.
 *
 * Pure: the content script (frames it sampled) and the engine (frames it decoded) both use it.
 */
import { flaggedFrames, mostFlaggedTrack, trackFaces, type FaceTrack } from './face-tracks';
import { hasTrustedOrigin, type Band, type FrameEvidence, type Sensitivity, type Signal } from './types';

export interface FrameInput {
  /** Seconds from the start of the media. */
  t: number;
  /** The frame's own band, fused by the engine at the person's sensitivity. */
  band: Band;
  /** The frame's signals (pixel detectors and models). */
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

export interface AggregateOptions {
  /** Signals read once from the file's bytes (provenance, metadata), when the bytes were obtainable. */
  byteSignals?: Signal[];
  /** A playing video will give more frames: one frame alone must not flag it. */
  moreFramesExpected: boolean;
  /** The person's sensitivity: which of a face signal's thresholds flags a face in one frame. */
  sensitivity?: Sensitivity;
}

const SCORED: readonly Band[] = ['likely-synthetic', 'uncertain', 'no-evidence'];

/** Frames that must be `likely-synthetic` before the whole video is. */
export function framesNeeded(scored: number, moreFramesExpected: boolean): number {
  if (scored <= 1) return moreFramesExpected ? 2 : 1;
  return Math.max(2, Math.ceil(scored / 3));
}

/** Highest model score of one frame (for the timeline). */
export function frameScore(signals: Signal[]): number | undefined {
  let best: number | undefined;
  for (const s of signals) if (s.outcome === 'score' && s.score !== undefined && Number.isFinite(s.score)) best = best === undefined ? s.score : Math.max(best, s.score);
  return best;
}

/** The k-th highest value (1-based), clamped to the list. */
function kthHighest(values: number[], k: number): number | undefined {
  if (!values.length) return undefined;
  const sorted = [...values].sort((a, b) => b - a);
  return sorted[Math.min(sorted.length, Math.max(1, k)) - 1];
}

/** One signal per model: its k-th highest frame score, so the number shown agrees with the band. */
function summarizeModels(frames: FrameInput[], needed: number, track?: FaceTrack): Signal[] {
  const byDetector = new Map<string, Signal[]>();
  for (const f of frames) for (const s of f.signals) if (s.outcome === 'score' && s.score !== undefined) byDetector.set(s.detector, [...(byDetector.get(s.detector) ?? []), s]);
  const out: Signal[] = [];
  for (const [detector, list] of byDetector) {
    const score = kthHighest(
      list.map((s) => s.score!),
      needed,
    )!;
    const representative = list.find((s) => s.score === score) ?? list[0]!;
    const max = Math.max(...list.map((s) => s.score!));
    out.push({
      ...representative,
      detector,
      score,
      evidence: [representative.evidence[0] ?? detector, `frames: ${list.length}`, `highest frame score: ${max.toFixed(2)}`],
      explanation: `Score over ${list.length} frame${list.length === 1 ? '' : 's'}: the ${ordinal(Math.min(needed, list.length))} highest, so one odd frame cannot decide.`,
      // The card's lines in the person's language (the model's name line stays the model card's).
      evidenceKeys: [
        representative.evidenceKeys?.[0] ?? { key: 'sig_model_name', params: [representative.evidence[0] ?? detector, ''] },
        { key: 'sig_video_frames', params: [String(list.length)] },
        { key: 'sig_video_maxScore', params: [max.toFixed(2)] },
      ],
      explanationKey: { key: 'sig_video_kth', params: [String(list.length), String(Math.min(needed, list.length))] },
      regions: undefined,
    });
    if (track?.detector === detector) out[out.length - 1] = withTrackEvidence(out[out.length - 1]!, track);
  }
  return out;
}

/** The face model's summary names the face it followed, the frames where it was flagged, and its crop. */
function withTrackEvidence(s: Signal, track: FaceTrack): Signal {
  const flagged = flaggedFrames(track);
  const times = (flagged.length ? flagged : track.frames)
    .slice(0, 8)
    .map((f) => `${f.t.toFixed(1)} s`)
    .join(', ');
  const best = [...track.frames].sort((a, b) => Number(!!b.region.image) - Number(!!a.region.image) || b.score - a.score)[0]!;
  const params = [String(track.id), String(flagged.length), String(track.frames.length), times];
  return {
    ...s,
    evidence: [...s.evidence, `face ${params[0]}: flagged on ${params[1]} of ${params[2]} frames (${params[3]})`],
    evidenceKeys: s.evidenceKeys && [...s.evidenceKeys, { key: 'sig_video_faceTrack', params }],
    regions: [best.region],
  };
}

function ordinal(n: number): string {
  const suffix = n % 10 === 1 && n % 100 !== 11 ? 'st' : n % 10 === 2 && n % 100 !== 12 ? 'nd' : n % 10 === 3 && n % 100 !== 13 ? 'rd' : 'th';
  return `${n}${suffix}`;
}

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
  // The same face flagged on enough of the frames it appears in flags the clip, even when it is on
  // screen for too few of all frames to reach k; frames of different faces never add up here.
  const track = mostFlaggedTrack(trackFaces(scoredFrames, opts.sensitivity ?? 'balanced'));
  const face = track && {
    track: track.id,
    flagged: flaggedFrames(track).length,
    frames: track.frames.length,
    needed: framesNeeded(track.frames.length, opts.moreFramesExpected),
  };
  const faceAgrees = !!face && face.flagged >= face.needed;
  const declaredFrame = ordered.some((f) => f.band === 'declared-ai');
  // A frame's declaration (a platform label travels with every frame request) is the evidence
  // for a declared-ai band: keep one of each on the card.
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
