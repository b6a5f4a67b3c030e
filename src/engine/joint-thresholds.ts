/**
 * Joint calibration of the two photo models (models/joint/README.md). Each model's own thresholds
 * hold its false alarms under target on real photos; when both score the same portrait, "either
 * flags it" could double that, so both signals then carry the pair of thresholds fitted together
 * (models/joint/joint.json). The pair is keyed by model id and version: a retrained model falls
 * back to its own thresholds until the pair is fitted again.
 */
import joint from '../../models/joint/joint.json';
import type { ScoreThresholds, Sensitivity, Signal } from '../shared/types';
import { SENSITIVITIES } from '../shared/types';
import { strengthOf } from './model-runner';

type Role = 'whole-image' | 'face';

const key = (s: Signal) => `${s.detector.slice('model:'.length)}@${s.version}`;

function pairThresholds(role: Role): ScoreThresholds {
  const level = (l: 'likely' | 'uncertain') => Object.fromEntries(SENSITIVITIES.map((s) => [s, joint.thresholds[l][s][role]])) as Record<Sensitivity, number>;
  return { likely: level('likely'), uncertain: level('uncertain') };
}

/** The signals with the joint thresholds applied when both calibrated models scored this picture. */
export function applyJointThresholds(signals: Signal[]): Signal[] {
  const scored = (role: Role) => signals.find((s) => s.outcome === 'score' && s.stage === 'model' && key(s) === joint.models[role]);
  const wi = scored('whole-image');
  const face = scored('face');
  if (!wi || !face) return signals;
  return signals.map((s) => {
    if (s !== wi && s !== face) return s;
    const thresholds = pairThresholds(s === wi ? 'whole-image' : 'face');
    return { ...s, thresholds, strength: strengthOf(s.score!, thresholds) };
  });
}
