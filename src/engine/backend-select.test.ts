import { describe, expect, test, vi } from 'vitest';
import { describeBackend } from '../shared/backend-choice';
import { chooseBackend, classifyAdapter, compareOutputs, createBackendSelector, selfTestPixels, type AdapterLike, type BackendSelectDeps, type GpuLike } from './backend-select';

const realAdapter: AdapterLike = { info: { vendor: 'nvidia', architecture: 'ampere', device: '', description: '', isFallbackAdapter: false } };
const swiftshader: AdapterLike = { info: { vendor: 'google', architecture: 'swiftshader', device: '', description: '', isFallbackAdapter: true } };
const gpuWith = (adapter: AdapterLike | null): GpuLike => ({ requestAdapter: vi.fn(async () => adapter) });
const logit = [2.4796309];
const deps = (over: Partial<BackendSelectDeps>): BackendSelectDeps => ({
  gpu: gpuWith(realAdapter),
  hasJspi: true,
  selfTest: vi.fn(async () => ({ wasm: logit, webgpu: [2.4796338], webgpuMs: 900 })),
  ...over,
});

describe('classifyAdapter', () => {
  test('a GPU that names itself is real', () => {
    expect(classifyAdapter(realAdapter)).toEqual({ real: true, label: 'nvidia ampere' });
  });
  test('fallback adapters are not real, whichever way they say so', () => {
    expect(classifyAdapter(swiftshader)).toMatchObject({ real: false, reason: 'fallback-adapter', label: 'google swiftshader' });
    expect(classifyAdapter({ isFallbackAdapter: true, info: { vendor: 'x' } })).toMatchObject({ real: false, reason: 'fallback-adapter' });
  });
  test('software rasterisers are not real even without the fallback flag', () => {
    for (const info of [
      { vendor: 'google', architecture: 'swiftshader' },
      { vendor: 'mesa', description: 'llvmpipe (LLVM 15.0.6, 256 bits)' },
      { vendor: 'microsoft', description: 'Microsoft Basic Render Driver' },
      { vendor: 'x', description: 'Software Adapter' },
    ])
      expect(classifyAdapter({ info })).toMatchObject({ real: false, reason: 'fallback-adapter' });
  });
  test('an adapter that does not say what it is counts as not real', () => {
    expect(classifyAdapter({})).toMatchObject({ real: false, reason: 'unknown-adapter' });
    expect(classifyAdapter({ info: { vendor: ' ', architecture: '', description: 'gpu' } })).toMatchObject({ real: false, reason: 'unknown-adapter' });
  });
});

describe('compareOutputs', () => {
  test('within tolerance passes, beyond it fails', () => {
    expect(compareOutputs([1, 2], [1.005, 2], 1e-2)).toEqual({ ok: true, maxAbsDiff: expect.closeTo(0.005, 9) });
    expect(compareOutputs([2.48], [-1.17], 1e-2)).toMatchObject({ ok: false });
  });
  test('NaN, Infinity, empty or different lengths never pass', () => {
    expect(compareOutputs([1], [NaN], 1)).toEqual({ ok: false, maxAbsDiff: Infinity });
    expect(compareOutputs([Infinity], [Infinity], 1)).toEqual({ ok: false, maxAbsDiff: Infinity });
    expect(compareOutputs([], [], 1).ok).toBe(false);
    expect(compareOutputs([1, 2], [1], 1).ok).toBe(false);
  });
});

