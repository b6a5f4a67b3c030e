/**
 * Time bounds for detectors, so a slow parse ends in a clean timeout instead of hanging the engine:
 * resolve with `work`, or reject with a `DetectorTimeout` error after `ms` or when `signal` aborts.
 * Synchronous work inside cannot be interrupted; this bounds how long the caller waits.
 */
export function withDeadline<T>(work: Promise<T>, ms: number, signal?: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(Object.assign(new Error(`took longer than ${ms} ms`), { name: 'DetectorTimeout' })), ms);
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
