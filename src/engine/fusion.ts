/**
 * Fusion: many signals → one band. Declarations beat models; models need calibrated thresholds;
 * "nothing found" is `no-evidence`, never "authentic".
 */
import { bandRank, isFlagged, type Band, type Sensitivity, type Signal } from '../shared/types';

export interface Fused {
  band: Band;
  /** i18n key of the reason sentence shown on the card. */
  reasonKey: string;
}

/** Where a model score falls at this sensitivity. */
export function scoreBand(signal: Signal, sensitivity: Sensitivity): 'likely-synthetic' | 'uncertain' | 'no-evidence' {
  if (signal.outcome !== 'score' || signal.score === undefined || !signal.thresholds) return 'no-evidence';
  if (!Number.isFinite(signal.score)) return 'no-evidence';
  if (signal.score >= signal.thresholds.likely[sensitivity]) return 'likely-synthetic';
  if (signal.score >= signal.thresholds.uncertain[sensitivity]) return 'uncertain';
  return 'no-evidence';
}

export function fuseSignals(signals: Signal[], sensitivity: Sensitivity): Fused {
  // The person's own "this is wrong" on this picture (or a copy of it) outranks every detector:
  // "wrong" about any suspicion means "not AI"; "wrong" about "nothing found" means "this is AI".
  const memory = signals.find((s) => s.detector === 'memory' && s.memory)?.memory;
  if (memory?.personVerdict === 'wrong')
    return bandRank(memory.band) <= bandRank('uncertain') ? { band: 'no-evidence', reasonKey: 'reasonPersonSaidWrong' } : { band: 'uncertain', reasonKey: 'reasonPersonSaidAi' };
  const fused = fuseDetectors(signals, sensitivity);
  // A repost, crop or recompression of a picture flagged before keeps that band even when this copy
  // lost what gave it away (stripped metadata, a watermark cut off).
  if (memory && isFlagged(memory.band) && bandRank(memory.band) < bandRank(fused.band)) return { band: memory.band, reasonKey: 'reasonSeenBefore' };
  return fused;
}


function fuseDetectors(signals: Signal[], sensitivity: Sensitivity): Fused {
  if (signals.some((s) => s.outcome === 'declared-ai')) return { band: 'declared-ai', reasonKey: 'reasonDeclared' };
  const gate = signals.find((s) => s.detector === 'gate');
  if (gate?.outcome === 'not-applicable') return { band: 'not-applicable', reasonKey: 'reasonNotApplicable' };

  const scored = signals.filter((s) => s.outcome === 'score');
  const bands = scored.map((s) => scoreBand(s, sensitivity));
  // Valid credentials from a *trusted* camera or editor without AI lower suspicion: a model alone
  // cannot call such a file likely-synthetic (DESIGN.md, Signals 1). A self-signed manifest is
  // reported with strength `weak` and must not soften anything, or forging one would be a bypass.
  const trustedOrigin = signals.some((s) => s.detector === 'c2pa' && s.outcome === 'info' && (s.strength === 'strong' || s.strength === 'moderate'));
  if (bands.includes('likely-synthetic')) {
    return trustedOrigin
      ? { band: 'uncertain', reasonKey: 'reasonModelButCredentials' }
      : { band: 'likely-synthetic', reasonKey: 'reasonModelStrong' };
  }
  if (bands.includes('uncertain')) return { band: 'uncertain', reasonKey: 'reasonModelSome' };
  if (scored.length === 0) {
    if (signals.some((s) => s.detector === 'content-gate' && s.outcome === 'not-applicable')) return { band: 'not-applicable', reasonKey: 'reasonNotPhoto' };
    const allNa = signals.length > 0 && signals.every((s) => s.outcome === 'not-applicable');
    if (allNa) return { band: 'not-applicable', reasonKey: 'reasonNotApplicable' };
    return { band: 'no-evidence', reasonKey: 'reasonNoModel' };
  }
  return { band: 'no-evidence', reasonKey: 'reasonNothingFound' };
}
