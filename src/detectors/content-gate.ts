/**
 * The content gate: the shipped pixel models are made for photos (camera or generated), so
 * graphics — screenshots, text, charts, UI, flat art — and drawings go to `not-applicable` instead
 * of getting a score that means nothing. Two cheap tests with thresholds fitted by
 * models/gate/fit.py into the whole-image model card's `contentGate` (models/gate/README.md says
 * what they catch and what they cost):
 * pixel statistics before any model runs, then the whole-image model's own P(drawn picture).
 * Provenance and metadata still count for a gated picture (an AI drawing that says so is flagged).
 */
import type { ContentGateParams } from '../shared/model-card';
import { msg, type SignalMessage } from '../shared/signal-messages';
import type { Signal } from '../shared/types';
import type { ContentStats } from './content-stats';
import { signalMaker } from './detector';

const notApplicable = (p: ContentGateParams, evidence: SignalMessage[], explanation: SignalMessage) =>
  signalMaker('content-gate', p.version, 'content-gate')('not-applicable', 'none', evidence, explanation);
const pct = (v: number) => `${Math.round(v * 100)}%`;

/** A graphic by its pixels (checked before the models run), or undefined. */
export function graphicGate(s: ContentStats, p: ContentGateParams): Signal | undefined {
  if (!(s.flat >= p.flat && s.palette >= p.palette && (s.dark < p.maxDark || s.edges >= p.darkEdges))) return undefined;
  return notApplicable(p, [msg('sig_cgate_flat', pct(s.flat)), msg('sig_cgate_palette', pct(s.palette))], msg('sig_cgate_graphic'));
}

/** A drawing or illustration by the whole-image model's content output, or undefined. */
export function drawingGate(drawn: number | undefined, p: ContentGateParams): Signal | undefined {
  if (drawn === undefined || !(drawn >= p.drawn)) return undefined;
  return notApplicable(p, [msg('sig_cgate_drawing', pct(drawn))], msg('sig_cgate_drawn'));
}
