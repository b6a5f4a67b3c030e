/**
 * Multi-frame analysis in the engine (issue 5): a video file the page could not read, or an
 * animated image, is judged on several frames. The file's bytes go through the byte detectors
 * once (C2PA in MP4, metadata), each frame through the gate and the models, and the frames are
 * aggregated into one verdict by the shared k-of-n rule (src/shared/video-aggregate.ts).
 */
import type { Signal, Sensitivity } from '../shared/types';
import { aggregateVideo, type VideoAggregate } from '../shared/video-aggregate';
import { analyzeMedia, type EngineDeps } from './analyze';
import { fuseSignals } from './fusion';
import { MediaError } from './media-errors';
import { decodeVideoFrames, openAnimatedImage, type DecodedFrame } from './video-frames';
import type { CachedResult } from './verdict-cache';

export interface FrameRecord {
  t: number;
  signals: Signal[];
}

/** What is cached: byte-level signals in `signals`, each frame's own signals in `frames`. */
export type MultiFrameResult = CachedResult & { frames: FrameRecord[] };

export interface MultiFrameInput {
  kind: 'image' | 'video';
  bytes: Uint8Array;
  mime: string;
  url?: string;
  truncated: boolean;
  minShortSide: number;
  decodeTimeoutMs: number;
}

/** Frames to judge, or undefined when this media is a single picture (the image path applies). */
async function framesOf(input: MultiFrameInput, deps: EngineDeps): Promise<AsyncGenerator<DecodedFrame> | undefined> {
  if (input.kind === 'video') return decodeVideoFrames(input.bytes, input.mime, deps.limits, { timeoutMs: input.decodeTimeoutMs, truncated: input.truncated });
  const animated = await openAnimatedImage(input.bytes, input.mime, deps.limits);
  return animated?.frames();
}

export async function analyzeFrames(input: MultiFrameInput, deps: EngineDeps, signal?: AbortSignal): Promise<MultiFrameResult | undefined> {
  const frames = await framesOf(input, deps);
  if (!frames) return undefined;
  const byteIds = new Set(deps.byteDetectors.map((d) => d.id));
  // Pixel detectors other than models (watermark) run on the first frame only: they are costly
  // and a watermark, if any, is in every frame.
  const laterDeps: EngineDeps = { ...deps, pixelDetectors: [] };
  const records: FrameRecord[] = [];
  let first: Awaited<ReturnType<typeof analyzeMedia>> | undefined;
  for await (const frame of frames) {
    signal?.throwIfAborted();
    if (!first) {
      first = await analyzeMedia({ kind: input.kind, bytes: input.bytes, mime: input.mime, pixels: frame.pixels, url: input.url, minShortSide: input.minShortSide }, deps, signal);
      records.push({ t: frame.t, signals: first.signals.filter((s) => !byteIds.has(s.detector)) });
    } else {
      const out = await analyzeMedia({ kind: input.kind, pixels: frame.pixels, minShortSide: input.minShortSide }, laterDeps, signal);
      records.push({ t: frame.t, signals: out.signals });
    }
  }
  if (!first) throw new MediaError('decode-failed', 'no frame could be decoded');
  return {
    ...first, // hash, size and whatever else the first frame's analysis reports
    signals: first.signals.filter((s) => byteIds.has(s.detector)),
    kind: input.kind,
    mime: input.mime,
    bytes: input.bytes.byteLength,
    frames: records,
  };
}

/**
 * The verdict of a multi-frame result at this sensitivity; undefined for single pictures.
 * `fileSignals`: the byte-level signals plus whatever belongs to the post (platform label).
 */
export function fuseFrames(result: CachedResult & { frames?: FrameRecord[] }, fileSignals: Signal[], sensitivity: Sensitivity): VideoAggregate | undefined {
  if (!result.frames?.length) return undefined;
  const frames = result.frames.map((f) => ({ t: f.t, signals: f.signals, band: fuseSignals(f.signals, sensitivity).band }));
  // Everything the file could give has been decoded: no more frames are coming.
  return aggregateVideo(frames, { byteSignals: fileSignals, moreFramesExpected: false });
}
