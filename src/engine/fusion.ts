/** Many signals → one band: declarations beat models; "nothing found" is `no-evidence`, never "authentic". */
import { bandRank, hasTrustedOrigin, isFlagged, type Band, type Sensitivity, type Signal } from '../shared/types';

/** `reasonKey`: the i18n key of the card's reason sentence. */
export interface Fused {
  band: Band;
  reasonKey: string;
}

export function scoreBand(signal: Signal, sensitivity: Sensitivity): 'likely-synthetic' | 'uncertain' | 'no-evidence' {
  if (signal.outcome !== 'score' || !signal.thresholds || signal.score === undefined || !Number.isFinite(signal.score)) return 'no-evidence';
  if (signal.score >= signal.thresholds.likely[sensitivity]) return 'likely-synthetic';
  if (signal.score >= signal.thresholds.uncertain[sensitivity]) return 'uncertain';
  return 'no-evidence';
}

export const fuseSignals = (signals: Signal[], sensitivity: Sensitivity): Fused => withMemory(signals, fuseDetectors(signals, sensitivity));

/** The memory stage applied to what the media itself gave (a picture's signals, a clip's frames). */
export function withMemory(signals: Signal[], fused: Fused): Fused {
  // The person's own "this is wrong" on this picture (or a copy of it) outranks every detector:
  // "wrong" about any suspicion means "not AI"; "wrong" about "nothing found" means "this is AI".
  const memory = signals.find((s) => s.stage === 'memory')?.memory;
  if (memory?.personVerdict === 'wrong')
    return bandRank(memory.band) <= bandRank('uncertain') ? { band: 'no-evidence', reasonKey: 'reasonPersonSaidWrong' } : { band: 'uncertain', reasonKey: 'reasonPersonSaidAi' };
  // A repost, crop or recompression of a picture flagged before keeps that band even when this copy
  // lost what gave it away (stripped metadata, a watermark cut off).
  if (memory && isFlagged(memory.band) && bandRank(memory.band) < bandRank(fused.band)) return { band: memory.band, reasonKey: 'reasonSeenBefore' };
  return fused;
}

function fuseDetectors(signals: Signal[], sensitivity: Sensitivity): Fused {
  if (signals.some((s) => s.outcome === 'declared-ai')) return { band: 'declared-ai', reasonKey: 'reasonDeclared' };
  if (signals.some((s) => s.stage === 'size-gate' && s.outcome === 'not-applicable')) return { band: 'not-applicable', reasonKey: 'reasonNotApplicable' };

  const scored = signals.filter((s) => s.outcome === 'score');
  const bands = scored.map((s) => scoreBand(s, sensitivity));
  if (bands.includes('likely-synthetic')) {
    return hasTrustedOrigin(signals) ? { band: 'uncertain', reasonKey: 'reasonModelButCredentials' } : { band: 'likely-synthetic', reasonKey: 'reasonModelStrong' };
  }
  if (bands.includes('uncertain')) return { band: 'uncertain', reasonKey: 'reasonModelSome' };
  if (scored.length === 0) {
    if (signals.some((s) => s.stage === 'content-gate' && s.outcome === 'not-applicable')) return { band: 'not-applicable', reasonKey: 'reasonNotPhoto' };
    if (signals.length > 0 && signals.every((s) => s.outcome === 'not-applicable')) return { band: 'not-applicable', reasonKey: 'reasonNotApplicable' };
    return { band: 'no-evidence', reasonKey: 'reasonNoModel' };
  }
  return { band: 'no-evidence', reasonKey: 'reasonNothingFound' };
}
