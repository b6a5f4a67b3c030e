/** Our time on the page's main thread; the benchmark reads it through `tab:stats` (budget: < 2 ms per media item). */
let totalMs = 0;

export function timed<T>(fn: () => T): T {
  const started = performance.now();
  try {
    return fn();
  } finally {
    totalMs += performance.now() - started;
  }
}

export function mainThreadMs(): number {
  return totalMs;
}
