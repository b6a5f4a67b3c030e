/** A strict PNG chunk walker up to `IEND`: chunks after it (a known spoofing trick) or with a bad CRC never count. */
import { ascii, crc32, decodeLatin1, decodeUtf8, indexOfZero, u32be } from './bytes';
import { inflateBounded } from './inflate';

interface PngChunk {
  type: string;
  data: Uint8Array;
  crcOk: boolean;
}

export interface PngWalk {
  chunks: PngChunk[];
  /** `IEND` reached. */
  complete: boolean;
  /** Just after `IEND`, or where walking stopped. */
  end: number;
  problem?: string;
}

export function walkPngChunks(bytes: Uint8Array, maxChunks = 10_000): PngWalk {
  const chunks: PngChunk[] = [];
  if (bytes.length < 8 || bytes[0] !== 0x89 || ascii(bytes, 1, 7) !== 'PNG\r\n\x1a\n') return { chunks, complete: false, end: 0, problem: 'not a PNG' };
  let p = 8;
  while (p + 12 <= bytes.length) {
    if (chunks.length >= maxChunks) return { chunks, complete: false, end: p, problem: `more than ${maxChunks} chunks` };
    const length = u32be(bytes, p);
    const type = ascii(bytes, p + 4, 4);
    if (!/^[A-Za-z]{4}$/.test(type)) return { chunks, complete: false, end: p, problem: 'corrupt chunk type' };
    const dataStart = p + 8;
    const dataEnd = dataStart + length;
    if (length > 0x7fffffff || dataEnd + 4 > bytes.length) return { chunks, complete: false, end: p, problem: 'truncated chunk' };
    const data = bytes.subarray(dataStart, dataEnd);
    const crcOk = crc32([bytes.subarray(p + 4, p + 8), data]) === u32be(bytes, dataEnd);
    chunks.push({ type, data, crcOk });
    p = dataEnd + 4;
    if (type === 'IEND') return { chunks, complete: true, end: p };
  }
  return { chunks, complete: false, end: p, problem: 'no IEND' };
}

interface PngText {
  keyword: string;
  text: string;
}

/** `tEXt`, `zTXt`, `iTXt` with valid CRCs, decompressed with a size cap. */
export async function readPngTexts(walk: PngWalk, opts: { maxTextBytes: number; maxTexts: number }): Promise<PngText[]> {
  const out: PngText[] = [];
  for (const c of walk.chunks) {
    if (out.length >= opts.maxTexts) break;
    if (!c.crcOk || (c.type !== 'tEXt' && c.type !== 'zTXt' && c.type !== 'iTXt')) continue;
    const d = c.data;
    const nul = indexOfZero(d, 0, Math.min(d.length, 80));
    if (nul < 1) continue;
    const keyword = decodeLatin1(d.subarray(0, nul));
    if (c.type === 'tEXt') {
      if (d.length - nul - 1 > opts.maxTextBytes) continue;
      out.push({ keyword, text: decodeLatin1(d.subarray(nul + 1)) });
    } else if (c.type === 'zTXt') {
      if (d[nul + 1] !== 0) continue; // only deflate is defined
      const raw = await inflateBounded(d.subarray(nul + 2), 'deflate', opts.maxTextBytes);
      if (raw) out.push({ keyword, text: decodeLatin1(raw) });
    } else {
      const compressed = d[nul + 1] === 1;
      const langEnd = indexOfZero(d, nul + 3);
      if (langEnd < 0) continue;
      const transEnd = indexOfZero(d, langEnd + 1);
      if (transEnd < 0) continue;
      const body = d.subarray(transEnd + 1);
      let raw: Uint8Array | null = body;
      if (compressed) raw = d[nul + 2] === 0 ? await inflateBounded(body, 'deflate', opts.maxTextBytes) : null;
      else if (body.length > opts.maxTextBytes) raw = null;
      if (raw) out.push({ keyword, text: decodeUtf8(raw) });
    }
  }
  return out;
}
