/** A strict RIFF/WebP chunk walker, bounded by the RIFF size (trailing bytes are ignored). */
import { ascii, u32le } from './bytes';

interface RiffChunk {
  id: string;
  data: Uint8Array;
}

export function walkWebpChunks(bytes: Uint8Array, maxChunks = 1_000): { chunks: RiffChunk[]; problem?: string } {
  const chunks: RiffChunk[] = [];
  if (bytes.length < 12 || ascii(bytes, 0, 4) !== 'RIFF' || ascii(bytes, 8, 4) !== 'WEBP') return { chunks, problem: 'not a WebP' };
  const riffEnd = Math.min(bytes.length, 8 + u32le(bytes, 4));
  let p = 12;
  while (p + 8 <= riffEnd) {
    if (chunks.length >= maxChunks) return { chunks, problem: `more than ${maxChunks} chunks` };
    const id = ascii(bytes, p, 4);
    const size = u32le(bytes, p + 4);
    if (p + 8 + size > riffEnd) return { chunks, problem: 'truncated chunk' };
    chunks.push({ id, data: bytes.subarray(p + 8, p + 8 + size) });
    p += 8 + size + (size & 1);
  }
  return { chunks };
}

/** A WebP `EXIF` chunk's TIFF payload (some writers keep JPEG's `Exif\0\0` header). */
export const webpExifTiff = (data: Uint8Array) => (ascii(data, 0, 6) === 'Exif\0\0' ? data.subarray(6) : data);
