/**
 * The applicability gate: media the models are not made for is `not-applicable`, not scored.
 * This one judges size; the content gate (content-gate.ts) judges what the picture shows.
 */
import { msg, signalText } from '../shared/signal-messages';
import type { Signal } from '../shared/types';
import type { Pixels } from './detector';

export const GATE_VERSION = '1';

export function sizeGate(width: number, height: number, minShortSide: number): Signal {
  const short = Math.min(width, height);
  if (!(short >= minShortSide)) {
    return {
      detector: 'gate',
      version: GATE_VERSION,
      outcome: 'not-applicable',
      strength: 'none',
      ...signalText([msg('sig_pixelSize', String(width), String(height))], msg('sig_gate_small', String(minShortSide))),
    };
  }
  return { detector: 'gate', version: GATE_VERSION, outcome: 'none', strength: 'none', ...signalText([msg('sig_pixelSize', String(width), String(height))], msg('sig_gate_ok')) };
}

export function pixelGate(pixels: Pixels, minShortSide: number): Signal {
  return sizeGate(pixels.width, pixels.height, minShortSide);
}
