/** A video the page could not read, or an animated image, judged on several frames, aggregated by the shared k-of-n rule (issue 5). */
import type { Sensitivity, Signal } from '../shared/types';
import { aggregateVideo, type FrameInput, type VideoAggregate } from '../shared/video-aggregate';
import { analyzeMedia, errorSignal, fileChecks, type DecodedFrame, type EngineDeps } from './analyze';
import { fuseSignals, withMemory } from './fusion';
import { MediaError } from './media-errors';
import type { CachedResult } from './verdict-cache';

/** One frame's own signals (cached); its band follows at each sensitivity. */
export type FrameRecord = Omit<FrameInput, 'band'>;

type MultiFrameInput = { kind: 'image' | 'video'; bytes: Uint8Array; mime: string; url?: string; truncated: boolean; minShortSide: number; timeoutMs: number };

/** Byte-level signals in `signals`; undefined for a single picture. */
export async function analyzeFrames(input: MultiFrameInput, deps: EngineDeps): Promise<CachedResult | undefined> {
  try {
    const frames = await deps.frames?.(input, deps.limits);
    if (!frames) return undefined;
    // Pull the first frame here, so a file the browser cannot decode still gets its file checks.
    const head = await frames.next();
    if (head.done) throw new MediaError('decode-failed', 'no frame could be decoded');
    return await judgeFrames(input, deps, head.value, frames);
  } catch (e) {
    if (input.kind !== 'video') throw e;
    // C2PA or metadata in the file count even when its pictures cannot be decoded here.
    const { signals, contentHash } = await fileChecks(input.bytes, input.mime, input.url, deps);
    signals.push(errorSignal('decode', '1', 'decode', e));
    return { signals, contentHash, kind: input.kind };
  }
}

async function judgeFrames(input: MultiFrameInput, deps: EngineDeps, head: DecodedFrame, rest: AsyncGenerator<DecodedFrame>) {
  const byteIds = new Set(deps.byteDetectors.map((d) => d.id));
  const first = await analyzeMedia({ ...input, pixels: head.pixels }, deps);
  const frames: FrameRecord[] = [{ t: head.t, signals: first.signals.filter((s) => !byteIds.has(s.detector)) }];
  // Pixel detectors other than models (watermark) run on the first frame only: costly, and a watermark is in every frame.
  const laterDeps = { ...deps, pixelDetectors: [] };
  for await (const frame of rest) {
    const out = await analyzeMedia({ kind: input.kind, pixels: frame.pixels, minShortSide: input.minShortSide }, laterDeps);
    frames.push({ t: frame.t, signals: out.signals });
  }
  return { ...first, signals: first.signals.filter((s) => byteIds.has(s.detector)), kind: input.kind, frames };
}

/** A multi-frame result's verdict at this sensitivity (undefined for single pictures); `fileSignals` include the post's platform label. */
export function fuseFrames(result: CachedResult, fileSignals: Signal[], sensitivity: Sensitivity): VideoAggregate | undefined {
  if (!result.frames?.length) return undefined;
  const frames = result.frames.map((f) => ({ t: f.t, signals: f.signals, band: fuseSignals(f.signals, sensitivity).band }));
  // Everything the file could give has been decoded: no more frames are coming.
  const agg = aggregateVideo(frames, { byteSignals: fileSignals, moreFramesExpected: false, sensitivity });
  // Memory (issue 7) applies to the clip as to a picture.
  return { ...agg, ...withMemory(fileSignals, agg) };
}
