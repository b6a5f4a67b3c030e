/** Where the built-in models run and why (issue 8): WebGPU only on a real adapter that matched WASM in a self-test. */
type BackendEp = 'webgpu' | 'wasm';

const BACKEND_REASONS = [
  'webgpu-verified',
  /** Decided when the first model session opens. */
  'pending',
  /** navigator.gpu is missing: the normal case on Firefox background pages. */
  'no-webgpu-api',
  /** requestAdapter() answered null, threw, or did not answer in time. */
  'no-adapter',
  /** A software adapter (SwiftShader, llvmpipe, WARP…): slower than WASM. */
  'fallback-adapter',
  /** The adapter does not say what it is: treated as not real. */
  'unknown-adapter',
  /** The WebGPU runtime needs WebAssembly JSPI. */
  'no-jspi',
  /** Different numbers on the same input, or NaN/Infinity. */
  'self-test-mismatch',
  'self-test-timeout',
  'self-test-failed',
] as const;
type BackendReason = (typeof BACKEND_REASONS)[number];

export interface BackendSelfTest {
  /** Largest |webgpu − wasm| over every output value. */
  maxAbsDiff: number;
  tolerance: number;
  wasm: number[];
  webgpu: number[];
  /** Runtime load, session and one run. */
  webgpuMs: number;
}

export interface BackendChoice {
  ep: BackendEp;
  reason: BackendReason;
  /** English, for logs and the bench (adapter name, error text). */
  detail?: string;
  /** "vendor architecture", as the adapter says. */
  adapter?: string;
  selfTest?: BackendSelfTest;
  /** e2e builds only: a fallback adapter accepted to exercise the WebGPU path. */
  fallbackAccepted?: boolean;
}

/** One line for logs and tests, e.g. "wasm: no real GPU adapter (fallback adapter) [google swiftshader]". */
export function describeBackend(c: BackendChoice): string {
  const why: Record<BackendReason, string> = {
    'webgpu-verified': `${c.fallbackAccepted ? 'fallback adapter accepted (e2e build)' : 'real adapter'}, ${c.selfTest ? `self-test max |Δ| ${c.selfTest.maxAbsDiff.toExponential(1)} ≤ ${c.selfTest.tolerance}` : 'self-test passed'}`,
    pending: 'not decided yet',
    'no-webgpu-api': 'no WebGPU in this context',
    'no-adapter': 'no GPU adapter',
    'fallback-adapter': 'no real GPU adapter (fallback adapter)',
    'unknown-adapter': 'no real GPU adapter (adapter does not identify itself)',
    'no-jspi': 'WebGPU runtime needs WebAssembly JSPI',
    'self-test-mismatch': c.selfTest ? `WebGPU self-test mismatch (max |Δ| ${c.selfTest.maxAbsDiff} > ${c.selfTest.tolerance})` : 'WebGPU self-test mismatch',
    'self-test-timeout': 'WebGPU self-test timed out',
    'self-test-failed': 'WebGPU self-test failed',
  };
  const extra = [c.adapter, c.detail].filter(Boolean).join('; ');
  return `${c.ep}: ${why[c.reason]}${extra ? ` [${extra}]` : ''}`;
}
