/**
 * The applicability gate: media the models are not made for is `not-applicable`, not scored.
 * Today it judges size only; a content gate (graphics, screenshots, text) joins it with the models.
 */
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
      evidence: [`${width}×${height} px`],
      explanation: `Too small to judge (shorter side under ${minShortSide} px).`,
    };
  }
  return { detector: 'gate', version: GATE_VERSION, outcome: 'none', strength: 'none', evidence: [`${width}×${height} px`], explanation: 'Size is fine for analysis.' };
}

export function pixelGate(pixels: Pixels, minShortSide: number): Signal {
  return sizeGate(pixels.width, pixels.height, minShortSide);
}
