/** Fewer analyses at once on a low battery, and model sessions (tens of MB each) released when idle. */
import type { ModelRunner } from './model-runner';

export interface Battery extends EventTarget {
  charging: boolean;
  level: number;
}

export const GOVERNOR_LIMITS = {
  /** Analyses running at once; the rest wait their turn (memory stays flat on busy pages). */
  concurrency: 2,
  /** On battery below this level, one analysis at a time. */
  lowBattery: 0.2,
  /** Model sessions are released after this long without work (they reload in ~100 ms). */
  idleReleaseMs: 5 * 60_000,
  checkEveryMs: 30_000,
};

export function startGovernor(runners: () => ModelRunner[], signal: AbortSignal, getBattery?: () => Promise<Battery>) {
  let onLowBattery = false;
  let lastWork = Date.now();
  void getBattery?.()
    .then((b) => {
      const update = () => (onLowBattery = !b.charging && b.level < GOVERNOR_LIMITS.lowBattery);
      update();
      for (const type of ['chargingchange', 'levelchange']) b.addEventListener(type, update, { signal });
    })
    .catch(() => undefined);
  const timer = setInterval(() => {
    if (Date.now() - lastWork < GOVERNOR_LIMITS.idleReleaseMs) return;
    for (const r of runners()) if (r.loaded) void r.dispose();
  }, GOVERNOR_LIMITS.checkEveryMs);
  signal.addEventListener('abort', () => clearInterval(timer), { once: true });
  return {
    concurrency: () => (onLowBattery ? 1 : GOVERNOR_LIMITS.concurrency),
    /** Work just happened: sessions stay loaded. */
    touch: () => void (lastWork = Date.now()),
  };
}
