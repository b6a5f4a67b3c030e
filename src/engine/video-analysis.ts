/**
 * Multi-frame analysis in the engine (issue 5): a video file the page could not read, or an
 * animated image, is judged on several frames. The file's bytes go through the byte detectors
 * once (C2PA in MP4, metadata), each frame through the gate and the models, and the frames are
 * aggregated into one verdict by the shared k-of-n rule (src/shared/video-aggregate.ts).
 */
import type { Sensitivity, Signal } from '../shared/types';
import { aggregateVideo, type FrameInput, type VideoAggregate } from '../shared/video-aggregate';
import { analyzeMedia, errorSignal, runSafely, type DecodedFrame, type EngineDeps } from './analyze';
import { fuseSignals, withMemory } from './fusion';
import { MediaError } from './media-errors';
import type { CachedResult } from './verdict-cache';

/** One frame's own signals (cached); its band follows at each sensitivity. */
export type FrameRecord = Omit<FrameInput, 'band'>;

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

export async function analyzeFrames(input: MultiFrameInput, deps: EngineDeps, signal?: AbortSignal): Promise<MultiFrameResult | CachedResult | undefined> {
  let frames: AsyncGenerator<DecodedFrame> | undefined;
  try {
    // Undefined: a single picture (the image path applies).
    frames = await deps.frames?.({ ...input, timeoutMs: input.decodeTimeoutMs }, deps.limits);
    if (!frames) return undefined;
    // Pull the first frame here, so a file the browser cannot decode still gets its file checks.
    const head = await frames.next();
    if (head.done) throw new MediaError('decode-failed', 'no frame could be decoded');
    return await judgeFrames(input, deps, head.value, frames, signal);
  } catch (e) {
    if (input.kind !== 'video' || signal?.aborted) throw e;
    // C2PA or metadata in the file count even when its pictures cannot be decoded here.
    const { signals, contentHash } = await fileChecks(input.bytes, input.mime, input.url, deps);
    signals.push(errorSignal('decode', '1', 'decode', e));
    return { signals, contentHash, kind: input.kind, mime: input.mime, bytes: input.bytes.byteLength };
  }
}

async function judgeFrames(input: MultiFrameInput, deps: EngineDeps, head: DecodedFrame, rest: AsyncGenerator<DecodedFrame>, signal?: AbortSignal): Promise<MultiFrameResult> {
  async function* all() {
    yield head;
    yield* rest;
  }
  const frames = all();
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
  const agg = aggregateVideo(frames, { byteSignals: fileSignals, moreFramesExpected: false, sensitivity });
  // Memory (issue 7) applies to the clip as to a picture: the person's "wrong" outranks the
  // frames, and a clip flagged before keeps its band.
  return { ...agg, ...withMemory(fileSignals, agg) };
}

/** The byte-level detectors alone (provenance, metadata), each kept from throwing. */
export async function fileChecks(bytes: Uint8Array, mime: string, url: string | undefined, deps: EngineDeps): Promise<{ signals: Signal[]; contentHash: string }> {
  const signals = await Promise.all(deps.byteDetectors.map((d) => runSafely(d, { bytes, mime, url })));
  return { signals, contentHash: await deps.sha256(bytes) };
}
