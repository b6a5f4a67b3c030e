/** The model path in Node with onnxruntime-node and the fixture model (a test fixture, not a detector). */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-node';
import { describe, expect, test } from 'vitest';
import type { Pixels } from '../detectors/detector';
import { parseModelCard, type ModelCard } from '../shared/model-card';
import { classifyWholeImage, createModelRunner, outputToScore } from './model-runner';

const dir = new URL('../../test/fixtures/models/fixture-redness/', import.meta.url);
const parsed = parseModelCard(JSON.parse(readFileSync(new URL('model.json', dir), 'utf8')));
if ('errors' in parsed) throw new Error(parsed.errors.join('; '));
const card: ModelCard = parsed.card;
const sha256 = async (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const loadBytes = async () => new Uint8Array(readFileSync(new URL(card.file, dir)));

function solid(r: number, g: number, b: number, w = 64, h = 48): Pixels {
  const data = new Uint8ClampedArray(w * h * 4);
  for (let i = 0; i < w * h; i++) data.set([r, g, b, 255], i * 4);
  return { width: w, height: h, data };
}

describe('model runner', () => {
  test('the fixture card is marked as a fixture', () => {
    expect(card.fixture).toBe(true);
  });

  test('scores follow the card: red high, blue low, grey at the middle', async () => {
    const runner = createModelRunner(card, { ort, loadBytes, sha256 });
    expect(await runner.score(solid(255, 0, 0))).toBeGreaterThan(0.999);
    expect(await runner.score(solid(0, 0, 255))).toBeLessThan(0.001);
    expect(await runner.score(solid(128, 128, 128))).toBeCloseTo(0.5, 5);
    // sigmoid(8 * (153 - 97) / 255)
    expect(await runner.score(solid(153, 60, 97))).toBeCloseTo(1 / (1 + Math.exp((-8 * 56) / 255)), 4);
    await runner.dispose();
    expect(runner.loaded).toBe(false);
  });

  test('a model file that does not match the card sha256 is refused, and the signal says so', async () => {
    const runner = createModelRunner({ ...card, sha256: '0'.repeat(64) }, { ort, loadBytes, sha256 });
    const signal = (await classifyWholeImage(runner, solid(255, 0, 0))).signal;
    expect(signal.outcome).toBe('error');
    expect(signal.evidence.join(' ')).toMatch(/sha256 mismatch/);
  });

  test('concurrent calls are queued and all answered', async () => {
    const runner = createModelRunner(card, { ort, loadBytes, sha256 });
    const scores = await Promise.all([solid(255, 0, 0), solid(0, 0, 255), solid(255, 0, 0)].map((p) => runner.score(p)));
    expect(scores[0]).toBeGreaterThan(0.99);
    expect(scores[1]).toBeLessThan(0.01);
    expect(scores[2]).toBeGreaterThan(0.99);
  });

  test('output kinds and polarity', () => {
    expect(outputToScore([0], { name: 'o', kind: 'sigmoid-logit', synthetic: 'high' })).toBeCloseTo(0.5);
    expect(outputToScore([0.2], { name: 'o', kind: 'probability', synthetic: 'low' })).toBeCloseTo(0.8);
    expect(outputToScore([0, Math.log(3)], { name: 'o', kind: 'softmax', labels: ['real', 'fake'], synthetic: 'fake' })).toBeCloseTo(0.75);
  });
});
