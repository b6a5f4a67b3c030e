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
  // The browser copies and scales the frame asynchronously; no synchronous readback on the page's
  // thread (a getImageData taint probe forced one per frame and dominated our main-thread cost).
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(video, { resizeWidth: w, resizeHeight: h, resizeQuality: 'medium' });
  } catch (e) {
    // Engines that refuse to copy a cross-origin frame at all say so with a SecurityError.
    return { ok: false, reason: (e as DOMException).name === 'SecurityError' ? 'tainted' : 'no-frame' };
  }
  const canvas = new OffscreenCanvas(w, h);
  const drawn = timed(() => {
    const ctx = canvas.getContext('2d');
    ctx?.drawImage(bitmap, 0, 0);
    bitmap.close();
    return !!ctx;
  });
  if (!drawn) return { ok: false, reason: 'no-frame' };
  try {
    // Encoding happens off the main thread; a cross-origin frame makes the canvas origin-unclean
    // and convertToBlob rejects with a SecurityError: then only the engine may look at it.
    return { ok: true, base64: await readAsBase64(await canvas.convertToBlob({ type: 'image/png' })) };
  } catch (e) {
    return { ok: false, reason: (e as DOMException).name === 'SecurityError' ? 'tainted' : 'no-frame' };
  }
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
