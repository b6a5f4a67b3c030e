/**
 * The engine pipeline for one media item: bytes → provenance/metadata detectors → decode →
 * gate → pixel models → signals. Platform pieces (decoder, hashing, model runners) are injected,
 * so the same code runs in the offscreen document, the Firefox background page and Node.
 */
import type { Detector, Pixels } from '../detectors/detector';
import { drawingGate, graphicGate } from '../detectors/content-gate';
import { contentStats } from '../detectors/content-stats';
import { pixelGate } from '../detectors/gate';
import type { ContentGateParams } from '../shared/model-card';
import type { MediaKind, Signal, Stage } from '../shared/types';
import { runFaceModel, type FaceModel } from './face-runner';
import { classifyWholeImage, type ModelRunner } from './model-runner';
import { applyJointThresholds } from './joint-thresholds';
import { perceptualHash } from './perceptual-hash';

export interface DecodeLimits {
  /** Most decoded pixels (width × height) accepted. */
  maxPixels: number;
  /** Longest side after the decoder's downscale; bigger images are scaled down while decoding. */
  maxSide: number;
}

export type Decoder = (bytes: Uint8Array, mime: string | undefined, limits: DecodeLimits, signal?: AbortSignal) => Promise<Pixels>;

/** One frame of a video or an animated image. */
export interface DecodedFrame {
  /** Seconds from the start. */
  t: number;
  pixels: Pixels;
}

/** The frames of a video or an animated image to judge, one at a time; undefined for a single picture. */
export type FrameDecoder = (
  media: { kind: MediaKind; bytes: Uint8Array; mime: string; truncated: boolean; timeoutMs: number },
  limits: DecodeLimits,
) => Promise<AsyncGenerator<DecodedFrame> | undefined>;

export interface EngineDeps {
  /** Detectors that read the file bytes (provenance, metadata); empty to judge pixels alone. */
  byteDetectors: Detector[];
  /** Detectors that read decoded pixels but are not ONNX models. */
  pixelDetectors: Detector[];
  /** Whole-image models enabled for this run. */
  models: ModelRunner[];
  /** Face detector + face classifier, when both are shipped and enabled. */
  faces?: FaceModel;
  /** The content gate in front of the photo models (a model card's `contentGate`); none without it. */
  contentGate?: ContentGateParams;
  decode: Decoder;
  /** Frames of videos and animated images (browser: <video> and ImageDecoder; Node: ffmpeg and sharp); without it every file is one picture. */
  frames?: FrameDecoder;
  sha256(bytes: Uint8Array): Promise<string>;
  limits: DecodeLimits;
  /** A small image (data URL) of the decoded pixels for the local history; absent outside browsers. */
  thumbnail?(pixels: Pixels): Promise<string | undefined>;
}

export interface AnalyzeInput {
  kind: MediaKind;
  bytes?: Uint8Array;
  mime?: string;
  /** Pixels already decoded (a video frame, a same-origin canvas read). */
  pixels?: Pixels;
  url?: string;
  /** Shorter side under this is `not-applicable`. */
  minShortSide: number;
  /** Ignore provenance and metadata (evaluation of the pixel models alone). */
  pixelsOnly?: boolean;
}

export interface AnalyzeOutput {
  signals: Signal[];
  contentHash?: string;
  width?: number;
  height?: number;
  /** Perceptual hash of the decoded picture (memory of reposts), when not flat. */
  phash?: string;
  thumbnail?: string;
}

export function errorSignal(detector: string, version: string, stage: Stage, e: unknown): Signal {
  const message = e instanceof Error ? e.message : String(e);
  return { detector, version, stage, outcome: 'error', strength: 'none', evidence: [message.slice(0, 200)], explanation: message.slice(0, 200) };
}

/** Detectors promise never to throw; this keeps that promise if one breaks it. */
export async function runSafely(d: Detector, input: Parameters<Detector['run']>[0], signal?: AbortSignal): Promise<Signal> {
  try {
    return await d.run(input, signal);
  } catch (e) {
    return errorSignal(d.id, d.version, d.stage, e);
  }
}

/**
 * The photo models behind the content gate: a graphic (by its pixels) skips them all; a drawing
 * (by the first whole-image model's content output) withdraws their scores and skips the faces.
 */
async function runPhotoModels({ models, faces, contentGate }: Pick<EngineDeps, 'models' | 'faces' | 'contentGate'>, px: Pixels, signal?: AbortSignal): Promise<Signal[]> {
  const graphic = contentGate && graphicGate(contentStats(px), contentGate);
  if (graphic) return [graphic];
  const out: Signal[] = [];
  for (const model of models) {
    signal?.throwIfAborted();
    const { signal: s, drawn } = await classifyWholeImage(model, px);
    const drawing = contentGate && drawingGate(drawn, contentGate);
    if (drawing) return [drawing];
    out.push(s);
  }
  if (faces) {
    signal?.throwIfAborted();
    out.push(await runFaceModel(faces, px));
  }
  return applyJointThresholds(out, models.find((m) => m.card.joint)?.card.joint);
}

export async function analyzeMedia(input: AnalyzeInput, deps: EngineDeps, signal?: AbortSignal): Promise<AnalyzeOutput> {
  const signals: Signal[] = [];
  const contentHash = input.bytes ? await deps.sha256(input.bytes) : undefined;

  if (input.bytes && !input.pixelsOnly) {
    const bytes = input.bytes;
    signals.push(...(await Promise.all(deps.byteDetectors.map((d) => runSafely(d, { bytes, mime: input.mime, url: input.url }, signal)))));
  }
  signal?.throwIfAborted();

  let pixels = input.pixels;
  if (!pixels && input.bytes) {
    try {
      pixels = await deps.decode(input.bytes, input.mime, deps.limits, signal);
    } catch (e) {
      signals.push(errorSignal('decode', '1', 'decode', e));
      return { signals, contentHash };
    }
  }
  if (!pixels) return { signals, contentHash };

  const gate = pixelGate(pixels, input.minShortSide);
  signals.push(gate);
  if (gate.outcome !== 'not-applicable') {
    const px = pixels;
    signals.push(...(await Promise.all(deps.pixelDetectors.map((d) => runSafely(d, { pixels: px, bytes: input.bytes, mime: input.mime }, signal)))));
    // Test fixture models are not photo models: the content gate leaves them alone.
    for (const model of deps.models.filter((m) => m.card.fixture)) {
      signal?.throwIfAborted();
      signals.push((await classifyWholeImage(model, px)).signal);
    }
    const photoModels = deps.models.filter((m) => !m.card.fixture);
    if (photoModels.length || deps.faces) signals.push(...(await runPhotoModels({ ...deps, models: photoModels }, px, signal)));
  }
  // Memory and history only for pictures big enough to be judged, not for every sampled video frame.
  // (Later frames of a decoded video come without bytes; the first one stands for the file.)
  const judged = gate.outcome !== 'not-applicable' && !input.pixelsOnly && input.bytes !== undefined;
  const phash = judged ? perceptualHash(pixels) : undefined;
  const thumbnail = judged && deps.thumbnail ? await deps.thumbnail(pixels).catch(() => undefined) : undefined;
  return { signals, contentHash, width: pixels.width, height: pixels.height, phash, thumbnail };
}
