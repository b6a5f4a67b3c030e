/** pHash: recompressed, resized and cropped copies stay close; different pictures stay far apart. */
import sharp, { type Sharp } from 'sharp';
import { describe, expect, test } from 'vitest';
import { colourDistance, hammingDistance, perceptualHash, SAME_MEDIA_MAX_COLOUR, SAME_MEDIA_MAX_DISTANCE, samePictureDistance } from './perceptual-hash';

/** A deterministic picture with structure at several scales (shapes on a gradient). */
function scene(seed: number, w = 640, h = 480): Buffer {
  let s = seed;
  const rnd = () => (s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const shapes: string[] = [];
  for (let i = 0; i < 40; i++) {
    const fill = `rgb(${Math.floor(rnd() * 255)},${Math.floor(rnd() * 255)},${Math.floor(rnd() * 255)})`;
    if (rnd() < 0.5) shapes.push(`<circle cx="${rnd() * w}" cy="${rnd() * h}" r="${10 + rnd() * 90}" fill="${fill}"/>`);
    else shapes.push(`<rect x="${rnd() * w}" y="${rnd() * h}" width="${20 + rnd() * 160}" height="${20 + rnd() * 160}" fill="${fill}"/>`);
  }
  return Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><defs><linearGradient id="g"><stop offset="0" stop-color="#203040"/><stop offset="1" stop-color="#e0d0a0"/></linearGradient></defs><rect width="100%" height="100%" fill="url(#g)"/>${shapes.join('')}</svg>`,
  );
}

async function hashOf(img: Sharp): Promise<string | undefined> {
  const { data, info } = await img.ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return perceptualHash({ width: info.width, height: info.height, data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength) });
}

describe('perceptual hash', () => {
  test('copies of one picture are within the same-media distance', async () => {
    const png = await sharp(scene(1)).png().toBuffer();
    const original = await hashOf(sharp(png));
    expect(original).toMatch(/^[0-9a-f]{22}$/);
    const jpegQ30 = await sharp(png).jpeg({ quality: 30 }).toBuffer();
    const copies = {
      recompressed: await hashOf(sharp(jpegQ30)),
      resized: await hashOf(sharp(png).resize(200)),
      recompressedTwice: await hashOf(sharp(await sharp(jpegQ30).resize(480).webp({ quality: 50 }).toBuffer())),
      cropped: await hashOf(sharp(png).extract({ left: 24, top: 18, width: 592, height: 444 })),
      croppedAndRecompressed: await hashOf(sharp(await sharp(png).extract({ left: 0, top: 20, width: 610, height: 440 }).jpeg({ quality: 60 }).toBuffer())),
    };
    for (const [name, h] of Object.entries(copies)) {
      const d = samePictureDistance(original!, h!)!;
      expect(d, `${name} colour`).toBeDefined();
      if (process.env.DFR_PRINT) console.log(`${name}: ${d} bits`);
      expect(d, `${name}: ${d} bits`).toBeLessThanOrEqual(SAME_MEDIA_MAX_DISTANCE);
    }
  });

  test('different pictures are far apart', async () => {
    const hashes = await Promise.all([2, 3, 4, 5, 6, 7].map((seed) => hashOf(sharp(scene(seed)))));
    for (let i = 0; i < hashes.length; i++) for (let j = i + 1; j < hashes.length; j++) expect(hammingDistance(hashes[i]!, hashes[j]!)).toBeGreaterThan(SAME_MEDIA_MAX_DISTANCE + 4);
  });

  test('the same shapes in another colour are not the same picture (pHash alone is colour-blind)', async () => {
    const svg = scene(9).toString();
    const red = await hashOf(sharp(Buffer.from(svg.replace('<svg ', '<svg style="filter:none" '))).tint({ r: 230, g: 20, b: 20 }));
    const blue = await hashOf(sharp(Buffer.from(svg)).tint({ r: 20, g: 20, b: 230 }));
    expect(samePictureDistance(red!, red!)).toBe(0);
    expect(samePictureDistance(red!, blue!)).toBeUndefined();
    expect(colourDistance(red!, blue!)).toBeGreaterThan(SAME_MEDIA_MAX_COLOUR);
  });

  test('flat pictures get no hash (they would match every other flat picture)', async () => {
    const solid = (r: number, g: number, b: number) => sharp({ create: { width: 200, height: 200, channels: 3, background: { r, g, b } } });
    expect(await hashOf(solid(220, 30, 30))).toBeUndefined();
    expect(await hashOf(solid(30, 30, 220))).toBeUndefined();
    expect(perceptualHash({ width: 4, height: 4, data: new Uint8ClampedArray(64) })).toBeUndefined();
  });

  test('hamming distance', () => {
    expect(hammingDistance('0000000000000000', '000000000000000f')).toBe(4);
    expect(hammingDistance('ffffffffffffffff', '0000000000000000')).toBe(64);
    expect(hammingDistance('zz', '0000000000000000')).toBe(64);
  });
});
