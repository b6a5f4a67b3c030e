/** Time bounds for detectors: a slow parse resolves to a clean timeout instead of hanging the engine. */

export class DetectorTimeout extends Error {
  constructor(ms: number) {
    super(`took longer than ${ms} ms`);
    this.name = 'DetectorTimeout';
  }
}

/**
 * Resolve with `work`, or reject with `DetectorTimeout` after `ms` or when `signal` aborts.
 * Synchronous work inside cannot be interrupted; this bounds how long the caller waits.
 */
export function withDeadline<T>(work: Promise<T>, ms: number, signal?: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new DetectorTimeout(ms)), ms);
    const onAbort = () => reject(signal?.reason ?? new Error('aborted'));
    signal?.addEventListener('abort', onAbort, { once: true });
    const settle = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    };
    work.then(
      (v) => (settle(), resolve(v)),
      (e: unknown) => (settle(), reject(e)),
    );
  });
}
