/** Whether the container holds a C2PA manifest (walked, never searched): "none" vs "could not read". */
import { ascii, u32be } from '../shared/bytes';
import { walkJpegSegments } from '../shared/jpeg-segments';
import type { MediaFormat } from '../shared/media-format';
import { walkPngChunks } from '../shared/png-chunks';
import { walkWebpChunks } from '../shared/riff-chunks';

const C2PA_UUID = 'd8fec3d61b0e483c92975828877ec481';

function hex(b: Uint8Array): string {
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

function bmffHasManifest(bytes: Uint8Array): boolean {
  let p = 0;
  for (let n = 0; n < 10_000 && p + 8 <= bytes.length; n++) {
    let size = u32be(bytes, p);
    const type = ascii(bytes, p + 4, 4);
    let header = 8;
    if (size === 1 && p + 16 <= bytes.length) {
      size = u32be(bytes, p + 8) * 2 ** 32 + u32be(bytes, p + 12);
      header = 16;
    } else if (size === 0) size = bytes.length - p;
    if (size < header) return false;
    if (type === 'uuid' && p + header + 16 <= bytes.length && hex(bytes.subarray(p + header, p + header + 16)) === C2PA_UUID) return true;
    p += size;
  }
  return false;
}

export function hasManifestContainer(bytes: Uint8Array, format: MediaFormat): boolean {
  switch (format) {
    case 'jpeg':
      return walkJpegSegments(bytes).segments.some((s) => s.marker === 0xeb && ascii(s.data, 0, 2) === 'JP');
    case 'png':
      return walkPngChunks(bytes).chunks.some((c) => c.type === 'caBX');
    case 'webp':
      return walkWebpChunks(bytes).chunks.some((c) => c.id === 'C2PA');
    case 'avif':
    case 'heic':
    case 'mp4':
    case 'mov':
      return bmffHasManifest(bytes);
    default:
      return false;
  }
}
