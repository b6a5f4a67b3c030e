/**
 * Golden preprocessing test: src/engine/preprocess.ts must reproduce the tensors the Python
 * training pipeline computes (models/whole-image/make_golden.py) for a self-made fixture image,
 * including the shipped whole-image card's settings, within 1e-4.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { Pixels } from '../../src/detectors/detector';
import { preprocess } from '../../src/engine/preprocess';
import { parseModelCard, type ModelCard } from '../../src/shared/model-card';

const dir = join(__dirname, '../fixtures/golden');

interface GoldenCase {
  input: ModelCard['input'];
  length: number;
  sum: number;
  sumSq: number;
  indices: number[];
  values: number[];
}

/** Reads the fixture: 8-bit RGB, non-interlaced, every row filter 0 (make_golden.py writes it so). */
function readFixturePng(bytes: Buffer): Pixels {
  let off = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  while (off < bytes.length) {
    const len = bytes.readUInt32BE(off);
    const type = bytes.toString('latin1', off + 4, off + 8);
    const body = bytes.subarray(off + 8, off + 8 + len);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      if (body[8] !== 8 || body[9] !== 2 || body[12] !== 0) throw new Error('fixture must be 8-bit RGB, non-interlaced');
    } else if (type === 'IDAT') idat.push(body);
    off += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    if (raw[row] !== 0) throw new Error('fixture rows must use PNG filter 0');
    for (let x = 0; x < width; x++) {
      for (let c = 0; c < 3; c++) data[(y * width + x) * 4 + c] = raw[row + 1 + x * 3 + c]!;
      data[(y * width + x) * 4 + 3] = 255;
    }
  }
  return { width, height, data };
}

const golden = JSON.parse(readFileSync(join(dir, 'preprocess-golden.json'), 'utf8')) as {
  width: number;
  height: number;
  cases: Record<string, GoldenCase>;
};
const pixels = readFixturePng(readFileSync(join(dir, 'preprocess-fixture.png')));

describe('preprocess matches the Python training preprocessing', () => {
  it('decodes the fixture at its recorded size', () => {
    expect([pixels.width, pixels.height]).toEqual([golden.width, golden.height]);
  });

  for (const [name, g] of Object.entries(golden.cases)) {
    it(name, () => {
      const out = preprocess(pixels, g.input);
      expect(out.length).toBe(g.length);
      for (const [k, i] of g.indices.entries()) expect(Math.abs(out[i]! - g.values[k]!)).toBeLessThan(1e-4);
      let sum = 0;
      let sumSq = 0;
      for (const v of out) {
        sum += v;
        sumSq += v * v;
      }
      // Sums over up to 150k elements: compare per element on average.
      expect(Math.abs(sum - g.sum) / g.length).toBeLessThan(1e-4);
      expect(Math.abs(sumSq - g.sumSq) / g.length).toBeLessThan(1e-4);
    });
  }

  it('the shipped whole-image card is valid, matches its model file and the golden settings', () => {
    const modelDir = join(__dirname, '../../models/whole-image');
    const parsed = parseModelCard(JSON.parse(readFileSync(join(modelDir, 'model.json'), 'utf8')));
    if ('errors' in parsed) throw new Error(parsed.errors.join('; '));
    const { card } = parsed;
    expect(
      createHash('sha256')
        .update(readFileSync(join(modelDir, card.file)))
        .digest('hex'),
    ).toBe(card.sha256);
    expect(card.input).toEqual(golden.cases['whole-image-card']!.input);
  });
});
