/** A small JPEG data URL of one face crop, for the evidence card (browser engines only). */
import type { Pixels } from '../detectors/detector';
import type { Rect } from './preprocess';

const SIDE = 64;

export async function cropThumbnailInBrowser(px: Pixels, rect: Rect): Promise<string | undefined> {
  const bitmap = await createImageBitmap(new ImageData(new Uint8ClampedArray(px.data), px.width, px.height), rect.x, rect.y, rect.width, rect.height, {
    resizeWidth: SIDE,
    resizeHeight: SIDE,
    resizeQuality: 'medium',
  });
  try {
    const canvas = new OffscreenCanvas(SIDE, SIDE);
    const ctx = canvas.getContext('2d');
    if (!ctx) return undefined;
    ctx.drawImage(bitmap, 0, 0);
    const bytes = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.75 })).arrayBuffer());
    let bin = '';
    for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return `data:image/jpeg;base64,${btoa(bin)}`;
  } finally {
    bitmap.close();
  }
}
