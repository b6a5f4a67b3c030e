/** A small JPEG data URL of decoded pixels, for the person's local history (browser engines only). */
import type { Pixels } from '../detectors/detector';

const MAX_SIDE = 96;

export async function thumbnailInBrowser(px: Pixels): Promise<string | undefined> {
  const k = Math.min(1, MAX_SIDE / Math.max(px.width, px.height));
  const width = Math.max(1, Math.round(px.width * k));
  const height = Math.max(1, Math.round(px.height * k));
  // ImageData takes the decoded buffer as is (a copy only if it is shared memory).
  const data = px.data.buffer instanceof ArrayBuffer ? (px.data as Uint8ClampedArray<ArrayBuffer>) : new Uint8ClampedArray(px.data);
  const bitmap = await createImageBitmap(new ImageData(data, px.width, px.height), { resizeWidth: width, resizeHeight: height, resizeQuality: 'medium' });
  try {
    const canvas = new OffscreenCanvas(width, height);
    const ctx = canvas.getContext('2d');
    if (!ctx) return undefined;
    ctx.drawImage(bitmap, 0, 0);
    const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.7 });
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let bin = '';
    for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return `data:image/jpeg;base64,${btoa(bin)}`;
  } finally {
    bitmap.close();
  }
}
