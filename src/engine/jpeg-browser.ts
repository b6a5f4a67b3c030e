/** Small JPEG data URLs in browser engines: history thumbnails (longer side 96 px), face crops for the card (64 px). */
import type { Pixels } from '../detectors/detector';
import { blobToBase64 } from '../shared/base64';
import { scaled } from './decode-browser';
import type { Rect } from './preprocess';

const THUMBNAIL_MAX_SIDE = 96;
const FACE_CROP_SIDE = 64;

export function thumbnailInBrowser(px: Pixels): Promise<string | undefined> {
  const { width, height } = scaled(px.width, px.height, THUMBNAIL_MAX_SIDE);
  return jpegDataUrl(px, { x: 0, y: 0, width: px.width, height: px.height }, width, height, 0.7);
}

export function cropThumbnailInBrowser(px: Pixels, rect: Rect): Promise<string | undefined> {
  return jpegDataUrl(px, rect, FACE_CROP_SIDE, FACE_CROP_SIDE, 0.75);
}

async function jpegDataUrl(px: Pixels, rect: Rect, width: number, height: number, quality: number): Promise<string | undefined> {
  // ImageData takes the decoded buffer as is (a copy only if it is shared memory).
  const data = px.data.buffer instanceof ArrayBuffer ? (px.data as Uint8ClampedArray<ArrayBuffer>) : new Uint8ClampedArray(px.data);
  const bitmap = await createImageBitmap(new ImageData(data, px.width, px.height), rect.x, rect.y, rect.width, rect.height, { resizeWidth: width, resizeHeight: height, resizeQuality: 'medium' });
  try {
    const canvas = new OffscreenCanvas(width, height);
    const ctx = canvas.getContext('2d');
    if (!ctx) return undefined;
    ctx.drawImage(bitmap, 0, 0);
    return `data:image/jpeg;base64,${await blobToBase64(await canvas.convertToBlob({ type: 'image/jpeg', quality }))}`;
  } finally {
    bitmap.close();
  }
}
