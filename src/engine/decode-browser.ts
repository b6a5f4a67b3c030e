/**
 * Decoding in extension pages (offscreen document, Firefox background page). Dimensions are read
 * from the header first, so a decompression bomb is refused before any pixel is allocated.
 */
import { imageSize } from 'image-size';
import type { Pixels } from '../detectors/detector';
import type { DecodeLimits, Decoder } from './analyze';
import { MediaError } from './media-errors';

export function headerSize(bytes: Uint8Array): { width: number; height: number; type?: string } | undefined {
  try {
    const s = imageSize(bytes);
    return s.width && s.height ? { width: s.width, height: s.height, type: s.type } : undefined;
  } catch {
    return undefined;
  }
}

export function scaled(width: number, height: number, maxSide: number) {
  const k = Math.min(1, maxSide / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * k)), height: Math.max(1, Math.round(height * k)) };
}

export function readPixels(source: CanvasImageSource, width: number, height: number): Pixels {
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new MediaError('decode-failed', 'no 2D context');
  ctx.drawImage(source, 0, 0, width, height);
  const { data } = ctx.getImageData(0, 0, width, height);
  return { width, height, data };
}

export const decodeImageInBrowser: Decoder = async (bytes, mime, limits: DecodeLimits) => {
  const size = headerSize(bytes);
  if (!size) throw new MediaError('decode-failed', 'not a recognised image format');
  if (size.width * size.height > limits.maxPixels) throw new MediaError('too-many-pixels', `${size.width}×${size.height}`);
  const blob = new Blob([bytes as BlobPart], mime ? { type: mime } : undefined);
  const target = scaled(size.width, size.height, limits.maxSide);
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(
      blob,
      target.width === size.width ? undefined : { resizeWidth: target.width, resizeHeight: target.height, resizeQuality: 'high' },
    );
  } catch (e) {
    throw new MediaError('decode-failed', (e as Error).message || 'the browser could not decode it');
  }
  try {
    return readPixels(bitmap, bitmap.width, bitmap.height);
  } finally {
    bitmap.close();
  }
};

/**
 * One frame of a video file held in memory: a hidden <video> plays the blob, we seek a little
 * way in (first frames are often black) and copy the frame. Bounded by `timeoutMs`.
 */
export async function decodeVideoFrameInBrowser(bytes: Uint8Array, mime: string, limits: DecodeLimits, timeoutMs: number): Promise<Pixels> {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: mime || 'video/mp4' }));
  const video = document.createElement('video');
  video.muted = true;
  video.preload = 'auto';
  const cleanup = () => {
    video.removeAttribute('src');
    video.load();
    URL.revokeObjectURL(url);
  };
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new MediaError('timeout', 'video did not decode in time')), timeoutMs);
      video.addEventListener('error', () => (clearTimeout(timer), reject(new MediaError('decode-failed', 'the browser could not decode this video'))), { once: true });
      video.addEventListener(
        'loadeddata',
        () => {
          const at = Number.isFinite(video.duration) ? Math.min(1, video.duration * 0.1) : 0;
          if (at <= 0) return clearTimeout(timer), resolve();
          video.addEventListener('seeked', () => (clearTimeout(timer), resolve()), { once: true });
          video.currentTime = at;
        },
        { once: true },
      );
      video.src = url;
    });
    const w = video.videoWidth, h = video.videoHeight;
    if (!w || !h) throw new MediaError('decode-failed', 'video has no picture');
    if (w * h > limits.maxPixels) throw new MediaError('too-many-pixels', `${w}×${h}`);
    const t = scaled(w, h, limits.maxSide);
    return readPixels(video, t.width, t.height);
  } finally {
    cleanup();
  }
}
