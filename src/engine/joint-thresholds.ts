/**
 * When both photo models score a picture, "either flags it" could double their false alarms, so both
 * signals then carry the thresholds fitted together (the whole-image card's `joint`, models/joint/README.md).
 * Keyed by model id and version: a retrained model keeps its own thresholds until the pair is refitted.
 */
import type { JointRole, JointThresholds } from '../shared/model-card';
import type { Signal } from '../shared/types';
import { strengthOf } from './model-runner';

const key = (s: Signal) => `${s.detector.slice('model:'.length)}@${s.version}`;

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
