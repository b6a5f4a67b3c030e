/** Builders for tiny in-memory container files used by the detector unit tests. */
import { concatBytes, crc32 } from '../../../src/detectors/shared/bytes';

export const concat = (...parts: Uint8Array[]): Uint8Array => concatBytes(parts);

export const latin = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0) & 0xff);
export const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

export const PNG_SIGNATURE = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function pngChunk(type: string, data: Uint8Array, badCrc = false): Uint8Array {
  const t = latin(type);
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(t, 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, (crc32([t, data]) ^ (badCrc ? 1 : 0)) >>> 0);
  return out;
}

/** A 1×1 RGB PNG with the given extra chunks before IEND (pixels are irrelevant to byte detectors). */
export function tinyPng(...chunks: Uint8Array[]): Uint8Array {
  const ihdr = pngChunk('IHDR', Uint8Array.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]));
  const idat = pngChunk('IDAT', Uint8Array.from([0x78, 0x9c, 0x63, 0x60, 0x60, 0x60, 0x00, 0x00, 0x00, 0x04, 0x00, 0x01]));
  return concat(PNG_SIGNATURE, ihdr, ...chunks, idat, pngChunk('IEND', new Uint8Array()));
}

export function iTXt(keyword: string, text: string): Uint8Array {
  return pngChunk('iTXt', concat(latin(keyword), Uint8Array.from([0, 0, 0, 0, 0]), utf8(text)));
}

export function tEXt(keyword: string, text: string): Uint8Array {
  return pngChunk('tEXt', concat(latin(`${keyword}\0`), latin(text)));
}

export function xmpPacket(description: string): string {
  return (
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">' +
    '<rdf:Description rdf:about="" xmlns:Iptc4xmpExt="http://iptc.org/std/Iptc4xmpExt/2008-02-29/" ' +
    'xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" ' +
    `${description}</rdf:Description></rdf:RDF></x:xmpmeta>`
  );
}

/** SOI, an APP1 XMP segment, a minimal scan and EOI. */
export function tinyJpegWithXmp(xmp: string): Uint8Array {
  const payload = concat(latin('http://ns.adobe.com/xap/1.0/\0'), utf8(xmp));
  const app1 = concat(Uint8Array.from([0xff, 0xe1, (payload.length + 2) >> 8, (payload.length + 2) & 0xff]), payload);
  const sos = Uint8Array.from([0xff, 0xda, 0, 8, 1, 1, 0, 0, 0x3f, 0, 0x00, 0xff, 0xd9]);
  return concat(Uint8Array.from([0xff, 0xd8]), app1, sos);
}

/** A RIFF/WebP container with the given chunks (after a dummy VP8L chunk). */
export function tinyWebp(chunks: { id: string; data: Uint8Array }[]): Uint8Array {
  const body = [latin('WEBP'), riffChunk('VP8L', Uint8Array.from([0x2f, 0, 0, 0, 0]))];
  for (const c of chunks) body.push(riffChunk(c.id, c.data));
  const inner = concat(...body);
  const head = concat(latin('RIFF'), Uint8Array.from([inner.length & 0xff, (inner.length >> 8) & 0xff, (inner.length >> 16) & 0xff, inner.length >>> 24]));
  return concat(head, inner);
}

function riffChunk(id: string, data: Uint8Array): Uint8Array {
  const size = data.length;
  const out = concat(latin(id), Uint8Array.from([size & 0xff, (size >> 8) & 0xff, (size >> 16) & 0xff, size >>> 24]), data);
  return size & 1 ? concat(out, new Uint8Array(1)) : out;
}

/** SOI, an APP13 Photoshop IRB holding IPTC IIM record-2 datasets, a minimal scan and EOI. */
export function tinyJpegWithIptc(datasets: [number, string][]): Uint8Array {
  const iim = concat(
    ...datasets.map(([tag, value]) => {
      const v = utf8(value);
      return concat(Uint8Array.from([0x1c, 2, tag, v.length >> 8, v.length & 0xff]), v);
    }),
  );
  const padded = iim.length & 1 ? concat(iim, new Uint8Array(1)) : iim;
  const irb = concat(latin('8BIM'), Uint8Array.from([0x04, 0x04, 0, 0]), Uint8Array.from([iim.length >>> 24, (iim.length >> 16) & 0xff, (iim.length >> 8) & 0xff, iim.length & 0xff]), padded);
  const payload = concat(latin('Photoshop 3.0\0'), irb);
  const app13 = concat(Uint8Array.from([0xff, 0xed, (payload.length + 2) >> 8, (payload.length + 2) & 0xff]), payload);
  const sos = Uint8Array.from([0xff, 0xda, 0, 8, 1, 1, 0, 0, 0x3f, 0, 0x00, 0xff, 0xd9]);
  return concat(Uint8Array.from([0xff, 0xd8]), app13, sos);
}
