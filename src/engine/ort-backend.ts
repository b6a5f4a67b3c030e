/**
 * onnxruntime-web for the engine, on the execution provider that backend-select.ts chooses.
 *
 * Two builds of the runtime are bundled (issue 8, measured in BENCHMARKS.md and the issue note):
 * - `onnxruntime-web/wasm` (ort-wasm-simd-threaded.wasm): the WASM provider, always loaded, used
 *   for every model unless WebGPU is chosen, and as the self-test's reference;
 * - `onnxruntime-web/jspi` (ort-wasm-simd-threaded.jspi.wasm): the WebGPU provider, imported only
 *   after a real adapter was found. It is the smallest WebGPU build (4 MB zipped; the JSEP build is
 *   6.7 MB, which would take the package over 20 MB, and its WASM provider ran slower here).
 * The two are separate module instances: a tensor must come from the module of its session, so the
 * `ort` handed to the model runners hands out the chosen module's classes.
 */
import type * as Ort from 'onnxruntime-web';
import type { ModelCard } from '../shared/model-card';
import { createBackendSelector, selfTestPixels, type AdapterLike, type BackendLimits, type GpuLike } from './backend-select';
import type { OrtModule } from './model-runner';
import { inputDims, preprocess } from './preprocess';

type OrtWeb = typeof Ort;

export interface OrtBackendOptions {
  /** The plain WASM build, imported statically by the engine. */
  wasmOrt: OrtWeb;
  /** Loads the WebGPU build (a dynamic import, so its chunk and wasm load only when needed). */
  loadWebgpuOrt(): Promise<OrtWeb>;
  assetUrl(path: string): string;
  threads: number;
  /** The model whose numbers are compared (the shipped whole-image model). */
  selfTestCard: ModelCard | undefined;
  loadBytes(card: ModelCard): Promise<Uint8Array>;
  acceptFallbackAdapter?: boolean;
  limits?: Partial<BackendLimits>;
}

/** The raw output of one run of `card` on the self-test picture. */
async function runSelfTestInput(ort: OrtWeb, bytes: Uint8Array, card: ModelCard, ep: 'wasm' | 'webgpu'): Promise<number[]> {
  const session = await ort.InferenceSession.create(bytes, { executionProviders: [ep], graphOptimizationLevel: 'all' });
  try {
    const input = preprocess(selfTestPixels(card.input.width, card.input.height), card.input);
    const tensor = new ort.Tensor('float32', input, inputDims(card.input));
    const out = await session.run({ [card.input.name]: tensor });
    const result = out[card.output.name];
    if (!result) throw new Error(`self-test: no output ${card.output.name}`);
    // getData() also reads back tensors that live on the GPU.
    return Array.from((await result.getData()) as Float32Array);
  } finally {
    await session.release();
  }
}

export function createOrtBackend(opts: OrtBackendOptions) {
  const { wasmOrt } = opts;
  let webgpuOrt: OrtWeb | undefined;
  const configure = (ort: OrtWeb) => {
    ort.env.wasm.wasmPaths = opts.assetUrl('ort/');
    ort.env.wasm.numThreads = opts.threads;
  };
  configure(wasmOrt);

  const gpu = (globalThis.navigator as Navigator & { gpu?: GpuLike }).gpu;
  const selector = createBackendSelector({
    gpu,
    hasJspi: typeof WebAssembly === 'object' && 'Suspending' in WebAssembly,
    acceptFallbackAdapter: opts.acceptFallbackAdapter,
    limits: opts.limits,
    async selfTest(adapter: AdapterLike) {
      const card = opts.selfTestCard;
      if (!card) throw new Error('no whole-image model to test with');
      const bytes = await opts.loadBytes(card);
      const wasm = await runSelfTestInput(wasmOrt, bytes, card, 'wasm');
      const started = performance.now();
      const ort = await opts.loadWebgpuOrt();
      configure(ort);
      // The adapter we classified, not whichever one the runtime would ask for.
      ort.env.webgpu.adapter = adapter as unknown as typeof ort.env.webgpu.adapter;
      const webgpu = await runSelfTestInput(ort, bytes, card, 'webgpu');
      webgpuOrt = ort;
      return { wasm, webgpu, webgpuMs: performance.now() - started };
    },
  });

  /** The module and providers for new sessions, once decided. */
  async function chosen(): Promise<{ ort: OrtWeb; executionProviders: string[] }> {
    const { choice } = await selector.decide();
    return choice.ep === 'webgpu' && webgpuOrt ? { ort: webgpuOrt, executionProviders: ['webgpu'] } : { ort: wasmOrt, executionProviders: ['wasm'] };
  }
  let active: OrtWeb = wasmOrt;

  /** An `ort` for the model runners: sessions open on the chosen provider; tensors match them. */
  const ort = {
    InferenceSession: {
      async create(bytes: Uint8Array, options?: Ort.InferenceSession.SessionOptions) {
        const c = await chosen();
        active = c.ort;
        return c.ort.InferenceSession.create(bytes, { ...options, executionProviders: c.executionProviders });
      },
    },
    get Tensor() {
      return active.Tensor;
    },
  } as unknown as OrtModule;

  return {
    ort,
    /** What status shows: 'pending' until the first session opens. */
    choice: () => selector.current(),
    decide: () => selector.decide().then((r) => r.choice),
  };
}
