/**
 * e2e builds only (dist/*-e2e): accept a fallback adapter so headless Chromium's SwiftShader WebGPU
 * (--enable-unsafe-webgpu) exercises the WebGPU path, its runtime and its self-test, with time for
 * a software GPU (several seconds a run). Shipped builds never take a fallback adapter.
 */
import type { BackendLimits } from './backend-select';

export const E2E_BACKEND_OVERRIDE: { acceptFallbackAdapter?: boolean; limits?: Partial<BackendLimits> } =
  typeof __DFR_E2E_BUILD__ !== 'undefined' && __DFR_E2E_BUILD__ ? { acceptFallbackAdapter: true, limits: { selfTestTimeoutMs: 120_000 } } : {};
