/**
 * Self-made hostile media for the bad-media and fuzz tests: small valid seeds in every format the
 * engine sees (made with sharp at test time), and hand-built files that lie in their headers
 * (decompression bombs), carry metadata bombs, or are broken containers. Nothing is downloaded.
 */
import { readFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import sharp, { type Sharp } from 'sharp';
import { expect } from 'vitest';
import { byteDetectors, pixelDetectors } from '../../../src/detectors/index';
import { crc32 } from '../../../src/detectors/shared/bytes';
import { analyzeMedia, type EngineDeps } from '../../../src/engine/analyze';
import { decodeNode, sha256Node } from '../../../src/node/decode-node';
import type { Signal } from '../../../src/shared/types';

export const OUTCOMES = new Set(['declared-ai', 'score', 'info', 'invalid', 'none', 'not-applicable', 'error']);

/** The engine's decode limits (src/engine/pipeline.ts DECODE_LIMITS). */
export const LIMITS = { maxPixels: 50_000_000, maxSide: 2048 };

export const nodeDeps: EngineDeps = { byteDetectors, pixelDetectors, models: [], decode: decodeNode, sha256: sha256Node, limits: LIMITS };

/** A clean outcome: every signal well-formed, short single-line evidence. */
export function expectWellFormed(signals: Signal[]): void {
  for (const s of signals) {
    expect(OUTCOMES.has(s.outcome), `${s.detector}: outcome ${s.outcome}`).toBe(true);
    expect(typeof s.detector).toBe('string');
    expect(Array.isArray(s.evidence)).toBe(true);
    for (const e of s.evidence) {
      expect(typeof e).toBe('string');
      expect(e).not.toMatch(/[\n\r]/);
      expect(e.length).toBeLessThanOrEqual(400);
    }
    expect(typeof s.explanation).toBe('string');
    if (s.score !== undefined) expect(Number.isFinite(s.score)).toBe(true);
  }
}

/** analyzeMedia with the Node decoder, bounded by `ms` (a hang fails instead of blocking CI). */
export async function analyzeBounded(bytes: Uint8Array, mime: string | undefined, ms = 20_000) {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => (controller.abort(), reject(new Error(`hang: analyzeMedia took over ${ms} ms`))), ms);
  });
  try {
    return await Promise.race([analyzeMedia({ kind: 'image', bytes, mime, minShortSide: 16 }, nodeDeps, controller.signal), hang]);
  } finally {
    clearTimeout(timer);
  }
}

// ---- PNG building blocks ----------------------------------------------------------------------

const PNG_SIG = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

export function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const t = new TextEncoder().encode(type);
  const out = new Uint8Array(12 + data.length);
  const v = new DataView(out.buffer);
  v.setUint32(0, data.length);
  out.set(t, 4);
  out.set(data, 8);
  v.setUint32(8 + data.length, crc32([t, data]) >>> 0);
  return out;
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) out.set(p, at), (at += p.length);
  return out;
}

function ihdr(width: number, height: number, bitDepth = 8, colorType = 2): Uint8Array {
  const d = new Uint8Array(13);
  const v = new DataView(d.buffer);
  v.setUint32(0, width);
  v.setUint32(4, height);
  d[8] = bitDepth;
  d[9] = colorType;
  return pngChunk('IHDR', d);
}

const latin1 = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0) & 0xff);

/** A valid PNG from raw rows (filter byte 0 each), with extra chunks before IDAT. */
export function craftPng(width: number, height: number, opts: { extra?: Uint8Array[]; bitDepth?: number; colorType?: number; rows?: Uint8Array } = {}): Uint8Array {
  const bitDepth = opts.bitDepth ?? 8;
  const colorType = opts.colorType ?? 2;
  const channels = colorType === 2 ? 3 : colorType === 6 ? 4 : 1;
  const rowBytes = Math.ceil((width * channels * bitDepth) / 8) + 1;
  const raw = opts.rows ?? new Uint8Array(rowBytes * height);
  return concat(PNG_SIG, ihdr(width, height, bitDepth, colorType), ...(opts.extra ?? []), pngChunk('IDAT', deflateSync(raw, { level: 9 })), pngChunk('IEND', new Uint8Array(0)));
}

