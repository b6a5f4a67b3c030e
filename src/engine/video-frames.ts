/**
 * Frames of a video (a hidden <video> seeking over the bytes we hold) or an animated image (WebCodecs
 * `ImageDecoder`, where the browser has one), decoded one at a time so only one frame is held (issue 5).
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

export const frameLimits = (limits: DecodeLimits): DecodeLimits => ({ maxPixels: limits.maxPixels, maxSide: Math.min(limits.maxSide, FRAME_LIMITS.maxSide) });

function once(target: EventTarget, type: string, timeoutMs: number, timeoutMessage: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (fn: () => void) => {
      clearTimeout(timer);
      target.removeEventListener(type, ok);
      target.removeEventListener('error', bad);
      fn();
    };
    const ok = () => done(resolve);
    const bad = () => done(() => reject(new MediaError('decode-failed', 'the browser could not decode this video')));
    const timer = setTimeout(() => done(() => reject(new MediaError('timeout', timeoutMessage))), timeoutMs);
    target.addEventListener(type, ok);
    target.addEventListener('error', bad);
  });
}

async function* videoFrames(opts: { bytes: Uint8Array; mime: string; timeoutMs: number; truncated: boolean }, limits: DecodeLimits): AsyncGenerator<DecodedFrame> {
  const url = URL.createObjectURL(new Blob([opts.bytes as BlobPart], { type: opts.mime || 'video/mp4' }));
  const video = document.createElement('video');
  video.muted = true;
  video.preload = 'auto';
  const lim = frameLimits(limits);
  try {
    const loaded = once(video, 'loadeddata', opts.timeoutMs, 'video did not decode in time');
    video.src = url;
    await loaded;
    const { videoWidth: w, videoHeight: h } = video;
    if (!w || !h) throw new MediaError('decode-failed', 'video has no picture');
    if (w * h > lim.maxPixels) throw new MediaError('too-many-pixels', `${w}×${h}`);
    const size = scaled(w, h, lim.maxSide);
    // A truncated file's header may announce more than we hold: stay within what is buffered.
    let end = Number.isFinite(video.duration) ? video.duration : 0;
    if ((opts.truncated || !end) && video.buffered.length) end = end ? Math.min(end, video.buffered.end(video.buffered.length - 1)) : video.buffered.end(video.buffered.length - 1);
    const deadline = performance.now() + opts.timeoutMs;
    for (const at of spreadTimes(end, FRAME_LIMITS.maxFrames)) {
      if (performance.now() > deadline) break;
      if (Math.abs(video.currentTime - at) > 0.001) {
        const seeked = once(video, 'seeked', FRAME_LIMITS.seekTimeoutMs, 'seek did not land');
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

/** An animated image's frames, or undefined when it is not animated or this browser has no ImageDecoder. */
async function animatedFrames(bytes: Uint8Array, mime: string, limits: DecodeLimits): Promise<AsyncGenerator<DecodedFrame> | undefined> {
  const type = mime.toLowerCase();
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
    const size = scaled(header.width, header.height, frameLimits(limits).maxSide);
    return (async function* () {
      try {
        let t = 0;
        for (const frameIndex of spreadIndices(track.frameCount, FRAME_LIMITS.maxFrames)) {
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
    })();
  } catch {
    return undefined;
  } finally {
    if (!keep) decoder.close();
  }
}

export const decodeFramesInBrowser: FrameDecoder = async (media, limits) => (media.kind === 'video' ? videoFrames(media, limits) : animatedFrames(media.bytes, media.mime, limits));
