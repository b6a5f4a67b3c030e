/**
 * EXIF, XMP and IPTC fields with exifr, from inside the container only (JPEG up to SOS, PNG up to
 * IEND, WebP chunks). exifr is only ever given bytes: a string would be fetched as a URL.
 */
import { walkJpegSegments } from '../shared/jpeg-segments';
import type { MediaFormat } from '../shared/media-format';
import { readPngTexts, walkPngChunks } from '../shared/png-chunks';
import { walkWebpChunks, webpExifTiff } from '../shared/riff-chunks';
import { exifr, type ExifrOptions } from '../shared/exifr';

const METADATA_LIMITS = {
  /** Bigger headers are cut. */
  maxHeaderBytes: 16 * 1024 * 1024,
  maxXmpBytes: 4 * 1024 * 1024,
  maxTextBytes: 256 * 1024,
  maxTexts: 200,
};

/** exifr output by block (`ifd0`, `xmp`, `iptc`, …). */
export type MetadataBlocks = Record<string, Record<string, unknown>>;

const EXIFR_OPTIONS: ExifrOptions = {
  tiff: true,
  ifd0: {},
  exif: true,
  gps: false,
  interop: false,
  ifd1: false,
  makerNote: false,
  userComment: false,
  xmp: true,
  iptc: true,
  icc: false,
  jfif: false,
  ihdr: true,
  multiSegment: true,
  mergeOutput: false,
  translateKeys: true,
  translateValues: false,
  reviveValues: true,
  sanitize: true,
  silentErrors: true,
};

function asBlocks(out: unknown): MetadataBlocks {
  const blocks: MetadataBlocks = {};
  if (!out || typeof out !== 'object') return blocks;
  for (const [k, v] of Object.entries(out as Record<string, unknown>)) {
    if (v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Uint8Array)) blocks[k] = v as Record<string, unknown>;
  }
  return blocks;
}

function merge(into: MetadataBlocks, from: MetadataBlocks): void {
  for (const [k, v] of Object.entries(from)) into[k] = { ...(into[k] ?? {}), ...v };
}

async function parseBytes(bytes: Uint8Array): Promise<MetadataBlocks> {
  return asBlocks(await exifr.parse(bytes, EXIFR_OPTIONS));
}

async function parseXmp(xmp: Uint8Array): Promise<MetadataBlocks> {
  if (xmp.length > METADATA_LIMITS.maxXmpBytes) return {};
  return asBlocks(await exifr.sidecar(xmp, EXIFR_OPTIONS, 'xmp'));
}

export interface MetadataRead {
  blocks: MetadataBlocks;
  pngText: Record<string, string>;
}

export async function readMetadata(bytes: Uint8Array, format: MediaFormat): Promise<MetadataRead> {
  const blocks: MetadataBlocks = {};
  const pngText: Record<string, string> = {};
  switch (format) {
    case 'jpeg': {
      const walk = walkJpegSegments(bytes);
      const end = walk.headerEnd || (walk.segments.at(-1) ? walk.segments.at(-1)!.offset + walk.segments.at(-1)!.data.length : 0);
      if (end <= 0) break;
      const header = bytes.subarray(0, Math.min(end, METADATA_LIMITS.maxHeaderBytes));
      // exifr wants a complete marker at the end; give it the header plus an EOI.
      const copy = new Uint8Array(header.length + 2);
      copy.set(header);
      copy.set([0xff, 0xd9], header.length);
      merge(blocks, await parseBytes(copy));
      break;
    }
    case 'png': {
      const walk = walkPngChunks(bytes);
      if (walk.end > 8 && walk.end <= METADATA_LIMITS.maxHeaderBytes) merge(blocks, await parseBytes(bytes.subarray(0, walk.end)));
      for (const t of await readPngTexts(walk, METADATA_LIMITS)) {
        if (t.keyword === 'XML:com.adobe.xmp') merge(blocks, await parseXmp(new TextEncoder().encode(t.text)));
        else pngText[t.keyword] ??= t.text;
      }
      break;
    }
    case 'webp':
      for (const c of walkWebpChunks(bytes).chunks) {
        if (c.id === 'EXIF') merge(blocks, await parseBytes(webpExifTiff(c.data)));
        else if (c.id === 'XMP ') merge(blocks, await parseXmp(c.data));
      }
      break;
    case 'avif':
    case 'heic':
    case 'tiff':
      merge(blocks, await parseBytes(bytes));
  }
  return { blocks, pngText };
}
