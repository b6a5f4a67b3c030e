/** Container sniffing: a response's declared type is often wrong (PNG served as `.jpg`), the magic numbers are not. */
import { ascii, u32be } from './bytes';

export type MediaFormat = 'jpeg' | 'png' | 'webp' | 'gif' | 'avif' | 'heic' | 'mp4' | 'mov' | 'tiff' | 'unknown';

export const MIME: Record<MediaFormat, string | undefined> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
  avif: 'image/avif',
  heic: 'image/heic',
  mp4: 'video/mp4',
  mov: 'video/quicktime',
  tiff: 'image/tiff',
  unknown: undefined,
};

const AVIF_BRANDS = new Set(['avif', 'avis']);
const HEIC_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'mif1', 'msf1']);
const MOV_BRANDS = new Set(['qt  ']);

export function sniffFormat(bytes: Uint8Array): MediaFormat {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes.length < 12) return 'unknown';
  if (bytes[0] === 0x89 && ascii(bytes, 1, 7) === 'PNG\r\n\x1a\n') return 'png';
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') return 'webp';
  if (ascii(bytes, 0, 4) === 'GIF8') return 'gif';
  if (ascii(bytes, 0, 4) === 'II*\0' || ascii(bytes, 0, 4) === 'MM\0*') return 'tiff';
  if (ascii(bytes, 4, 4) === 'ftyp') {
    const size = u32be(bytes, 0);
    const end = Math.min(bytes.length, Math.max(16, Math.min(size, 256)));
    const brands = [ascii(bytes, 8, 4)];
    for (let p = 16; p + 4 <= end; p += 4) brands.push(ascii(bytes, p, 4));
    if (brands.some((b) => AVIF_BRANDS.has(b))) return 'avif';
    if (brands.some((b) => HEIC_BRANDS.has(b))) return 'heic';
    if (MOV_BRANDS.has(brands[0]!)) return 'mov';
    return 'mp4';
  }
  return 'unknown';
}