export const tEXt = (key: string, value: string) => pngChunk('tEXt', concat(latin1(key), Uint8Array.of(0), latin1(value)));
export const zTXt = (key: string, raw: Uint8Array) => pngChunk('zTXt', concat(latin1(key), Uint8Array.of(0, 0), deflateSync(raw, { level: 9 })));
export const iTXt = (key: string, value: string) => pngChunk('iTXt', concat(latin1(key), Uint8Array.of(0, 0, 0, 0, 0), new TextEncoder().encode(value)));

// ---- Other containers ------------------------------------------------------------------------

/** A baseline JPEG skeleton whose SOF0 claims `width`×`height` (no real scan data). */
export function craftJpeg(width: number, height: number, segments: Uint8Array[] = []): Uint8Array {
  const sof = Uint8Array.of(0xff, 0xc0, 0, 11, 8, height >> 8, height & 0xff, width >> 8, width & 0xff, 1, 1, 0x11, 0);
  const sos = Uint8Array.of(0xff, 0xda, 0, 8, 1, 1, 0, 0, 0x3f, 0);
  const jfif = jpegSegment(0xe0, concat(latin1('JFIF\0'), Uint8Array.of(1, 1, 0, 0, 1, 0, 1, 0, 0)));
  return concat(Uint8Array.of(0xff, 0xd8), jfif, ...segments, sof, sos, new Uint8Array(64).fill(0x55), Uint8Array.of(0xff, 0xd9));
}

/** An APPn segment (payload up to 65533 bytes). */
export function jpegSegment(marker: number, payload: Uint8Array): Uint8Array {
  const len = payload.length + 2;
  return concat(Uint8Array.of(0xff, marker, len >> 8, len & 0xff), payload);
}

export const xmpApp1 = (xml: string) => jpegSegment(0xe1, concat(latin1('http://ns.adobe.com/xap/1.0/\0'), new TextEncoder().encode(xml)));

/** EXIF (APP1) whose IFD0 "next IFD" points back at itself, and whose one entry points past the end. */
export function loopingExifApp1(): Uint8Array {
  const tiff = new Uint8Array(8 + 2 + 12 + 4);
  const v = new DataView(tiff.buffer);
  tiff.set(latin1('MM'), 0);
  v.setUint16(2, 42);
  v.setUint32(4, 8);
  v.setUint16(8, 1); // one entry
  v.setUint16(10, 0x0131); // Software
  v.setUint16(12, 2); // ASCII
  v.setUint32(14, 0x7fffffff); // count: enormous
  v.setUint32(18, 0xfffffff0); // offset: far outside
  v.setUint32(22, 8); // next IFD: itself
  return jpegSegment(0xe1, concat(latin1('Exif\0\0'), tiff));
}

/** GIF whose logical screen and one frame claim `w`×`h`. */
export function craftGif(w: number, h: number): Uint8Array {
  const le = (n: number) => [n & 0xff, n >> 8];
  return Uint8Array.of(...latin1('GIF89a'), ...le(w), ...le(h), 0, 0, 0, 0x2c, 0, 0, 0, 0, ...le(w), ...le(h), 0, 2, 2, 0x4c, 0x01, 0, 0x3b);
}

/** WebP VP8X whose canvas claims `w`×`h` (24-bit fields, minus one). */
export function craftWebpVp8x(w: number, h: number): Uint8Array {
  const body = new Uint8Array(10);
  const put24 = (at: number, n: number) => ((body[at] = n & 0xff), (body[at + 1] = (n >> 8) & 0xff), (body[at + 2] = (n >> 16) & 0xff));
  put24(4, w - 1);
  put24(7, h - 1);
  const vp8x = concat(latin1('VP8X'), Uint8Array.of(10, 0, 0, 0), body);
  const size = 4 + vp8x.length;
  return concat(latin1('RIFF'), Uint8Array.of(size & 0xff, (size >> 8) & 0xff, 0, 0), latin1('WEBP'), vp8x);
}

function box(type: string, ...payload: Uint8Array[]): Uint8Array {
  const body = concat(...payload);
  const out = new Uint8Array(8 + body.length);
  new DataView(out.buffer).setUint32(0, out.length);
  out.set(latin1(type), 4);
  out.set(body, 8);
  return out;
}

