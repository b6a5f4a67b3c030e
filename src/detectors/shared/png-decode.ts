/** A bounded PNG decoder (8-bit, not interlaced) for exact pixels a resizing decoder would lose (stealth parameters). */
import { concatBytes, u32be } from './bytes';
import { inflateBounded } from './inflate';
import type { PngWalk } from './png-chunks';

export interface PngPixels {
  width: number;
  height: number;
  channels: 1 | 2 | 3 | 4;
  data: Uint8Array;
}

const CHANNELS: Record<number, 1 | 2 | 3 | 4> = { 0: 1, 2: 3, 4: 2, 6: 4 };

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

export async function decodePngPixels(walk: PngWalk, maxPixels: number): Promise<PngPixels | undefined> {
  const ihdr = walk.chunks[0];
  if (!walk.complete || !ihdr || ihdr.type !== 'IHDR' || ihdr.data.length < 13) return undefined;
  const width = u32be(ihdr.data, 0);
  const height = u32be(ihdr.data, 4);
  const depth = ihdr.data[8]!;
  const channels = CHANNELS[ihdr.data[9]!];
  if (!channels || depth !== 8 || ihdr.data[12] !== 0) return undefined;
  if (width === 0 || height === 0 || width * height > maxPixels) return undefined;
  const joined = concatBytes(walk.chunks.filter((c) => c.type === 'IDAT').map((c) => c.data));
  const stride = width * channels;
  const raw = await inflateBounded(joined, 'deflate', height * (stride + 1));
  if (!raw || raw.length < height * (stride + 1)) return undefined;
  const out = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const src = y * (stride + 1) + 1;
    const row = y * stride;
    const prev = row - stride;
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? out[row + x - channels]! : 0;
      const b = y > 0 ? out[prev + x]! : 0;
      const c = y > 0 && x >= channels ? out[prev + x - channels]! : 0;
      const v = raw[src + x]!;
      let r: number;
      switch (filter) {
        case 0:
          r = v;
          break;
        case 1:
          r = v + a;
          break;
        case 2:
          r = v + b;
          break;
        case 3:
          r = v + ((a + b) >> 1);
          break;
        case 4:
          r = v + paeth(a, b, c);
          break;
        default:
          return undefined;
      }
      out[row + x] = r & 0xff;
    }
  }
  return { width, height, channels, data: out };
}
