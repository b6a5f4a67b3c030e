/**
 * The shipped face detector (models/face-detector) through the engine's own runner in Node:
 * it finds the face in real face photos from ../shared/data and none in a flat image.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { createFaceDetector } from '../../src/engine/face-runner';
import { decodeNode } from '../../src/node/decode-node';
import { findModelCards } from '../../src/node/node-models';

const DATA = path.resolve('../shared/data/train');
const LIMITS = { maxPixels: 50_000_000, maxSide: 2048 };

function detector() {
  const m = findModelCards('models').find((x) => x.card.task === 'face-detector')!;
  return createFaceDetector(m.card, {
    ort,
    sha256: async (b) => createHash('sha256').update(b).digest('hex'),
    loadBytes: async () => new Uint8Array(readFileSync(path.join(m.dir, m.card.file))),
    sessionOptions: { intraOpNumThreads: 1 },
  });
}

describe('face detector in Node', () => {
  it('finds no face in a flat grey picture', async () => {
    const det = detector();
    const data = new Uint8ClampedArray(300 * 200 * 4).fill(128);
    expect(await det.detect({ width: 300, height: 200, data })).toEqual([]);
    await det.dispose();
  });

  const folders = ['faces-unsplash-tpdne/real', 'faces-ffhq-stylegan/real', 'faces-photoshop/real'];
  it.skipIf(!existsSync(DATA))('finds one central face in real face photos (needs ../shared/data)', async () => {
    const det = detector();
    for (const f of folders) {
      for (const name of readdirSync(path.join(DATA, f)).sort().slice(0, 3)) {
        const px = await decodeNode(new Uint8Array(readFileSync(path.join(DATA, f, name))), undefined, LIMITS);
        const faces = await det.detect(px);
        expect(faces.length, `${f}/${name}`).toBeGreaterThanOrEqual(1);
        const best = faces[0]!;
        // The face covers a good part of these portrait crops and sits near the middle.
        expect(best.width / px.width).toBeGreaterThan(0.2);
        expect(Math.abs(best.x + best.width / 2 - px.width / 2) / px.width).toBeLessThan(0.25);
      }
    }
    await det.dispose();
  });
});
