/**
 * onnxruntime-web on the provider backend-select.ts chooses (issue 8): `/wasm` always, `/jspi` only after
 * a real adapter was found (the smallest WebGPU build: 4 MB zipped, JSEP's 6.7 MB would take the package
 * over 20 MB, and its WASM provider ran slower here). A session accepts only its own module's tensors, so WebGPU sessions re-wrap them.
 */
import type * as Ort from 'onnxruntime-web';
import type { ModelCard } from '../shared/model-card';
import { createBackendSelector, selfTestPixels, type AdapterLike, type BackendLimits, type GpuLike } from './backend-select';
import { inputTensor, type OrtModule } from './model-runner';

type OrtWeb = typeof Ort;

interface OrtBackendOptions {
  wasmOrt: OrtWeb;
  /** A dynamic import, so the WebGPU build loads only when needed. */
  loadWebgpuOrt(): Promise<OrtWeb>;
  assetUrl(path: string): string;
  threads: number;
  /** The shipped whole-image model. */
  selfTestCard: ModelCard | undefined;
  loadBytes(card: ModelCard): Promise<Uint8Array>;
  acceptFallbackAdapter?: boolean;
  limits?: Partial<BackendLimits>;
  /** Tests only: navigator.gpu and JSPI support as this context has them, by default. */
  gpu?: GpuLike;
  hasJspi?: boolean;
}

/** Every output value of one run of `card` on the self-test picture, in the model's order. */
async function runSelfTestInput(ort: OrtWeb, bytes: Uint8Array, card: ModelCard, ep: 'wasm' | 'webgpu'): Promise<number[]> {
  const session = await ort.InferenceSession.create(bytes, { executionProviders: [ep], graphOptimizationLevel: 'all' });
  try {
    const out = await session.run({ [card.input.name]: inputTensor(ort, selfTestPixels(card.input.width, card.input.height), card.input) });
    if (!out[card.output.name]) throw new Error(`self-test: no output ${card.output.name}`);
    const values: number[] = [];
    // getData() also reads back tensors that live on the GPU.
    for (const name of session.outputNames) values.push(...Array.from((await out[name]!.getData()) as Float32Array));
    return values;
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

  const selector = createBackendSelector({
    gpu: 'gpu' in opts ? opts.gpu : (globalThis.navigator as (Navigator & { gpu?: GpuLike }) | undefined)?.gpu,
    hasJspi: opts.hasJspi ?? (typeof WebAssembly === 'object' && 'Suspending' in WebAssembly),
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

  const wasmSession = (bytes: Uint8Array, options?: Ort.InferenceSession.SessionOptions) => wasmOrt.InferenceSession.create(bytes, { ...options, executionProviders: ['wasm'] });

  /** A WebGPU session that takes the runners' WASM-module tensors: each feed is re-wrapped, its data shared, not copied. */
  function onWebgpuModule(session: Ort.InferenceSession, ort: OrtWeb): Ort.InferenceSession {
    const wrap = (feeds: Ort.InferenceSession.FeedsType) =>
      Object.fromEntries(Object.entries(feeds).map(([name, t]) => [name, t instanceof ort.Tensor ? t : new ort.Tensor(t.type as 'float32', t.data as Float32Array, t.dims)]));
    return new Proxy(session, {
      get(target, key) {
        if (key === 'run') return (feeds: Ort.InferenceSession.FeedsType, ...rest: never[]) => target.run(wrap(feeds), ...rest);
        const value = Reflect.get(target, key) as unknown;
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  }

  /** Sessions open on the chosen provider; tensors are WASM-module tensors. */
  const ort = {
    InferenceSession: {
      async create(bytes: Uint8Array, options?: Ort.InferenceSession.SessionOptions) {
        const { choice } = await selector.decide();
        if (choice.ep !== 'webgpu' || !webgpuOrt) return wasmSession(bytes, options);
        try {
          return onWebgpuModule(await webgpuOrt.InferenceSession.create(bytes, { ...options, executionProviders: ['webgpu'] }), webgpuOrt);
        } catch (e) {
          // A model the WebGPU provider cannot open still runs, on WASM.
          console.warn('WebGPU session failed; this model runs on WASM', e);
          return wasmSession(bytes, options);
        }
      },
    },
    Tensor: wasmOrt.Tensor,
  } as unknown as OrtModule;

  /** `choice`: 'pending' until the first session opens. */
  return { ort, choice: () => selector.current() };
}
