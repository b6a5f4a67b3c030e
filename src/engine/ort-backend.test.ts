/**
 * The wiring between the backend choice and the model runners, with fake onnxruntime modules:
 * which module and provider each session opens on, and that tensors reach a WebGPU session as
 * that module's tensors (a session refuses another module's, as onnxruntime-web's do).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test, vi } from 'vitest';
import { parseModelCard, type ModelCard } from '../shared/model-card';
import type { AdapterLike } from './backend-select';
import { createModelRunner } from './model-runner';
import { createOrtBackend } from './ort-backend';

const parsed = parseModelCard(JSON.parse(readFileSync('models/whole-image/model.json', 'utf8')));
if ('errors' in parsed) throw new Error(parsed.errors.join('; '));
const card: ModelCard = parsed.card;

/** A stand-in for one onnxruntime-web build: every output is `value`. */
function fakeOrt(value: number, opts: { failAfter?: number } = {}) {
  class Tensor {
    constructor(
      readonly type: string,
      readonly data: Float32Array,
      readonly dims: number[],
    ) {}
  }
  const sessions: { executionProviders: unknown }[] = [];
  const outputs = [card.output.name, ...(card.content ? [card.content.name] : [])];
  const output = (name: string) => {
    const data = name === card.output.name ? Float32Array.of(value) : new Float32Array(card.content?.labels.length ?? 0).fill(0.2);
    return { data, getData: async () => data, dispose() {} };
  };
  const ort = {
    Tensor,
    env: { wasm: {} as Record<string, unknown>, webgpu: {} as Record<string, unknown> },
    InferenceSession: {
      create: vi.fn(async (_bytes: Uint8Array, options: { executionProviders: unknown }) => {
        if (opts.failAfter !== undefined && ort.InferenceSession.create.mock.calls.length > opts.failAfter) throw new Error('no kernel for this op');
        sessions.push({ executionProviders: options.executionProviders });
        return {
          outputNames: outputs,
          async run(feeds: Record<string, unknown>) {
            for (const t of Object.values(feeds)) if (!(t instanceof Tensor)) throw new TypeError("'feeds' must be this module's tensors");
            return Object.fromEntries(outputs.map((n) => [n, output(n)]));
          },
          release: vi.fn(async () => undefined),
        };
      }),
    },
  };
  return { ort, sessions };
}

const real: AdapterLike = { info: { vendor: 'amd', architecture: 'rdna-3' } };
const pixels = { width: 8, height: 8, data: new Uint8ClampedArray(8 * 8 * 4).fill(128) };

function setup(o: { gpuAdapter?: AdapterLike | null; webgpuValue?: number; webgpuFailAfter?: number }) {
  const wasm = fakeOrt(2.5);
  const webgpu = fakeOrt(o.webgpuValue ?? 2.5, { failAfter: o.webgpuFailAfter });
  const backend = createOrtBackend({
    wasmOrt: wasm.ort as never,
    loadWebgpuOrt: vi.fn(async () => webgpu.ort as never),
    assetUrl: (p) => `chrome-extension://x/${p}`,
    threads: 2,
    selfTestCard: card,
    loadBytes: async () => new Uint8Array(4),
    gpu: o.gpuAdapter === undefined ? undefined : { requestAdapter: async () => o.gpuAdapter! },
    hasJspi: true,
  });
  const runner = createModelRunner(card, { ort: backend.ort, loadBytes: async () => new Uint8Array(4), sha256: async () => card.sha256 });
  return { wasm, webgpu, backend, runner };
}

describe('createOrtBackend', () => {
  test('no GPU: every session opens on the WASM build with the wasm provider', async () => {
    const { wasm, webgpu, backend, runner } = setup({});
    expect(wasm.ort.env.wasm).toMatchObject({ wasmPaths: 'chrome-extension://x/ort/', numThreads: 2 });
    expect(backend.choice()).toEqual({ ep: 'wasm', reason: 'pending' });
    expect(await runner.score(pixels)).toBeCloseTo(1 / (1 + Math.exp(-2.5)), 6);
    expect(backend.choice()).toEqual({ ep: 'wasm', reason: 'no-webgpu-api' });
    expect(wasm.sessions).toEqual([{ executionProviders: ['wasm'] }]);
    expect(webgpu.ort.InferenceSession.create).not.toHaveBeenCalled();
  });

  test('real adapter, self-test passes: models open on the WebGPU build, fed its own tensors', async () => {
    const { wasm, webgpu, backend, runner } = setup({ gpuAdapter: real, webgpuValue: 2.5000001 });
    expect(await runner.score(pixels)).toBeCloseTo(1 / (1 + Math.exp(-2.5)), 6);
    expect(backend.choice()).toMatchObject({ ep: 'webgpu', reason: 'webgpu-verified', adapter: 'amd rdna-3' });
    // The self-test opened one session on each build; the model's own session is on WebGPU.
    expect(wasm.sessions).toEqual([{ executionProviders: ['wasm'] }]);
    expect(webgpu.sessions).toEqual([{ executionProviders: ['webgpu'] }, { executionProviders: ['webgpu'] }]);
    expect(webgpu.ort.env.webgpu.adapter).toBe(real);
    expect(webgpu.ort.env.wasm).toMatchObject({ wasmPaths: 'chrome-extension://x/ort/', numThreads: 2 });
    const st = backend.choice().selfTest!;
    expect(st.wasm.length).toBe(st.webgpu.length);
    expect(st.maxAbsDiff).toBeLessThan(1e-6);
  });

  test('real adapter, self-test mismatch: models stay on WASM', async () => {
    const { wasm, webgpu, backend, runner } = setup({ gpuAdapter: real, webgpuValue: -1.17 });
    await runner.score(pixels);
    expect(backend.choice()).toMatchObject({ ep: 'wasm', reason: 'self-test-mismatch' });
    expect(wasm.sessions).toHaveLength(2);
    expect(webgpu.sessions).toHaveLength(1);
  });

  test('a model the WebGPU build cannot open still runs, on WASM', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { wasm, backend, runner } = setup({ gpuAdapter: real, webgpuFailAfter: 1 });
    expect(await runner.score(pixels)).toBeGreaterThan(0.9);
    expect(backend.choice().ep).toBe('webgpu');
    expect(wasm.sessions).toEqual([{ executionProviders: ['wasm'] }, { executionProviders: ['wasm'] }]);
    expect(warn).toHaveBeenCalledOnce();
    warn.mockRestore();
  });

  test('a WebGPU session that fails in the self-test: WASM for everything, with the reason', async () => {
    const { wasm, backend, runner } = setup({ gpuAdapter: real, webgpuFailAfter: 0 });
    await runner.score(pixels);
    expect(backend.choice()).toMatchObject({ ep: 'wasm', reason: 'self-test-failed', detail: 'no kernel for this op' });
    expect(wasm.sessions.at(-1)).toEqual({ executionProviders: ['wasm'] });
  });
});
