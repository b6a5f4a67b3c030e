/** `detector: outcome (score)` for each signal that found something. */
export function summarizeSignals(signals: { detector: string; outcome: string; score?: number }[]): string[] {
  return signals
    .filter((s) => !['none', 'not-applicable'].includes(s.outcome))
    .map((s) => `${s.detector}: ${s.outcome}${s.score !== undefined ? ` (${s.score.toFixed(2)})` : ''}`.slice(0, 200))
    .slice(0, 12);
}
