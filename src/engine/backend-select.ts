/** The built-in models' execution provider (issue 8): WebGPU only on a real adapter that passes a numeric self-test against WASM; otherwise WASM, with the reason. */
import type { BackendChoice, BackendSelfTest } from '../shared/backend-choice';
import type { Pixels } from '../detectors/detector';
import { errorMessage } from '../detectors/shared/signal-text';

export const BACKEND_LIMITS = {
  /**
   * Largest |webgpu − wasm| on any output value: moves the score (a sigmoid) by ≤ 2.5e-3, a tenth of
   * the smallest gap between the card's thresholds (0.027); float32 reordering gives ~1e-6 (measured on
   * SwiftShader), a broken kernel whole units (JSEP build: −1.17 instead of 2.48).
   */
  tolerance: 1e-2,
  adapterTimeoutMs: 3_000,
  /** Runtime load + session + one run on each provider; a real GPU takes about a second. */
  selfTestTimeoutMs: 10_000,
};
export type BackendLimits = typeof BACKEND_LIMITS;

/** The parts of GPUAdapter we read (older Chrome had isFallbackAdapter on the adapter, not its info). */
export interface AdapterLike {
  isFallbackAdapter?: boolean;
  info?: { vendor?: string; architecture?: string; device?: string; description?: string; isFallbackAdapter?: boolean };
}
export interface GpuLike {
  requestAdapter(options?: { powerPreference?: 'high-performance' | 'low-power' }): Promise<AdapterLike | null>;
}

const SOFTWARE_ADAPTER = /swiftshader|llvmpipe|lavapipe|softpipe|software|basic render|\bwarp\b/i;

/** Real GPU or not, from what the adapter says about itself. */
export function classifyAdapter(adapter: AdapterLike): { real: true; label: string } | { real: false; reason: 'fallback-adapter' | 'unknown-adapter'; label: string } {
  const info = adapter.info ?? {};
  const label = [info.vendor, info.architecture, info.device, info.description].filter((s) => s?.trim()).join(' ');
  if (adapter.isFallbackAdapter === true || info.isFallbackAdapter === true) return { real: false, reason: 'fallback-adapter', label: label || 'fallback' };
  if (SOFTWARE_ADAPTER.test(label)) return { real: false, reason: 'fallback-adapter', label };
  if (!info.vendor?.trim() && !info.architecture?.trim()) return { real: false, reason: 'unknown-adapter', label: label || 'no vendor or architecture' };
  return { real: true, label };
}

/** Every value finite on both sides, and max |Δ| within the tolerance. */
export function compareOutputs(wasm: ArrayLike<number>, webgpu: ArrayLike<number>, tolerance: number): { ok: boolean; maxAbsDiff: number } {
  if (wasm.length === 0 || wasm.length !== webgpu.length) return { ok: false, maxAbsDiff: Infinity };
  let maxAbsDiff = 0;
  for (let i = 0; i < wasm.length; i++) {
    const a = wasm[i]!;
    const b = webgpu[i]!;
    if (!Number.isFinite(a) || !Number.isFinite(b)) return { ok: false, maxAbsDiff: Infinity };
    maxAbsDiff = Math.max(maxAbsDiff, Math.abs(a - b));
  }
  return { ok: maxAbsDiff <= tolerance, maxAbsDiff };
}

export class TimeoutError extends Error {}

/** Like `p`, or a TimeoutError after `ms` (p keeps running; its result is ignored). */
export function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new TimeoutError(`${what} took over ${ms} ms`)), ms)));
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/** The self-test's fixed picture: smooth gradients (as in photos) plus a hashed speckle (every channel and position differs). */
export function selfTestPixels(width: number, height: number): Pixels {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const speckle = (Math.imul((x * 73_856_093) ^ (y * 19_349_663), 2_654_435_761) >>> 24) & 63;
      data[i] = ((x * 255) / width + speckle) & 255;
      data[i + 1] = ((y * 255) / height + 2 * speckle) & 255;
      data[i + 2] = (((x + y) * 127) / (width + height) + 3 * speckle) & 255;
      data[i + 3] = 255;
    }
  return { width, height, data };
}

type SelfTestOutputs = { wasm: ArrayLike<number>; webgpu: ArrayLike<number>; webgpuMs: number };

export interface BackendSelectDeps {
  gpu: GpuLike | undefined;
  /** Whether the WebGPU runtime can load here ('Suspending' in WebAssembly for the JSPI build). */
  hasJspi: boolean;
  /** The fixed input through the self-test model on WASM and on WebGPU with this adapter. */
  selfTest(adapter: AdapterLike): Promise<SelfTestOutputs>;
  /** e2e builds only: accept a fallback adapter, to exercise the WebGPU path on SwiftShader. */
  acceptFallbackAdapter?: boolean;
  limits?: Partial<BackendLimits>;
}

const wasm = (reason: BackendChoice['reason'], extra: Partial<BackendChoice> = {}): BackendChoice => ({ ep: 'wasm', reason, ...extra });

/** Never throws: every failure is a WASM choice with its reason. */
export async function chooseBackend(deps: BackendSelectDeps): Promise<{ choice: BackendChoice; adapter?: AdapterLike }> {
  const limits = { ...BACKEND_LIMITS, ...deps.limits };
  if (!deps.gpu || typeof deps.gpu.requestAdapter !== 'function') return { choice: wasm('no-webgpu-api') };
  let adapter: AdapterLike | null;
  try {
    // Low power: an integrated GPU is ample for 224×224 models, and a discrete one costs battery.
    adapter = await withTimeout(deps.gpu.requestAdapter({ powerPreference: 'low-power' }), limits.adapterTimeoutMs, 'requestAdapter');
  } catch (e) {
    return { choice: wasm('no-adapter', { detail: errorMessage(e) }) };
  }
  if (!adapter) return { choice: wasm('no-adapter') };
  const kind = classifyAdapter(adapter);
  if (!kind.real && !(deps.acceptFallbackAdapter && kind.reason === 'fallback-adapter')) return { choice: wasm(kind.reason, { adapter: kind.label }) };
  const about = { adapter: kind.label, ...(kind.real ? {} : { fallbackAccepted: true }) };
  if (!deps.hasJspi) return { choice: wasm('no-jspi', about) };
  let out: SelfTestOutputs;
  try {
    out = await withTimeout(deps.selfTest(adapter), limits.selfTestTimeoutMs, 'WebGPU self-test');
  } catch (e) {
    return { choice: wasm(e instanceof TimeoutError ? 'self-test-timeout' : 'self-test-failed', { ...about, detail: errorMessage(e) }) };
  }
  const { ok, maxAbsDiff } = compareOutputs(out.wasm, out.webgpu, limits.tolerance);
  const selfTest: BackendSelfTest = { maxAbsDiff, tolerance: limits.tolerance, wasm: Array.from(out.wasm), webgpu: Array.from(out.webgpu), webgpuMs: Math.round(out.webgpuMs) };
  if (!ok) return { choice: wasm('self-test-mismatch', { ...about, selfTest }) };
  return { choice: { ep: 'webgpu', reason: 'webgpu-verified', ...about, selfTest }, adapter };
}

/** The decision, made once on first need and kept for the engine's lifetime; `current()` is what status shows meanwhile. */
export function createBackendSelector(deps: BackendSelectDeps) {
  let current: BackendChoice = { ep: 'wasm', reason: 'pending' };
  let decided: Promise<{ choice: BackendChoice; adapter?: AdapterLike }> | undefined;
  return {
    current: () => current,
    decide() {
      decided ??= chooseBackend(deps).then((r) => ((current = r.choice), r));
      return decided;
    },
  };
}
