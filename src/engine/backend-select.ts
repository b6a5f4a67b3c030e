/**
 * Chooses the execution provider for the built-in models, once per engine (issue 8). WebGPU only
 * when all of these hold, WASM otherwise, with the reason recorded:
 *   1. navigator.gpu exists and requestAdapter() answers in time with an adapter;
 *   2. the adapter is real: not a fallback adapter, not a software rasteriser (SwiftShader, llvmpipe,
 *      WARP…), and it names its vendor or architecture (an adapter that says nothing is not trusted);
 *   3. the WebGPU runtime can load (the bundled build needs WebAssembly JSPI);
 *   4. a numeric self-test passes: the whole-image model on a fixed input gives finite numbers on
 *      WebGPU within BACKEND_LIMITS.tolerance of the WASM numbers, before the timeout.
 * Pure logic: the GPU, the runtime and the self-test are injected, so the decision is unit-tested
 * with fake adapters (backend-select.test.ts) and wired to the browser in ort-backend.ts.
 */
import type { BackendChoice, BackendSelfTest } from '../shared/backend-choice';
import type { Pixels } from '../detectors/detector';

export const BACKEND_LIMITS = {
  /**
   * Largest |webgpu − wasm| accepted on any output value (the whole-image model's logit). Why 1e-2:
   * the score is sigmoid(logit) and sigmoid' ≤ 1/4, so the score moves by at most 2.5e-3, a tenth of
   * the smallest gap between the card's thresholds (0.027); float32 reordering between providers
   * gives about 1e-6 on this model (3e-6 and 1e-6 measured on SwiftShader), while a broken kernel is
   * off by whole units (onnxruntime-web's JSEP build gave −1.17 instead of 2.48 on SwiftShader here).
   */
  tolerance: 1e-2,
  /** requestAdapter() should answer at once; a browser that hangs here has no usable GPU. */
  adapterTimeoutMs: 3_000,
  /**
   * Runtime load + session + one run on each provider. A real GPU takes about a second (shader
   * compilation included); past this, analysis goes on with WASM rather than wait for a hung GPU.
   */
  selfTestTimeoutMs: 10_000,
};
export type BackendLimits = typeof BACKEND_LIMITS;

/** The parts of GPUAdapter / GPUAdapterInfo we read (older Chrome had isFallbackAdapter on the adapter). */
export interface AdapterInfoLike {
  vendor?: string;
  architecture?: string;
  device?: string;
  description?: string;
  isFallbackAdapter?: boolean;
}
export interface AdapterLike {
  isFallbackAdapter?: boolean;
  info?: AdapterInfoLike;
}
export interface GpuLike {
  requestAdapter(options?: { powerPreference?: 'high-performance' | 'low-power' }): Promise<AdapterLike | null>;
}

const SOFTWARE_ADAPTER = /swiftshader|llvmpipe|lavapipe|softpipe|software|basic render|\bwarp\b/i;

export type AdapterClass = { real: true; label: string } | { real: false; reason: 'fallback-adapter' | 'unknown-adapter'; label: string };

/** Real GPU or not, from what the adapter says about itself. */
export function classifyAdapter(adapter: AdapterLike): AdapterClass {
  const info = adapter.info ?? {};
  const label = [info.vendor, info.architecture, info.device, info.description].filter((s) => s?.trim()).join(' ');
  if (adapter.isFallbackAdapter === true || info.isFallbackAdapter === true) return { real: false, reason: 'fallback-adapter', label: label || 'fallback' };
  if (SOFTWARE_ADAPTER.test(label)) return { real: false, reason: 'fallback-adapter', label };
  if (!info.vendor?.trim() && !info.architecture?.trim()) return { real: false, reason: 'unknown-adapter', label: label || 'no vendor or architecture' };
  return { real: true, label };
}

/** The self-test's verdict: every value finite on both sides, and max |Δ| within the tolerance. */
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

