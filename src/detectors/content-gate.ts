/**
 * The pixel models are made for photos: graphics and drawings are `not-applicable`, by pixel
 * statistics before any model runs, then by the whole-image model's P(drawing), with thresholds
 * from the card's `contentGate` (models/gate/README.md). Provenance still counts for them.
 */
import type { ContentGateParams } from '../shared/model-card';
import { msg, type SignalMessage } from '../shared/signal-messages';
import type { Signal } from '../shared/types';
import type { ContentStats } from './content-stats';
import { signalMaker } from './detector';

const notApplicable = (p: ContentGateParams, evidence: SignalMessage[], explanation: SignalMessage) =>
  signalMaker('content-gate', p.version, 'content-gate')('not-applicable', 'none', evidence, explanation);
const pct = (v: number) => `${Math.round(v * 100)}%`;

export function graphicGate(s: ContentStats, p: ContentGateParams): Signal | undefined {
  if (!(s.flat >= p.flat && s.palette >= p.palette && (s.dark < p.maxDark || s.edges >= p.darkEdges))) return undefined;
  return notApplicable(p, [msg('sig_cgate_flat', pct(s.flat)), msg('sig_cgate_palette', pct(s.palette))], msg('sig_cgate_graphic'));
}

export function drawingGate(drawn: number | undefined, p: ContentGateParams): Signal | undefined {
  if (drawn === undefined || !(drawn >= p.drawn)) return undefined;
  return notApplicable(p, [msg('sig_cgate_drawing', pct(drawn))], msg('sig_cgate_drawn'));
}
