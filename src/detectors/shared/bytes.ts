/** Small, bounds-checked readers for binary containers. */

export function u16be(b: Uint8Array, p: number): number {
  return ((b[p]! << 8) | b[p + 1]!) >>> 0;
}

export function u32be(b: Uint8Array, p: number): number {
  return ((b[p]! << 24) | (b[p + 1]! << 16) | (b[p + 2]! << 8) | b[p + 3]!) >>> 0;
}

export function u32le(b: Uint8Array, p: number): number {
  return (b[p]! | (b[p + 1]! << 8) | (b[p + 2]! << 16) | (b[p + 3]! << 24)) >>> 0;
}

export function ascii(b: Uint8Array, start: number, length: number): string {
  let s = '';
  const end = Math.min(b.length, start + length);
  for (let i = start; i < end; i++) s += String.fromCharCode(b[i]!);
  return s;
}

/** Index of the first 0 byte at or after `from` (before `end`), or -1. */
export function indexOfZero(b: Uint8Array, from: number, end = b.length): number {
  for (let i = from; i < end; i++) if (b[i] === 0) return i;
  return -1;
}

/** The parts one after another, in one array. */
export function concatBytes(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

const latin1 = new TextDecoder('latin1');
const utf8 = new TextDecoder('utf-8', { fatal: false });

export function decodeLatin1(b: Uint8Array): string {
  return latin1.decode(b);
}

export function decodeUtf8(b: Uint8Array): string {
  return utf8.decode(b);
}

let crcTable: Uint32Array | undefined;

/** CRC-32 (PNG, zlib polynomial). */
export function crc32(parts: Uint8Array[]): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (const part of parts) for (let i = 0; i < part.length; i++) crc = crcTable[(crc ^ part[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