/** A tiny ISO-BMFF (MP4) file: ftyp, moov/udta with an XMP uuid box, and an mdat. */
export function craftMp4(): Uint8Array {
  const ftyp = box('ftyp', latin1('isom'), Uint8Array.of(0, 0, 2, 0), latin1('isomiso2mp41'));
  const xmpUuid = Uint8Array.of(0xbe, 0x7a, 0xcf, 0xcb, 0x97, 0xa9, 0x42, 0xe8, 0x9c, 0x71, 0x99, 0x94, 0x91, 0xe3, 0xaf, 0xac);
  const xmp = box(
    'uuid',
    xmpUuid,
    latin1(
      '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:Iptc4xmpExt="http://iptc.org/std/Iptc4xmpExt/2008-02-29/" Iptc4xmpExt:DigitalSourceType="http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia"/></rdf:RDF></x:xmpmeta>',
    ),
  );
  const moov = box('moov', box('mvhd', new Uint8Array(100)), box('udta', xmp));
  return concat(ftyp, moov, box('mdat', new Uint8Array(256).fill(7)));
}

/** Broken BMFF: a box claiming 4 GB, then 20 000 zero-size boxes. */
export function craftBrokenMp4(): Uint8Array {
  const ftyp = box('ftyp', latin1('isom'), Uint8Array.of(0, 0, 2, 0), latin1('isom'));
  const liar = concat(Uint8Array.of(0xff, 0xff, 0xff, 0xf0), latin1('moov'), new Uint8Array(32));
  const zeros = new Uint8Array(20_000 * 8);
  for (let i = 0; i < 20_000; i++) zeros.set(latin1('free'), i * 8 + 4); // size 0 = "to the end"
  return concat(ftyp, box('free', zeros), liar);
}

// ---- Seeds ------------------------------------------------------------------------------------

const ROOT = new URL('../../../', import.meta.url);
const read = (p: string) => new Uint8Array(readFileSync(new URL(p, ROOT)));

/** Small valid files in every format, with metadata where the format carries it. */
export async function makeSeeds(): Promise<{ name: string; mime: string; bytes: Uint8Array }[]> {
  const w = 64,
    h = 48;
  const noise = Buffer.alloc(w * h * 3);
  for (let i = 0; i < noise.length; i++) noise[i] = (i * 2654435761) >>> 24;
  const base = () => sharp(noise, { raw: { width: w, height: h, channels: 3 } });
  const xmp =
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:Iptc4xmpExt="http://iptc.org/std/Iptc4xmpExt/2008-02-29/" Iptc4xmpExt:DigitalSourceType="http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia"/></rdf:RDF></x:xmpmeta>';
  const meta = (s: Sharp) => s.withExif({ IFD0: { Software: 'Stable Diffusion', ImageDescription: 'seed' } }).withXmp(xmp);
  const out = [
    { name: 'seed.jpg', mime: 'image/jpeg', bytes: await meta(base()).jpeg({ quality: 80 }).toBuffer() },
    { name: 'seed.png', mime: 'image/png', bytes: await meta(base()).png().toBuffer() },
    { name: 'seed.webp', mime: 'image/webp', bytes: await meta(base()).webp({ quality: 70 }).toBuffer() },
    { name: 'seed.avif', mime: 'image/avif', bytes: await base().avif({ quality: 50, effort: 0 }).toBuffer() },
    { name: 'seed.gif', mime: 'image/gif', bytes: await base().gif().toBuffer() },
    { name: 'seed.tiff', mime: 'image/tiff', bytes: await base().tiff().toBuffer() },
  ].map((s): { name: string; mime: string; bytes: Uint8Array } => ({ ...s, bytes: new Uint8Array(s.bytes) }));
  out.push(
    { name: 'params-inside.png', mime: 'image/png', bytes: read('test/fixtures/provenance/params-inside.png') },
    { name: 'params-inside.jpg', mime: 'image/jpeg', bytes: read('test/fixtures/provenance/params-inside.jpg') },
    { name: 'portrait-comfyui.png', mime: 'image/png', bytes: read('demo/media/portrait-comfyui.png') },
    { name: 'city-iptc.jpg', mime: 'image/jpeg', bytes: read('demo/media/city-iptc.jpg') },
    { name: 'red.webm', mime: 'video/webm', bytes: read('test/pages/media/red.webm') },
    { name: 'crafted.mp4', mime: 'video/mp4', bytes: craftMp4() },
  );
  return out;
}
