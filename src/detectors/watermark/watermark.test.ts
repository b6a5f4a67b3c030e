import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listFiles, SHARED_DATA, sharedDataMissing } from '../../../test/unit/helpers/shared-data';
import { decodeNode } from '../../node/decode-node';
import { findKnownWatermark, watermarkDetector } from './index';

const FIXTURES = new URL('../../../test/fixtures/provenance/', import.meta.url);
const FULL = { maxPixels: 100_000_000, maxSide: 100_000 };
const pixelsOf = async (file: string | URL) => decodeNode(new Uint8Array(readFileSync(file)), undefined, FULL);

describe('watermark detector (self-made fixtures, scripts/make-watermark-fixtures.py)', () => {
  it('decodes the SD v1 "StableDiffusionV1" watermark', async () => {
    const s = await watermarkDetector.run({ pixels: await pixelsOf(new URL('wm-sdv1.png', FIXTURES)) });
    expect(s.outcome).toBe('declared-ai');
    expect(s.declaration).toBe('generated');
    expect(s.evidence[0]).toMatch(/Stable Diffusion v1/);
  });

  it('decodes the SDXL 48-bit watermark, in both channel orders', async () => {
    for (const name of ['wm-sdxl.png', 'wm-sdxl-rgb-order.png']) {
      const match = findKnownWatermark(await pixelsOf(new URL(name, FIXTURES)));
      expect(match?.key, name).toBe('sig_wm_sdxl');
      expect(match!.matching / match!.total).toBeGreaterThanOrEqual(0.9);
    }
  });

  it('finds nothing in clean synthetic images', async () => {
    for (const name of ['clean-1.png', 'clean-2.png']) {
      expect((await watermarkDetector.run({ pixels: await pixelsOf(new URL(name, FIXTURES)) })).outcome, name).toBe('none');
    }
  });

  it('is not applicable to small images and missing pixels', async () => {
    expect((await watermarkDetector.run({ pixels: { width: 100, height: 100, data: new Uint8ClampedArray(40_000) } })).outcome).toBe('not-applicable');
    expect((await watermarkDetector.run({})).outcome).toBe('not-applicable');
    expect((await watermarkDetector.run({ pixels: { width: 300, height: 300, data: new Uint8ClampedArray(10) } })).outcome).toBe('not-applicable');
  });
});

const missing = sharedDataMissing('train');

describe.skipIf(!!missing)('watermark detector on real photos (no false positives)', () => {
  it('never reports a watermark on real camera photos', async () => {
    const dirs = ['scenes-imagenet/real', 'scenes-bsds/real', 'scenes-lowlight/real', 'faces-unsplash-tpdne/real', 'faces-ffhq-stylegan/real'];
    const files = dirs.flatMap((d) => listFiles(path.join(SHARED_DATA, 'train', d), /\.(jpe?g|png|webp)$/i));
    const sample = files;
    let checked = 0;
    const hits: string[] = [];
    for (const file of sample) {
      let pixels: Awaited<ReturnType<typeof pixelsOf>>;
      try {
        pixels = await pixelsOf(file);
      } catch {
        continue;
      }
      const s = await watermarkDetector.run({ pixels });
      if (s.outcome === 'not-applicable') continue;
      checked++;
      if (s.outcome !== 'none') hits.push(file);
    }
    console.info(`watermark false-positive check: ${hits.length} hits in ${checked} real photos`);
    expect(checked).toBeGreaterThan(500);
    expect(hits).toEqual([]);
  }, 120_000);
});
