/**
 * Copies the frame a video is showing, in the page (issue 5). Works for same-origin files and
 * MSE/`blob:` streams (how most feeds and HLS players deliver video); a cross-origin file without
 * CORS taints the canvas, and then only the engine can look at it.
 */

import { timed } from '../main-thread-meter';
import { readAsBase64 } from '../read-as-base64';

/** A frame is captured at most this large (longest side): enough for every model input. */
export const FRAME_MAX_SIDE = 768;

export type Capture = { ok: true; base64: string } | { ok: false; reason: 'tainted' | 'no-frame' };

export async function captureVideoFrame(video: HTMLVideoElement): Promise<Capture> {
  if (video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA || !video.videoWidth || !video.videoHeight) return { ok: false, reason: 'no-frame' };
  const k = Math.min(1, FRAME_MAX_SIDE / Math.max(video.videoWidth, video.videoHeight));
  const w = Math.max(1, Math.round(video.videoWidth * k));
  const h = Math.max(1, Math.round(video.videoHeight * k));
  const canvas = new OffscreenCanvas(w, h);
  // The synchronous part counts against our main-thread budget (read by the benchmarks).
  const drawn = timed((): Capture | undefined => {
    const ctx = canvas.getContext('2d');
    if (!ctx) return { ok: false, reason: 'no-frame' };
    ctx.drawImage(video, 0, 0, w, h);
    try {
      ctx.getImageData(0, 0, 1, 1); // throws on a tainted canvas
    } catch {
      return { ok: false, reason: 'tainted' };
    }
    return undefined;
  });
  if (drawn) return drawn;
  // PNG encoding happens off the main thread (convertToBlob is asynchronous).
  return { ok: true, base64: await readAsBase64(await canvas.convertToBlob({ type: 'image/png' })) };
}

/** Resolves with the media time of the next presented frame (rVFC), or the current time. */
export function nextPresentedTime(video: HTMLVideoElement, timeoutMs = 1000): Promise<number> {
  if (video.paused || typeof video.requestVideoFrameCallback !== 'function') return Promise.resolve(video.currentTime);
  return new Promise((resolve) => {
    // A stalled stream presents nothing: fall back to the current time.
    const timer = setTimeout(() => {
      video.cancelVideoFrameCallback(handle);
      resolve(video.currentTime);
    }, timeoutMs);
    const handle = video.requestVideoFrameCallback((_now, meta) => {
      clearTimeout(timer);
      resolve(meta.mediaTime);
    });
  });
}

let thumb: OffscreenCanvasRenderingContext2D | null | undefined;

/** An 8×8 grey thumbnail of the current frame (a scene signature); undefined when unreadable. */
export function frameSignature(video: HTMLVideoElement): Uint8Array | undefined {
  return timed(() => readSignature(video));
}

function readSignature(video: HTMLVideoElement): Uint8Array | undefined {
  if (video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA || !video.videoWidth) return undefined;
  thumb ??= new OffscreenCanvas(8, 8).getContext('2d', { willReadFrequently: true });
  if (!thumb) return undefined;
  try {
    thumb.drawImage(video, 0, 0, 8, 8);
    const { data } = thumb.getImageData(0, 0, 8, 8);
    const out = new Uint8Array(64);
    for (let i = 0; i < 64; i++) out[i] = (data[i * 4]! * 77 + data[i * 4 + 1]! * 150 + data[i * 4 + 2]! * 29) >> 8;
    return out;
  } catch {
    return undefined; // tainted
  }
}

/** Mean absolute difference of two signatures, 0–255; a cut between shots is typically over 20. */
export function signatureDistance(a: Uint8Array, b: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < 64; i++) sum += Math.abs(a[i]! - b[i]!);
  return sum / 64;
}
