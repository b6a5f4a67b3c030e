/** `work`, or a `DetectorTimeout` rejection after `ms` or on abort. Bounds the wait, not synchronous work inside. */
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