/** Resolves or rejects like `p`, or rejects with TimeoutError after `ms` (p keeps running; its result is ignored). */
export function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new TimeoutError(`${what} took over ${ms} ms`)), ms)));
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/**
 * A fixed, deterministic picture for the self-test: smooth gradients (what the convolutions see in
 * photos) plus a hashed speckle (so every channel and position differs). Same bytes everywhere.
 */
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

export interface SelfTestOutputs {
  wasm: ArrayLike<number>;
  webgpu: ArrayLike<number>;
  webgpuMs: number;
}

export interface BackendSelectDeps {
  /** navigator.gpu, or undefined where the context has none. */
  gpu: GpuLike | undefined;
  /** Whether the WebGPU runtime can load here ('Suspending' in WebAssembly for the JSPI build). */
  hasJspi: boolean;
  /** Runs the fixed input through the self-test model on WASM and on WebGPU with this adapter. */
  selfTest(adapter: AdapterLike): Promise<SelfTestOutputs>;
  /** e2e builds only: accept a fallback adapter, to exercise the WebGPU path on SwiftShader. */
  acceptFallbackAdapter?: boolean;
  limits?: Partial<BackendLimits>;
}

const wasm = (reason: BackendChoice['reason'], extra: Partial<BackendChoice> = {}): BackendChoice => ({ ep: 'wasm', reason, ...extra });
const message = (e: unknown) => String((e as Error)?.message ?? e).slice(0, 200);

/** The decision itself. Never throws: every failure is a WASM choice with its reason. */
export async function chooseBackend(deps: BackendSelectDeps): Promise<{ choice: BackendChoice; adapter?: AdapterLike }> {
  const limits = { ...BACKEND_LIMITS, ...deps.limits };
  if (!deps.gpu || typeof deps.gpu.requestAdapter !== 'function') return { choice: wasm('no-webgpu-api') };
  let adapter: AdapterLike | null;
  try {
    // Low power: an integrated GPU is ample for 224×224 models, and a discrete one costs battery.
    adapter = await withTimeout(deps.gpu.requestAdapter({ powerPreference: 'low-power' }), limits.adapterTimeoutMs, 'requestAdapter');
  } catch (e) {
    return { choice: wasm('no-adapter', { detail: message(e) }) };
  }
  if (!adapter) return { choice: wasm('no-adapter') };
  const kind = classifyAdapter(adapter);
  let fallbackAccepted = false;
  if (!kind.real) {
    if (!(deps.acceptFallbackAdapter && kind.reason === 'fallback-adapter')) return { choice: wasm(kind.reason, { adapter: kind.label }) };
    fallbackAccepted = true;
  }
  const about = { adapter: kind.label, ...(fallbackAccepted ? { fallbackAccepted } : {}) };
  if (!deps.hasJspi) return { choice: wasm('no-jspi', about) };
  let out: SelfTestOutputs;
  try {
    out = await withTimeout(deps.selfTest(adapter), limits.selfTestTimeoutMs, 'WebGPU self-test');
  } catch (e) {
    return { choice: wasm(e instanceof TimeoutError ? 'self-test-timeout' : 'self-test-failed', { ...about, detail: message(e) }) };
  }
  const { ok, maxAbsDiff } = compareOutputs(out.wasm, out.webgpu, limits.tolerance);
  const selfTest: BackendSelfTest = { maxAbsDiff, tolerance: limits.tolerance, wasm: Array.from(out.wasm), webgpu: Array.from(out.webgpu), webgpuMs: Math.round(out.webgpuMs) };
  if (!ok) return { choice: wasm('self-test-mismatch', { ...about, selfTest }) };
  return { choice: { ep: 'webgpu', reason: 'webgpu-verified', ...about, selfTest }, adapter };
}

/**
 * The decision, made once on first need and kept for the engine's lifetime (the engine restarts
 * with the extension, so an update tests again). `current()` is what status shows meanwhile.
 */
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