describe('chooseBackend', () => {
  test('no navigator.gpu: wasm, without asking anything else', async () => {
    const d = deps({ gpu: undefined });
    const { choice } = await chooseBackend(d);
    expect(choice).toEqual({ ep: 'wasm', reason: 'no-webgpu-api' });
    expect(d.selfTest).not.toHaveBeenCalled();
  });
  test('no adapter: wasm', async () => {
    const d = deps({ gpu: gpuWith(null) });
    expect((await chooseBackend(d)).choice).toEqual({ ep: 'wasm', reason: 'no-adapter' });
    expect(d.selfTest).not.toHaveBeenCalled();
  });
  test('requestAdapter that throws or hangs: wasm, no-adapter', async () => {
    const throwing = await chooseBackend(deps({ gpu: { requestAdapter: async () => Promise.reject(new Error('blocklisted')) } }));
    expect(throwing.choice).toMatchObject({ ep: 'wasm', reason: 'no-adapter', detail: 'blocklisted' });
    const hanging = await chooseBackend(deps({ gpu: { requestAdapter: () => new Promise(() => undefined) }, limits: { adapterTimeoutMs: 20 } }));
    expect(hanging.choice).toMatchObject({ ep: 'wasm', reason: 'no-adapter', detail: expect.stringMatching(/took over 20 ms/) });
  });
  test('fallback adapter: wasm with the reason, and the self-test never runs', async () => {
    const d = deps({ gpu: gpuWith(swiftshader) });
    const { choice } = await chooseBackend(d);
    expect(choice).toEqual({ ep: 'wasm', reason: 'fallback-adapter', adapter: 'google swiftshader' });
    expect(describeBackend(choice)).toBe('wasm: no real GPU adapter (fallback adapter) [google swiftshader]');
    expect(d.selfTest).not.toHaveBeenCalled();
  });
  test('unknown adapter: wasm', async () => {
    expect((await chooseBackend(deps({ gpu: gpuWith({ info: {} }) }))).choice).toMatchObject({ ep: 'wasm', reason: 'unknown-adapter' });
  });
  test('real adapter and a passing self-test: webgpu, with the numbers', async () => {
    const d = deps({});
    const { choice, adapter } = await chooseBackend(d);
    expect(choice).toMatchObject({ ep: 'webgpu', reason: 'webgpu-verified', adapter: 'nvidia ampere', selfTest: { wasm: logit, webgpu: [2.4796338], tolerance: 1e-2, webgpuMs: 900 } });
    expect(choice.selfTest!.maxAbsDiff).toBeCloseTo(2.9e-6, 7);
    expect(adapter).toBe(realAdapter);
    expect(d.selfTest).toHaveBeenCalledWith(realAdapter);
    expect(d.gpu!.requestAdapter).toHaveBeenCalledWith({ powerPreference: 'low-power' });
    expect(describeBackend(choice)).toMatch(/^webgpu: real adapter, self-test max \|Δ\| 2\.9e-6 ≤ 0\.01/);
  });
  test('real adapter and a self-test mismatch: wasm, with the numbers that differ', async () => {
    const { choice, adapter } = await chooseBackend(deps({ selfTest: async () => ({ wasm: [2.48], webgpu: [-1.17], webgpuMs: 5 }) }));
    expect(choice).toMatchObject({ ep: 'wasm', reason: 'self-test-mismatch', selfTest: { wasm: [2.48], webgpu: [-1.17] } });
    expect(choice.selfTest!.maxAbsDiff).toBeCloseTo(3.65, 5);
    expect(adapter).toBeUndefined();
  });
  test('a non-finite WebGPU output is a mismatch', async () => {
    const { choice } = await chooseBackend(deps({ selfTest: async () => ({ wasm: [2.48], webgpu: [NaN], webgpuMs: 5 }) }));
    expect(choice).toMatchObject({ ep: 'wasm', reason: 'self-test-mismatch' });
  });
  test('a self-test that hangs times out to wasm', async () => {
    const { choice } = await chooseBackend(deps({ selfTest: () => new Promise(() => undefined), limits: { selfTestTimeoutMs: 30 } }));
    expect(choice).toMatchObject({ ep: 'wasm', reason: 'self-test-timeout', adapter: 'nvidia ampere' });
  });
  test('a self-test that throws: wasm, self-test-failed with the error', async () => {
    const { choice } = await chooseBackend(deps({ selfTest: async () => Promise.reject(new Error('device lost')) }));
    expect(choice).toMatchObject({ ep: 'wasm', reason: 'self-test-failed', detail: 'device lost' });
  });
  test('no JSPI: wasm before any self-test', async () => {
    const d = deps({ hasJspi: false });
    expect((await chooseBackend(d)).choice).toMatchObject({ ep: 'wasm', reason: 'no-jspi' });
    expect(d.selfTest).not.toHaveBeenCalled();
  });
  test('the e2e override accepts a fallback adapter, but still needs the self-test to pass', async () => {
    const pass = await chooseBackend(deps({ gpu: gpuWith(swiftshader), acceptFallbackAdapter: true }));
    expect(pass.choice).toMatchObject({ ep: 'webgpu', reason: 'webgpu-verified', fallbackAccepted: true });
    expect(describeBackend(pass.choice)).toMatch(/^webgpu: fallback adapter accepted \(e2e build\), self-test max/);
    const fail = await chooseBackend(deps({ gpu: gpuWith(swiftshader), acceptFallbackAdapter: true, selfTest: async () => ({ wasm: [1], webgpu: [2], webgpuMs: 1 }) }));
    expect(fail.choice).toMatchObject({ ep: 'wasm', reason: 'self-test-mismatch', fallbackAccepted: true });
    // It never accepts an adapter that does not identify itself.
    expect((await chooseBackend(deps({ gpu: gpuWith({}), acceptFallbackAdapter: true }))).choice.reason).toBe('unknown-adapter');
  });
});

describe('createBackendSelector', () => {
  test('pending until decided, then one decision for the engine lifetime', async () => {
    const d = deps({});
    const s = createBackendSelector(d);
    expect(s.current()).toEqual({ ep: 'wasm', reason: 'pending' });
    const [a, b] = await Promise.all([s.decide(), s.decide()]);
    await s.decide();
    expect(a).toBe(b);
    expect(s.current().ep).toBe('webgpu');
    expect(d.selfTest).toHaveBeenCalledTimes(1);
    expect(d.gpu!.requestAdapter).toHaveBeenCalledTimes(1);
  });
});

test('the self-test picture is fixed, opaque, and not flat', () => {
  const a = selfTestPixels(32, 24);
  expect(a.data.length).toBe(32 * 24 * 4);
  expect(Array.from(a.data)).toEqual(Array.from(selfTestPixels(32, 24).data));
  expect(new Set(Array.from(a.data.filter((_, i) => i % 4 === 0))).size).toBeGreaterThan(20);
  expect(a.data.filter((_, i) => i % 4 === 3).every((v) => v === 255)).toBe(true);
});
