/** "Check more closely" (issue 16): one picture through the bigger on-demand model, behind the same gates as the quick check. */
import type { Pixels } from '../detectors/detector';
import { drawingGate, graphicGate } from '../detectors/content-gate';
import { contentStats } from '../detectors/content-stats';
import { pixelGate } from '../detectors/gate';
import type { ModelCard } from '../shared/model-card';
import type { CloserLookFigures, CloserLookResult } from '../shared/protocol';
import type { Sensitivity } from '../shared/types';
import { scoreBand } from './fusion';
import { modelErrorSignal, modelScoreSignal, type ModelRunner } from './model-runner';

export interface CloserLookDeps {
  closer: ModelRunner;
  /** The quick whole-image model: its content output says whether the picture is drawn. */
  gateModel?: ModelRunner;
  minShortSide: number;
  sensitivity: Sensitivity;
}

const num = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

/** The card's own leave-one-source-out figures at `sensitivity` (models/closer-look/metrics.json), when it has them. */
export function closerLookFigures(card: ModelCard, sensitivity: Sensitivity): CloserLookFigures | undefined {
  const m = card.metrics ?? {};
  const ai = (m.aiFlagged as Record<string, unknown> | undefined)?.[sensitivity];
  const real = (m.realFlagged as Record<string, unknown> | undefined)?.[sensitivity];
  return num(m.pooledAuc) && num(ai) && num(real) && num(m.sources) ? { pooledAuc: m.pooledAuc, aiFlagged: ai, realFlagged: real, sources: m.sources } : undefined;
}

export async function closerLook(pixels: Pixels, deps: CloserLookDeps): Promise<CloserLookResult> {
  const { closer, gateModel, sensitivity } = deps;
  const figures = closerLookFigures(closer.card, sensitivity);
  // A picture the quick check would not judge is not judged more closely either.
  const size = pixelGate(pixels, deps.minShortSide);
  if (size.outcome === 'not-applicable') return { band: 'not-applicable', signal: size, figures };
  const gate = gateModel?.card.contentGate;
  const graphic = gate && graphicGate(contentStats(pixels), gate);
  if (graphic) return { band: 'not-applicable', signal: graphic, figures };
  try {
    const drawing = gate && gateModel && drawingGate((await gateModel.classify(pixels)).drawn, gate);
    if (drawing) return { band: 'not-applicable', signal: drawing, figures };
    const signal = modelScoreSignal(closer.card, await closer.score(pixels));
    return { band: scoreBand(signal, sensitivity), signal, figures };
  } catch (e) {
    return { band: 'no-evidence', signal: modelErrorSignal(closer.card, e), figures };
  }
}
