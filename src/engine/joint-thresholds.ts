/**
 * Joint calibration of the two photo models (models/joint/README.md). Each model's own thresholds
 * hold its false alarms under target on real photos; when both score the same portrait, "either
 * flags it" could double that, so both signals then carry the pair of thresholds fitted together
 * (the whole-image card's `joint`, written by models/joint/calibrate.ts). The pair is keyed by model
 * id and version: a retrained model falls back to its own thresholds until the pair is fitted again.
 */
import type { JointRole, JointThresholds } from '../shared/model-card';
import type { Signal } from '../shared/types';
import { strengthOf } from './model-runner';

const key = (s: Signal) => `${s.detector.slice('model:'.length)}@${s.version}`;

/** The signals with the joint thresholds applied when both calibrated models scored this picture. */
export function applyJointThresholds(signals: Signal[], joint: JointThresholds | undefined): Signal[] {
  if (!joint) return signals;
  const scored = (role: JointRole) => signals.find((s) => s.outcome === 'score' && s.stage === 'model' && key(s) === joint.models[role]);
  const wi = scored('whole-image');
  const face = scored('face');
  if (!wi || !face) return signals;
  return signals.map((s) => {
    if (s !== wi && s !== face) return s;
    const thresholds = joint.thresholds[s === wi ? 'whole-image' : 'face'];
    return { ...s, thresholds, strength: strengthOf(s.score!, thresholds) };
  });
}
