/**
 * The Node decoder (command line, tests, evaluation): sharp (libvips) decodes into RGBA, applying EXIF
 * orientation as browsers do. `limitInputPixels` refuses a decompression bomb from its header.
 */
import { createHash } from 'node:crypto';
import sharp from 'sharp';
import type { Decoder } from '../engine/analyze';
import { scaled } from '../engine/decode-browser';

/** libvips errors span several lines; the card and the command line want one. */
const lastLine = (e: unknown) =>
  (e instanceof Error ? e.message : String(e))
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .pop()
    ?.slice(0, 160) ?? 'unknown error';

export const decodeNode: Decoder = async (bytes, mime, limits, signal) => {
  try {
    signal?.throwIfAborted();
    const input = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const image = sharp(input, { limitInputPixels: Math.max(1, Math.floor(limits.maxPixels)), failOn: 'none', animated: false });
    const meta = await image.metadata();
    if (!meta.width || !meta.height) throw new Error('not a decodable image');
    // Orientations 5–8 swap width and height.
    const swap = (meta.orientation ?? 1) >= 5;
    const width = swap ? meta.height : meta.width;
    const height = swap ? meta.width : meta.height;
    const size = scaled(width, height, limits.maxSide);
    let pipeline = image.rotate();
    if (size.width !== width || size.height !== height) pipeline = pipeline.resize({ ...size, fit: 'fill' });
    const { data, info } = await pipeline.ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    signal?.throwIfAborted();
    if (info.channels !== 4) throw new Error(`unexpected channel count ${info.channels}`);
    return { width: info.width, height: info.height, data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength) };
  } catch (e) {
    if (signal?.aborted) throw e;
    throw new Error(`cannot decode${mime ? ` ${mime}` : ''}: ${lastLine(e)}`);
  }
};

export async function sha256Node(bytes: Uint8Array): Promise<string> {
  return createHash('sha256').update(bytes).digest('hex');
}
