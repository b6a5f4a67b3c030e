/**
 * The shipped closer-look model through the product's Node path (sharp decoding, src/engine/preprocess.ts
 * at 299², onnxruntime-node, uint8 weights) scores the demo pictures as the float32 PyTorch graph
 * it was calibrated with does (models/closer-look/golden.json, `closer.py golden`), within 0.002 (the uint8 weights are nsfwjs' own codes: exact).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeNode } from '../../src/node/decode-node';
import { createNodeRunner, loadModelCard } from '../../src/node/node-models';
import { DECODE_LIMITS } from '../../src/engine/pipeline';

const ROOT = join(__dirname, '../..');
const model = loadModelCard(join(ROOT, 'models/closer-look'));
const golden = JSON.parse(readFileSync(join(ROOT, 'models/closer-look/golden.json'), 'utf8')) as { model: string; scores: Record<string, number> };

describe('closer-look model in Node', () => {
  it('the golden scores are of the shipped file', () => {
    expect(model.card.task).toBe('closer-look');
    expect(golden.model).toBe(model.card.sha256);
  });

  it('scores every demo picture as PyTorch does, within 0.002', async () => {
    const runner = createNodeRunner(model, 2);
    try {
      for (const [file, expected] of Object.entries(golden.scores)) {
        const bytes = new Uint8Array(readFileSync(join(ROOT, 'demo/media', file)));
        const score = await runner.score(await decodeNode(bytes, undefined, DECODE_LIMITS));
        expect(Math.abs(score - expected), `${file}: ${score} vs ${expected}`).toBeLessThan(0.002);
      }
      // The demo's AI picture is likely AI for the closer look at every sensitivity.
      expect(golden.scores['neon-drive-sana.jpg']).toBeGreaterThanOrEqual(model.card.thresholds.likely.conservative);
    } finally {
      await runner.dispose();
    }
  });
});
