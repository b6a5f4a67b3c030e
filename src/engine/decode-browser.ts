/** Decoding in extension pages; sizes are read from the header first, so a decompression bomb is refused before any pixel is allocated. */
import { imageSize } from 'image-size';
import type { Pixels } from '../detectors/detector';
import type { DecodeLimits, Decoder } from './analyze';
import { MediaError } from './media-errors';

export function headerSize(bytes: Uint8Array): { width: number; height: number } | undefined {
  try {
    const s = imageSize(bytes);
    return s.width && s.height ? { width: s.width, height: s.height } : undefined;
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
    bitmap = await createImageBitmap(blob, target.width === size.width ? undefined : { resizeWidth: target.width, resizeHeight: target.height, resizeQuality: 'high' });
  } catch (e) {
    throw new MediaError('decode-failed', (e as Error).message || 'the browser could not decode it');
  }
  try {
    return readPixels(bitmap, bitmap.width, bitmap.height);
  } finally {
    bitmap.close();
  }
};
