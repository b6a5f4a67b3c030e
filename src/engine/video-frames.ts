/**
 * Several frames of one video or animated image, decoded in the engine (issue 5).
 *
 * - Video files (cross-origin, fetched by the engine up to its byte limit): a hidden <video> plays
 *   the bytes from memory and we seek to points spread over the part we hold. A truncated file
 *   only offers what was fetched, so every seek has its own time limit and decoding stops at the
 *   first seek that does not land.
 * - Animated GIF / WebP / PNG: WebCodecs `ImageDecoder` where the browser has it (Chrome; Firefox
 *   since 133), frames picked evenly by index; without it, or for a still image, the caller falls
 *   back to decoding the first frame as an image.
 *
 * Frames are yielded one at a time so only one decoded frame is held in memory.
 */
import type { DecodedFrame, DecodeLimits, FrameDecoder } from './analyze';
import { headerSize, readPixels, scaled } from './decode-browser';
import { MediaError } from './media-errors';

export const FRAME_LIMITS = {
  /** Frames decoded from one file: enough to judge a clip, bounded for the CPU. */
  maxFrames: 8,
  /** Longest side of a decoded frame: every model input is far smaller. */
  maxSide: 768,
  /** One seek that takes longer than this ends the sampling (data we do not hold). */
  seekTimeoutMs: 3000,
};

/** Evenly spread sample points in [0, end): the middle of n equal slices. */
export function spreadTimes(end: number, n: number): number[] {
  if (!(end > 0) || n <= 1) return [0];
  return Array.from({ length: n }, (_, i) => (end * (i + 0.5)) / n);
}

/** n indices out of count, evenly spread (all of them when count <= n). */
export function spreadIndices(count: number, n: number): number[] {
  if (count <= n) return Array.from({ length: count }, (_, i) => i);
  return Array.from({ length: n }, (_, i) => Math.min(count - 1, Math.floor(((i + 0.5) * count) / n)));
}

function frameLimits(limits: DecodeLimits): DecodeLimits {
  return { maxPixels: limits.maxPixels, maxSide: Math.min(limits.maxSide, FRAME_LIMITS.maxSide) };
}

function once(target: EventTarget, type: string, timeoutMs: number, error: () => Error): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (fn: () => void) => {
      clearTimeout(timer);
      target.removeEventListener(type, ok);
      target.removeEventListener('error', bad);
      fn();
    };
    const ok = () => done(resolve);
    const bad = () => done(() => reject(new MediaError('decode-failed', 'the browser could not decode this video')));
    const timer = setTimeout(() => done(() => reject(error())), timeoutMs);
    target.addEventListener(type, ok);
    target.addEventListener('error', bad);
  });
}

/** Frames of a video file held in memory, spread over its decodable duration. */
export async function* decodeVideoFrames(bytes: Uint8Array, mime: string, limits: DecodeLimits, opts: { timeoutMs: number; truncated: boolean; maxFrames?: number }): AsyncGenerator<DecodedFrame> {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: mime || 'video/mp4' }));
  const video = document.createElement('video');
  video.muted = true;
  video.preload = 'auto';
  const lim = frameLimits(limits);
  try {
    const loaded = once(video, 'loadeddata', opts.timeoutMs, () => new MediaError('timeout', 'video did not decode in time'));
    video.src = url;
    await loaded;
    const w = video.videoWidth,
      h = video.videoHeight;
    if (!w || !h) throw new MediaError('decode-failed', 'video has no picture');
    if (w * h > lim.maxPixels) throw new MediaError('too-many-pixels', `${w}×${h}`);
    const size = scaled(w, h, lim.maxSide);
    // A truncated file's header may announce more than we hold: stay within what is buffered.
    let end = Number.isFinite(video.duration) ? video.duration : 0;
    if ((opts.truncated || !end) && video.buffered.length) end = end ? Math.min(end, video.buffered.end(video.buffered.length - 1)) : video.buffered.end(video.buffered.length - 1);
    const deadline = performance.now() + opts.timeoutMs;
    for (const at of spreadTimes(end, opts.maxFrames ?? FRAME_LIMITS.maxFrames)) {
      if (performance.now() > deadline) break;
      if (Math.abs(video.currentTime - at) > 0.001) {
        const seeked = once(video, 'seeked', FRAME_LIMITS.seekTimeoutMs, () => new MediaError('timeout', 'seek did not land'));
        video.currentTime = at;
        try {
          await seeked;
        } catch (e) {
          if (at === 0) throw e;
          break; // beyond the bytes we hold: judge the frames we have
        }
      }
      yield { t: video.currentTime, pixels: readPixels(video, size.width, size.height) };
    }
  } finally {
    video.removeAttribute('src');
    video.load();
    URL.revokeObjectURL(url);
  }
}

const ANIMATABLE = new Set(['image/gif', 'image/webp', 'image/png', 'image/apng']);

export interface AnimatedImage {
  frameCount: number;
  frames(): AsyncGenerator<DecodedFrame>;
}

/**
 * An animated image's frames, or undefined when it is not animated or this browser has no
 * ImageDecoder (then the first frame is judged as an image, as before).
 */
export async function openAnimatedImage(bytes: Uint8Array, mime: string | undefined, limits: DecodeLimits, maxFrames = FRAME_LIMITS.maxFrames): Promise<AnimatedImage | undefined> {
  const type = (mime ?? '').toLowerCase();
  if (!ANIMATABLE.has(type) || typeof ImageDecoder === 'undefined') return undefined;
  const header = headerSize(bytes);
  // Refuse bombs before the decoder allocates anything (header sizes, as for still images).
  if (!header || header.width * header.height > limits.maxPixels) return undefined;
  if (!(await ImageDecoder.isTypeSupported(type).catch(() => false))) return undefined;
  const decoder = new ImageDecoder({ data: bytes as unknown as BufferSource, type, preferAnimation: true });
  let keep = false;
  try {
    await decoder.tracks.ready;
    const track = decoder.tracks.selectedTrack;
    if (!track?.animated) return undefined;
    await decoder.completed; // frameCount is final only once all data is parsed
    if (track.frameCount <= 1) return undefined;
    keep = true;
    const lim = frameLimits(limits);
    const size = scaled(header.width, header.height, lim.maxSide);
    return {
      frameCount: track.frameCount,
      async *frames() {
        try {
          let t = 0;
          for (const frameIndex of spreadIndices(track.frameCount, maxFrames)) {
            const { image } = await decoder.decode({ frameIndex, completeFramesOnly: true });
            try {
              // GIF timestamps are the sum of earlier frame durations (µs).
              t = image.timestamp > 0 || frameIndex === 0 ? image.timestamp / 1e6 : t;
              yield { t, pixels: readPixels(image, size.width, size.height) };
            } finally {
              image.close();
            }
          }
        } finally {
          decoder.close();
        }
      },
    };
  } catch {
    return undefined;
  } finally {
    if (!keep) decoder.close();
  }
}

/** The extension's frame decoder: a hidden <video> for video files, ImageDecoder for animated images. */
export const decodeFramesInBrowser: FrameDecoder = async (media, limits) =>
  media.kind === 'video'
    ? decodeVideoFrames(media.bytes, media.mime, limits, { timeoutMs: media.timeoutMs, truncated: media.truncated })
    : (await openAnimatedImage(media.bytes, media.mime, limits))?.frames();
