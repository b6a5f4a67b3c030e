/** A strict JPEG marker walker up to the first SOS, where metadata ends; nothing after EOI is read. */
import { ascii, u16be } from './bytes';

interface JpegSegment {
  marker: number;
  /** Of the payload, after the 2-byte length. */
  offset: number;
  data: Uint8Array;
}

interface JpegWalk {
  segments: JpegSegment[];
  /** Offset of SOS; 0 when not found. */
  headerEnd: number;
  problem?: string;
}

export function walkJpegSegments(bytes: Uint8Array, maxSegments = 2_000): JpegWalk {
  const segments: JpegSegment[] = [];
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return { segments, headerEnd: 0, problem: 'not a JPEG' };
  let p = 2;
  while (p + 4 <= bytes.length) {
    if (segments.length >= maxSegments) return { segments, headerEnd: 0, problem: `more than ${maxSegments} segments` };
    if (bytes[p] !== 0xff) return { segments, headerEnd: 0, problem: 'corrupt marker' };
    let marker = bytes[p + 1]!;
    // Fill bytes (0xFF padding) may precede a marker.
    while (marker === 0xff && p + 2 < bytes.length) {
      p++;
      marker = bytes[p + 1]!;
    }
    if (marker === 0xd9) return { segments, headerEnd: 0, problem: 'image ends before any scan' };
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      p += 2; // standalone markers, no length
      continue;
    }
    const length = u16be(bytes, p + 2);
    if (length < 2 || p + 2 + length > bytes.length) return { segments, headerEnd: 0, problem: 'truncated segment' };
    if (marker === 0xda) return { segments, headerEnd: p };
    segments.push({ marker, offset: p + 4, data: bytes.subarray(p + 4, p + 2 + length) });
    p += 2 + length;
  }
  return { segments, headerEnd: 0, problem: 'no scan data' };
}

/** The TIFF payload of the APP1 `Exif\0\0` segment, if any. */
export function jpegExif(walk: JpegWalk): Uint8Array | undefined {
  const seg = walk.segments.find((s) => s.marker === 0xe1 && ascii(s.data, 0, 6) === 'Exif\0\0');
  return seg?.data.subarray(6);
}
