import { msg, signalText, type SignalMessage, type SignalMessageKey } from '../shared/signal-messages';
import type { Signal, SignalOutcome, SignalStrength, Stage } from '../shared/types';
import { errorMessage } from './shared/signal-text';

/** Decoded pixels, RGBA, row-major (same layout as ImageData). */
export interface Pixels {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

/** Bytes are absent when only pixels exist (e.g. a video frame). */
export interface DetectorInput {
  bytes?: Uint8Array;
  mime?: string;
  pixels?: Pixels;
  /** For messages only: detectors never fetch. */
  url?: string;
}

/** A small, pure module (no extension APIs, no network); bad input is an outcome, never a throw. */
export interface Detector {
  id: string;
  version: string;
  stage: Stage;
  needs: 'bytes' | 'pixels';
  run(input: DetectorInput, signal?: AbortSignal): Promise<Signal>;
}

/** One detector's signal builder; it carries the detector's id, version and stage. */
export const signalMaker = (id: string, version: string, stage: Stage) =>
  Object.assign(
    (outcome: SignalOutcome, strength: SignalStrength, evidence: SignalMessage[], explanation: SignalMessage): Signal => ({
      detector: id,
      version,
      stage,
      outcome,
      strength,
      ...signalText(evidence, explanation),
    }),
    { id, version, stage },
  );

/** A detector whose `run` may throw: a failure becomes its own `error` signal, worded by `errorKey`. */
export function guardedDetector(signal: ReturnType<typeof signalMaker>, d: Pick<Detector, 'needs' | 'run'> & { errorKey: SignalMessageKey }): Detector {
  const run: Detector['run'] = (input, abort) => d.run(input, abort).catch((e: unknown) => signal('error', 'none', [msg('sig_error', errorMessage(e))], msg(d.errorKey)));
  return { id: signal.id, version: signal.version, stage: signal.stage, needs: d.needs, run };
}
