/** The size gate: media too small to judge is `not-applicable`, not scored. */
import { msg } from '../shared/signal-messages';
import type { Signal } from '../shared/types';
import { signalMaker, type Pixels } from './detector';

const signal = signalMaker('gate', '1', 'size-gate');

export function pixelGate({ width, height }: Pixels, minShortSide: number): Signal {
  const size = msg('sig_pixelSize', String(width), String(height));
  return Math.min(width, height) >= minShortSide ? signal('none', 'none', [size], msg('sig_gate_ok')) : signal('not-applicable', 'none', [size], msg('sig_gate_small', String(minShortSide)));
}
