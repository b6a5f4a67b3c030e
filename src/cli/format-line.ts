/** One line per scanned file, for people (plain text) or for tools (one JSON object per line). */
import { plainText } from '../detectors/shared/signal-text';
import type { Band, FrameEvidence, Signal } from '../shared/types';

export interface ScanResult {
  path: string;
  band: Band;
  reasonKey: string;
  signals: Signal[];
  /** Videos and animated images: each sampled frame's band and score. */
  frames?: FrameEvidence[];
  contentHash?: string;
  width?: number;
  height?: number;
  bytes: number;
  ms: number;
  error?: string;
}

/** Signals worth printing: anything found, invalid or failed; plain "nothing found" is shortened. */
function describeSignal(s: Signal): string | undefined {
  const gate = s.stage === 'size-gate' || s.stage === 'content-gate';
  if (gate && s.outcome !== 'not-applicable') return undefined;
  if (s.outcome === 'none' || (s.outcome === 'not-applicable' && !gate)) return undefined;
  const head = `${s.detector}: ${s.outcome}${s.declaration ? ` (${s.declaration})` : ''}${s.outcome === 'score' && s.score !== undefined ? ` ${s.score.toFixed(3)}` : ''}`;
  const evidence = s.evidence.map((e) => plainText(e, 200)).filter(Boolean);
  return evidence.length ? `${head} [${evidence.join('; ')}]` : head;
}

export function formatLine(r: ScanResult): string {
  if (r.error) return `${'error'.padEnd(14)} ${r.path}  ${plainText(r.error, 200)}`;
  const found = r.signals.map(describeSignal).filter((x): x is string => !!x);
  const quiet = r.signals.filter((s) => s.outcome === 'none' && s.stage !== 'size-gate').map((s) => s.detector);
  const parts = [...found, ...(quiet.length ? [`nothing found: ${[...new Set(quiet)].join(', ')}`] : [])];
  return `${r.band.padEnd(14)} ${r.path}  ${parts.join(' | ')}`;
}
