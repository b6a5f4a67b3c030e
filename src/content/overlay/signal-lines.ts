/** A signal's lines in the person's language from the engine's validated keys (src/shared/signal-messages.ts), else the English strings. */
import { formatSignalMessage, isSignalEvidenceKeys, isSignalMessage, type SignalMessage, type SignalParam } from '../../shared/signal-messages';
import type { Signal } from '../../shared/types';
import { t } from '../../shared/i18n';

/** The localized text of a message, or undefined when this locale lacks one of its keys. */
function localize(m: SignalMessage): string | undefined {
  const params: string[] = [];
  for (const p of (m.params ?? []) as SignalParam[]) {
    if (typeof p === 'string') params.push(p);
    else {
      const inner = t(p.key, ...(p.params ?? []));
      if (inner === p.key) return undefined;
      params.push(inner);
    }
  }
  const text = t(m.key, ...params);
  return text === m.key ? undefined : text;
}

const line = (m: SignalMessage) => localize(m) ?? formatSignalMessage(m);

/** The explanation to show: localized when the signal carries a valid key, else the English one. */
export function signalExplanation(s: Signal): string {
  return s.explanationKey !== undefined && isSignalMessage(s.explanationKey) ? line(s.explanationKey) : s.explanation;
}

/** The evidence lines to show, same order as `evidence`. */
export function signalEvidence(s: Signal): string[] {
  return s.evidenceKeys !== undefined && isSignalEvidenceKeys(s.evidenceKeys) ? s.evidenceKeys.map(line) : s.evidence;
}

type Scored = Signal & { score: number };
export const isScored = (s: Signal): s is Scored => s.outcome === 'score' && s.score !== undefined;
/** "0.91 (strong)". */
export const scoreText = (s: Scored) => t('outcomeScore', s.score.toFixed(2), t(`strength_${s.strength}`));

/** The detector's name in the person's language (a model by its card's name, the first evidence line). */
export function detectorName(s: Signal): string {
  if (s.stage === 'model') return t('detectorModel', s.evidence[0] ?? s.detector.slice(6));
  const name = t(`detector_${s.detector.replace(/[^a-z0-9]/gi, '_')}`);
  return name.startsWith('detector_') ? s.detector : name;
}
