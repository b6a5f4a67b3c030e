/** One media item: bytes → provenance/metadata → decode → gates → pixel models → signals. Hosts inject the platform pieces. */
import type { Detector, Pixels } from '../detectors/detector';
import { drawingGate, graphicGate } from '../detectors/content-gate';
import { contentStats } from '../detectors/content-stats';
import { pixelGate } from '../detectors/gate';
import { errorMessage } from '../detectors/shared/signal-text';
import type { ContentGateParams } from '../shared/model-card';
import type { MediaKind, Signal, Stage } from '../shared/types';
import { runFaceModel, type FaceModel } from './face-runner';
import { classifyWholeImage, type ModelRunner } from './model-runner';
import { applyJointThresholds } from './joint-thresholds';
import { perceptualHash } from './perceptual-hash';

export interface DecodeLimits {
  maxPixels: number;
  /** Bigger images are scaled down to this longest side while decoding. */
  maxSide: number;
}

export type Decoder = (bytes: Uint8Array, mime: string | undefined, limits: DecodeLimits, signal?: AbortSignal) => Promise<Pixels>;

/** One frame of a video or an animated image; `t` in seconds. */
export interface DecodedFrame {
  t: number;
  pixels: Pixels;
}

/** The frames of a video or an animated image to judge, one at a time; undefined for a single picture. */
export type FrameDecoder = (
  media: { kind: MediaKind; bytes: Uint8Array; mime: string; truncated: boolean; timeoutMs: number },
  limits: DecodeLimits,
) => Promise<AsyncGenerator<DecodedFrame> | undefined>;

export interface EngineDeps {
  /** Provenance and metadata; empty to judge pixels alone. */
  byteDetectors: Detector[];
  /** Pixel detectors that are not ONNX models. */
  pixelDetectors: Detector[];
  /** Whole-image models enabled for this run. */
  models: ModelRunner[];
  faces?: FaceModel;
  /** A model card's `contentGate`, in front of the photo models. */
  contentGate?: ContentGateParams;
  decode: Decoder;
  /** Without it every file is one picture. */
  frames?: FrameDecoder;
  sha256(bytes: Uint8Array): Promise<string>;
  limits: DecodeLimits;
  /** A data URL for the local history (browsers only). */
  thumbnail?(pixels: Pixels): Promise<string | undefined>;
}

export interface AnalyzeOutput {
  signals: Signal[];
  contentHash?: string;
  width?: number;
  height?: number;
  /** Absent for a flat picture. */
  phash?: string;
  thumbnail?: string;
}

export function errorSignal(detector: string, version: string, stage: Stage, e: unknown): Signal {
  const message = errorMessage(e);
  return { detector, version, stage, outcome: 'error', strength: 'none', evidence: [message], explanation: message };
}

/** Detectors promise never to throw; this keeps that promise if one breaks it. */
async function runSafely(d: Detector, input: Parameters<Detector['run']>[0], signal?: AbortSignal): Promise<Signal> {
  try {
    return await d.run(input, signal);
  } catch (e) {
    return errorSignal(d.id, d.version, d.stage, e);
  }
}

/** A graphic (by its pixels) skips the photo models; a drawing (by a model's content output) withdraws their scores and skips the faces. */
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

/** `pixels`: already decoded (a video frame); `pixelsOnly`: no provenance or metadata (evaluation). */
export async function analyzeMedia(
  input: { kind: MediaKind; bytes?: Uint8Array; mime?: string; pixels?: Pixels; url?: string; minShortSide: number; pixelsOnly?: boolean },
  deps: EngineDeps,
  signal?: AbortSignal,
): Promise<AnalyzeOutput> {
  const { signals, contentHash }: { signals: Signal[]; contentHash?: string } = input.bytes
    ? await fileChecks(input.bytes, input.mime, input.url, input.pixelsOnly ? { ...deps, byteDetectors: [] } : deps, signal)
    : { signals: [] };
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
  // Memory and history only for judged pictures; later video frames come without bytes (the first stands for the file).
  const judged = gate.outcome !== 'not-applicable' && !input.pixelsOnly && input.bytes !== undefined;
  const phash = judged ? perceptualHash(pixels) : undefined;
  const thumbnail = judged && deps.thumbnail ? await deps.thumbnail(pixels).catch(() => undefined) : undefined;
  return { signals, contentHash, width: pixels.width, height: pixels.height, phash, thumbnail };
}

/** The byte-level detectors alone (provenance, metadata), each kept from throwing. */
export async function fileChecks(bytes: Uint8Array, mime: string | undefined, url: string | undefined, deps: Pick<EngineDeps, 'byteDetectors' | 'sha256'>, signal?: AbortSignal) {
  const signals = await Promise.all(deps.byteDetectors.map((d) => runSafely(d, { bytes, mime, url }, signal)));
  return { signals, contentHash: await deps.sha256(bytes) };
}
