import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseModelCard, type ModelCard } from '../shared/model-card';
import type { Signal } from '../shared/types';
import { applyJointThresholds } from './joint-thresholds';
import { strengthOf } from './model-runner';

const card = (dir: string) => JSON.parse(readFileSync(`models/${dir}/model.json`, 'utf8')) as ModelCard;
const wiCard = card('whole-image');
const faceCard = card('face');
/** The shipped pair, where the engine reads it: the whole-image card. */
const joint = wiCard.joint!;

const sig = (c: ReturnType<typeof card>, score: number, version = c.version): Signal => ({
  detector: `model:${c.id}`,
  version,
  stage: 'model',
  outcome: 'score',
  score,
  thresholds: c.thresholds,
  strength: 'weak',
  evidence: [],
  explanation: '',
});

describe('joint thresholds of the two photo models', () => {
  it('are fitted for the models that ship (retrain one → run models/joint/calibrate.ts)', () => {
    expect(joint.models['whole-image']).toBe(`${wiCard.id}@${wiCard.version}`);
    expect(joint.models.face).toBe(`${faceCard.id}@${faceCard.version}`);
  });

  it('pass the card validator, which rejects a pair with a side missing', () => {
    expect(parseModelCard(wiCard)).toHaveProperty('card');
    const broken = { ...joint, thresholds: { face: joint.thresholds.face } };
    expect(parseModelCard({ ...wiCard, joint: broken })).toHaveProperty('errors');
  });

  it('are never looser than each model’s own thresholds, and uncertain ≤ likely', () => {
    for (const level of ['likely', 'uncertain'] as const)
      for (const s of ['conservative', 'balanced', 'aggressive'] as const) {
        expect(joint.thresholds['whole-image'][level][s]).toBeGreaterThanOrEqual(wiCard.thresholds![level][s]);
        expect(joint.thresholds.face[level][s]).toBeGreaterThanOrEqual(faceCard.thresholds![level][s]);
        expect(joint.thresholds.face.uncertain[s]).toBeLessThanOrEqual(joint.thresholds.face.likely[s]);
      }
  });

  it('apply when both models scored the picture', () => {
    const out = applyJointThresholds([sig(wiCard, 0.5), sig(faceCard, 0.5)], joint);
    expect(out[0]!.thresholds!.likely.balanced).toBe(joint.thresholds['whole-image'].likely.balanced);
    expect(out[1]!.thresholds!.likely.aggressive).toBe(joint.thresholds.face.likely.aggressive);
  });

  it('leave a lone model, an errored partner or another version alone', () => {
    const lone = [sig(wiCard, 0.99)];
    expect(applyJointThresholds(lone, joint)).toEqual(lone);
    const errored = [sig(wiCard, 0.99), { ...sig(faceCard, 0), outcome: 'error' as const, score: undefined }];
    expect(applyJointThresholds(errored, joint)).toEqual(errored);
    const other = [sig(wiCard, 0.99), sig(faceCard, 0.5, '9.9.9')];
    expect(applyJointThresholds(other, joint)).toEqual(other);
  });

  it('recompute strength from the thresholds they apply', () => {
    // 0.999 is strong evidence by the whole-image card alone; the shipped pair leaves portraits to
    // the face model at balanced (whole-image thresholds of 1), so with both it is weak.
    const alone = { ...sig(wiCard, 0.999), strength: strengthOf(0.999, wiCard.thresholds!) };
    expect(alone.strength).toBe('strong');
    const [wi] = applyJointThresholds([alone, sig(faceCard, 0.1)], joint);
    expect(wi!.strength).toBe('weak');
  });
});
