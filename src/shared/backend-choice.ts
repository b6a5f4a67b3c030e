/**
 * Which execution provider the engine's built-in models run on, and why (issue 8): WebGPU only on a
 * real adapter whose numbers matched WASM in a self-test; WASM otherwise. Shared so the popup and the
 * bench can show the decision; the engine makes it (src/engine/backend-select.ts).
 */
export type BackendEp = 'webgpu' | 'wasm';

export const BACKEND_REASONS = [
  /** A real adapter, and the self-test's numbers matched WASM within the tolerance. */
  'webgpu-verified',
  /** Not decided yet: decided when the first model session opens. */
  'pending',
  /** navigator.gpu is missing (Firefox background pages, older browsers, WebGPU switched off). */
  'no-webgpu-api',
  /** requestAdapter() answered null, threw, or did not answer in time. */
  'no-adapter',
  /** A fallback/software adapter (SwiftShader, llvmpipe, WARP…): slower than WASM and not a GPU. */
  'fallback-adapter',
  /** The adapter does not say what it is: treated as not real. */
  'unknown-adapter',
  /** The bundled WebGPU runtime needs WebAssembly JSPI (WebAssembly.Suspending), which is missing. */
  'no-jspi',
  /** WebGPU and WASM gave different numbers on the same input (or WebGPU gave NaN/Infinity). */
  'self-test-mismatch',
  /** The self-test did not finish in time (a hung or very slow GPU). */
  'self-test-timeout',
  /** The self-test threw (runtime failed to load, session failed to open, device lost…). */
  'self-test-failed',
] as const;
export type BackendReason = (typeof BACKEND_REASONS)[number];

export interface BackendSelfTest {
  /** Largest |webgpu − wasm| over every output value of the model (its logit, and its content output where it has one). */
  maxAbsDiff: number;
  tolerance: number;
  wasm: number[];
  webgpu: number[];
  /** Time of the WebGPU part (runtime load, session, one run), ms. */
  webgpuMs: number;
}

export interface BackendChoice {
  ep: BackendEp;
  reason: BackendReason;
  /** Technical detail in English for logs and the bench (adapter name, error text); never shown alone. */
  detail?: string;
  /** The adapter as it describes itself ("vendor architecture"), when there was one. */
  adapter?: string;
  selfTest?: BackendSelfTest;
  /** Set in e2e builds only, when a fallback adapter was accepted to exercise the WebGPU path. */
  fallbackAccepted?: boolean;
}

/** One line for logs, the bench and tests, e.g. "wasm: no real GPU adapter (fallback adapter: google swiftshader)". */
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
