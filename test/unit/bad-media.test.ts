/**
 * Bad media, case by case: decompression bombs (tiny file, huge declared size) in every format,
 * metadata bombs, broken containers, wrong content types, truncation at every length. The whole
 * pipeline (analyzeMedia: every byte detector, the Node decoder, pixel detectors) must give a clean
 * outcome each time — never throw, never hang, never allocate what a header claims. The browser
 * decoder's header check (decodeImageInBrowser refuses before createImageBitmap) runs here too.
 */
import { deflateSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { headerSize } from '../../src/engine/decode-browser';
import { decodeImageInBrowser } from '../../src/engine/decode-browser';
import { MediaError } from '../../src/engine/media-errors';
import {
  analyzeBounded,
  concat,
  craftBrokenMp4,
  craftGif,
  craftJpeg,
  craftMp4,
  craftPng,
  craftWebpVp8x,
  expectWellFormed,
  iTXt,
  jpegSegment,
  LIMITS,
  loopingExifApp1,
  makeSeeds,
  pngChunk,
  tEXt,
  xmpApp1,
  zTXt,
} from './helpers/bad-media';

let seeds: Awaited<ReturnType<typeof makeSeeds>>;
beforeAll(async () => {
  seeds = await makeSeeds();
});

const rssMb = () => Math.round(process.memoryUsage().rss / 2 ** 20);

/** Decompression bombs: tiny files whose headers claim far more pixels than the limit. */
function bombs(): { name: string; mime: string; bytes: Uint8Array; w: number; h: number }[] {
  // 20 000 × 20 000 1-bit grey of zeros: 50 MB of rows deflates to ~50 KB.
  const bigRows = new Uint8Array(20_000 * (1 + 2_500));
  return [
    { name: 'png 100000² header, 1-row body', mime: 'image/png', bytes: craftPng(100_000, 100_000, { rows: new Uint8Array(300_001) }), w: 100_000, h: 100_000 },
    { name: 'png 20000² zero bomb (real data)', mime: 'image/png', bytes: craftPng(20_000, 20_000, { bitDepth: 1, colorType: 0, rows: bigRows }), w: 20_000, h: 20_000 },
    { name: 'jpeg SOF 65500²', mime: 'image/jpeg', bytes: craftJpeg(65_500, 65_500), w: 65_500, h: 65_500 },
    { name: 'gif 65535²', mime: 'image/gif', bytes: craftGif(65_535, 65_535), w: 65_535, h: 65_535 },
    { name: 'webp VP8X 16777216²', mime: 'image/webp', bytes: craftWebpVp8x(16_777_216, 16_777_216), w: 16_777_216, h: 16_777_216 },
  ];
}

describe('decompression bombs', () => {
  for (const bomb of bombs()) {
    it(`${bomb.name} (${bomb.bytes.length} bytes) is refused before decoding`, async () => {
      const before = rssMb();
      // Browser path: the header is read and the file refused before createImageBitmap runs.
      expect(headerSize(bomb.bytes)).toMatchObject({ width: bomb.w, height: bomb.h });
      await expect(decodeImageInBrowser(bomb.bytes, bomb.mime, LIMITS)).rejects.toSatisfy((e: unknown) => e instanceof MediaError && e.code === 'too-many-pixels');
      // Node path and every detector: a clean outcome with a decode error, memory flat.
      const out = await analyzeBounded(bomb.bytes, bomb.mime);
      expectWellFormed(out.signals);
      expect(out.signals.find((s) => s.detector === 'decode')?.outcome).toBe('error');
      expect(out.width).toBeUndefined();
      expect(rssMb() - before).toBeLessThan(400);
    });
  }

  it('an AVIF whose ispe box claims 60000² is refused by both decoders', async () => {
    const avif = seeds.find((s) => s.name === 'seed.avif')!.bytes.slice();
    const at = Buffer.from(avif).indexOf('ispe');
    expect(at).toBeGreaterThan(0);
    const v = new DataView(avif.buffer, avif.byteOffset);
    v.setUint32(at + 8, 60_000);
    v.setUint32(at + 12, 60_000);
    expect(headerSize(avif)).toMatchObject({ width: 60_000, height: 60_000 });
    await expect(decodeImageInBrowser(avif, 'image/avif', LIMITS)).rejects.toBeInstanceOf(MediaError);
    const out = await analyzeBounded(avif, 'image/avif');
    expectWellFormed(out.signals);
    expect(out.width === undefined || out.width * (out.height ?? 0) <= LIMITS.maxPixels).toBe(true);
  });
});

describe('metadata bombs', () => {
  const img = (extra: Uint8Array[]) => craftPng(64, 48, { extra });

  it('a PNG with 20 000 text chunks', async () => {
    const chunks = Array.from({ length: 20_000 }, (_, i) => tEXt(`k${i}`, 'x'.repeat(16)));
    const out = await analyzeBounded(img(chunks), 'image/png');
    expectWellFormed(out.signals);
    expect(out.width).toBe(64);
  });

  it('a PNG whose zTXt "parameters" inflates to 256 MB', async () => {
    const bomb = zTXt('parameters', new Uint8Array(256 * 2 ** 20).fill(0x41));
    const before = rssMb();
    const out = await analyzeBounded(img([bomb]), 'image/png');
    expectWellFormed(out.signals);
    expect(rssMb() - before).toBeLessThan(300);
  });

  it('a PNG with a 24 MB XMP iTXt of 200 000 nested elements', async () => {
    const xml = `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description>${'<a>'.repeat(200_000)}${'</a>'.repeat(200_000)}${' '.repeat(22 * 2 ** 20)}</rdf:Description></rdf:RDF></x:xmpmeta>`;
    const out = await analyzeBounded(img([iTXt('XML:com.adobe.xmp', xml)]), 'image/png');
    expectWellFormed(out.signals);
  });

  it('a PNG with 1 000 "parameters" chunks claiming every generator', async () => {
    const chunks = Array.from({ length: 1_000 }, (_, i) => tEXt('parameters', `a photo ${i}\nNegative prompt: x\nSteps: 20, Sampler: Euler, CFG scale: 7, Seed: ${i}, Model: m${i}`));
    const out = await analyzeBounded(img(chunks), 'image/png');
    expectWellFormed(out.signals);
    expect(out.signals.find((s) => s.detector === 'generator-params')?.evidence.length ?? 0).toBeLessThanOrEqual(40);
  });

  it('a JPEG with 1 500 XMP segments and a looping EXIF IFD', async () => {
    const xmp = xmpApp1(
      '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmp:CreatorTool="Midjourney"/></rdf:RDF></x:xmpmeta>',
    );
    const bytes = craftJpeg(64, 48, [loopingExifApp1(), ...Array.from({ length: 1_500 }, () => xmp)]);
    const out = await analyzeBounded(bytes, 'image/jpeg');
    expectWellFormed(out.signals);
  });

  it('a JPEG with 65 KB COM and APP segments of random bytes', async () => {
    const junk = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 7919) & 0xff);
    const segs = [0xe1, 0xe2, 0xeb, 0xed, 0xfe].map((m) => jpegSegment(m, junk(65_000)));
    const out = await analyzeBounded(craftJpeg(64, 48, segs), 'image/jpeg');
    expectWellFormed(out.signals);
  });
});

