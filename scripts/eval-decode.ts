/**
 * Fallback Node decoder for scripts/eval.ts, used only when src/node/decode-node.ts is absent:
 * sharp (libvips) to 8-bit RGBA, transparency flattened on white like the training pipeline, no
 * EXIF rotation (the training pipeline does not rotate either), downscaled past `maxSide`.
 */
import sharp from 'sharp';
import type { Pixels } from '../src/detectors/detector';
import type { DecodeLimits, Decoder } from '../src/engine/analyze';

export const decodeWithSharp: Decoder = async (bytes: Uint8Array, _mime: string | undefined, limits: DecodeLimits): Promise<Pixels> => {
  const img = sharp(bytes, { limitInputPixels: limits.maxPixels, animated: false });
  const meta = await img.metadata();
  const w = meta.width ?? 0;
  const h = meta.height ?? 0;
  let pipe = img.flatten({ background: '#ffffff' });
  if (Math.max(w, h) > limits.maxSide) pipe = pipe.resize({ width: w >= h ? limits.maxSide : undefined, height: h > w ? limits.maxSide : undefined });
  const { data, info } = await pipe.ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.length) };
};
