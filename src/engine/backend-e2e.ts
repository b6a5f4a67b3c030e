/** e2e builds only: headless Chromium's SwiftShader WebGPU exercises the WebGPU path, with time for a software GPU. Shipped builds never take a fallback adapter. */
import type { BackendLimits } from './backend-select';

export const E2E_BACKEND_OVERRIDE: { acceptFallbackAdapter?: boolean; limits?: Partial<BackendLimits> } =
  typeof __DFR_E2E_BUILD__ !== 'undefined' && __DFR_E2E_BUILD__ ? { acceptFallbackAdapter: true, limits: { selfTestTimeoutMs: 120_000 } } : {};
