/**
 * The content gate: the shipped pixel models are made for photos (camera or generated), so
 * graphics — screenshots, text, charts, UI, flat art — and drawings go to `not-applicable` instead
 * of getting a score that means nothing. Two cheap tests with thresholds fitted by
 * models/gate/fit.py (see models/gate/README.md for what they catch and what they cost):
 * pixel statistics before any model runs, then the whole-image model's own P(drawn picture).
 * Provenance and metadata still count for a gated picture (an AI drawing that says so is flagged).
 */
import params from '../../models/gate/gate.json';
import { msg, type SignalMessage } from '../shared/signal-messages';
import type { Signal } from '../shared/types';
import type { ContentStats } from './content-stats';
import { signalMaker } from './detector';

export const CONTENT_GATE_VERSION = params.version;

export interface ContentGateParams {
  /** A graphic has at least this share of flat points… */
  flat: number;
  /** …and its 8 main colours cover at least this share… */
  palette: number;
  /** …and is either not dark (night photos are flat in the dark)… */
  maxDark: number;
  /** …or, when dark, has text-like hard edges (a dark-mode screenshot). */
  darkEdges: number;
  /** P(drawing) from the whole-image model at or above which a picture is a drawing. */
  drawn: number;
}

export const CONTENT_GATE: ContentGateParams = { flat: params.flat, palette: params.palette, maxDark: params.maxDark, darkEdges: params.darkEdges, drawn: params.drawn };

const signal = signalMaker('content-gate', CONTENT_GATE_VERSION, 'content-gate');
const notApplicable = (evidence: SignalMessage[], explanation: SignalMessage) => signal('not-applicable', 'none', evidence, explanation);
const pct = (v: number) => `${Math.round(v * 100)}%`;

/** A graphic by its pixels (checked before the models run), or undefined. */
export function graphicGate(s: ContentStats, p: ContentGateParams = CONTENT_GATE): Signal | undefined {
  if (!(s.flat >= p.flat && s.palette >= p.palette && (s.dark < p.maxDark || s.edges >= p.darkEdges))) return undefined;
  return notApplicable([msg('sig_cgate_flat', pct(s.flat)), msg('sig_cgate_palette', pct(s.palette))], msg('sig_cgate_graphic'));
}

/** A drawing or illustration by the whole-image model's content output, or undefined. */
export function drawingGate(drawn: number | undefined, p: ContentGateParams = CONTENT_GATE): Signal | undefined {
  if (drawn === undefined || !(drawn >= p.drawn)) return undefined;
  return notApplicable([msg('sig_cgate_drawing', pct(drawn))], msg('sig_cgate_drawn'));
}