describe('broken containers and wrong types', () => {
  it('MP4: a box claiming 4 GB, 20 000 zero-size boxes; and a valid tiny MP4', async () => {
    for (const bytes of [craftBrokenMp4(), craftMp4()]) {
      const out = await analyzeBounded(bytes, 'video/mp4');
      expectWellFormed(out.signals);
    }
  });

  it('PNG chunks with lying lengths and bad CRCs', async () => {
    const liar = concat(craftPng(64, 48).subarray(0, 33), Uint8Array.of(0x7f, 0xff, 0xff, 0xff), new TextEncoder().encode('tEXt'), new Uint8Array(40));
    const badCrc = craftPng(64, 48, { extra: [tEXt('parameters', 'Steps: 20')] });
    badCrc[badCrc.length - 30]! ^= 0xff;
    for (const bytes of [liar, badCrc, concat(craftPng(64, 48), pngChunk('IDAT', deflateSync(new Uint8Array(1e6))))]) {
      const out = await analyzeBounded(bytes, 'image/png');
      expectWellFormed(out.signals);
    }
  });

  const junk: [string, Uint8Array][] = [
    ['empty', new Uint8Array(0)],
    ['one byte', Uint8Array.of(0xff)],
    ['html', new TextEncoder().encode('<!doctype html><title>not an image</title>')],
    ['json', new TextEncoder().encode('{"parameters": "Steps: 20, Sampler: Euler"}')],
    ['RIFF only', new TextEncoder().encode('RIFF\xff\xff\xff\xffWEBP')],
    ['GIF header only', new TextEncoder().encode('GIF89a')],
    ['PNG signature only', Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)],
    ['JPEG SOI/EOI only', Uint8Array.of(0xff, 0xd8, 0xff, 0xd9)],
    [
      'SVG with an external image',
      new TextEncoder().encode(
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="64" height="64"><image xlink:href="http://127.0.0.1:9/x.png" width="64" height="64"/></svg>',
      ),
    ],
  ];
  for (const [name, bytes] of junk) {
    for (const mime of ['image/png', 'image/jpeg', 'video/mp4', 'application/octet-stream', '']) {
      it(`${name} labelled "${mime}"`, async () => {
        const out = await analyzeBounded(bytes, mime || undefined);
        expectWellFormed(out.signals);
      });
    }
  }

  it('every seed under a wrong content type', async () => {
    for (const seed of seeds)
      for (const mime of ['image/png', 'image/jpeg', 'image/gif', 'video/mp4', 'text/html']) {
        const out = await analyzeBounded(seed.bytes, mime);
        expectWellFormed(out.signals);
      }
  });

  it('every seed truncated at 64 lengths', async () => {
    let tried = 0;
    for (const seed of seeds) {
      const n = seed.bytes.length;
      for (let k = 0; k < 64; k++) {
        const out = await analyzeBounded(seed.bytes.subarray(0, Math.floor((k * n) / 64)), seed.mime);
        expectWellFormed(out.signals);
        tried++;
      }
    }
    expect(tried).toBe(seeds.length * 64);
  }, 180_000);
});
