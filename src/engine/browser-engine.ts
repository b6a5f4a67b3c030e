/** The engine in an extension page (offscreen document, Firefox background page); `assetUrl` keeps it free of extension APIs. */
import * as ort from 'onnxruntime-web/wasm';
import cards from 'virtual:model-cards';
import { byteDetectors, pixelDetectors } from '../detectors/index';
import { openPersonDb, type StoredModel } from '../shared/person-db';
import type { EngineHandlers } from '../shared/protocol';
import { base64ToBytes } from '../shared/base64';
import { closerLook } from './closer-look';
import { decodeImageInBrowser } from './decode-browser';
import { createFaceDetector, type FaceModel } from './face-runner';
import { fetchMedia, type FetchLimits } from './fetch-media';
import { startGovernor, type Battery } from './governor';
import { cropThumbnailInBrowser, thumbnailInBrowser } from './jpeg-browser';
import { MediaError } from './media-errors';
import { createMemoryIndex } from './memory-index';
import { createModelRunner } from './model-runner';
import { createOrtBackend } from './ort-backend';
import { createPipeline, DECODE_LIMITS, hostOf, VIDEO_DECODE_MS, type PipelineSource } from './pipeline';
import { openUserModels } from './user-models';
import { openVerdictCache, type VerdictCache } from './verdict-cache';
import { decodeFramesInBrowser } from './video-frames';

export const ENGINE_LIMITS = {
  image: { maxBytes: 20 * 1024 * 1024, timeoutMs: 15_000 } satisfies FetchLimits,
  /** Only the start of a video is fetched: enough for a frame of a web-optimised MP4/WebM. */
  video: { maxBytes: 12 * 1024 * 1024, timeoutMs: 20_000 } satisfies FetchLimits,
  /** Downloads at once, across tabs. */
  fetchConcurrency: 8,
};

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as BufferSource);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** A queue with an adjustable limit (the governor lowers it on battery). */
function semaphore(limitOf: () => number) {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async <T>(fn: () => Promise<T>): Promise<T> => {
    if (active >= limitOf()) await new Promise<void>((r) => waiting.push(r));
    active++;
    try {
      return await fn();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}

/** `dispose` stops the engine's timers and listeners and releases its sessions. */
export function createBrowserEngine(opts: { assetUrl: (path: string) => string }): EngineHandlers & { dispose(): void } {
  // Threads need cross-origin isolation (Chrome offscreen document); Firefox background pages run one.
  const threads = globalThis.crossOriginIsolated ? Math.max(1, Math.min(4, navigator.hardwareConcurrency || 1)) : 1;
  const loadBytes = async (c: (typeof cards)[number]) => {
    const res = await fetch(opts.assetUrl(`models/${c.id}/${c.file}`));
    return new Uint8Array(await res.arrayBuffer());
  };
  // WASM, or WebGPU on a real adapter after a numeric self-test (issue 8; decided on the first session).
  const backend = createOrtBackend({
    wasmOrt: ort,
    loadWebgpuOrt: () => import('onnxruntime-web/jspi'),
    assetUrl: opts.assetUrl,
    threads,
    selfTestCard: cards.find((c) => c.task === 'whole-image' && !c.fixture),
    loadBytes,
    // e2e builds only: headless Chromium's SwiftShader takes the WebGPU path, with time for a software GPU.
    ...(typeof __DFR_E2E_BUILD__ !== 'undefined' && __DFR_E2E_BUILD__ ? { acceptFallbackAdapter: true, limits: { selfTestTimeoutMs: 120_000 } } : {}),
  });

  const runnerOptions = { ort: backend.ort, sha256: sha256Hex, sessionOptions: { graphOptimizationLevel: 'all' as const }, loadBytes };
  const runners = cards.filter((c) => c.task === 'whole-image').map((card) => createModelRunner(card, runnerOptions));
  // The closer look's session opens on the first request only: its 9 MB are not loaded for the feed.
  const closerCard = cards.find((c) => c.task === 'closer-look');
  const closer = closerCard && createModelRunner(closerCard, runnerOptions);
  const faceDetectorCard = cards.find((c) => c.task === 'face-detector');
  const faceCard = cards.find((c) => c.task === 'face');
  const faces: FaceModel | undefined =
    faceDetectorCard && faceCard
      ? { detector: createFaceDetector(faceDetectorCard, runnerOptions), classifier: createModelRunner(faceCard, runnerOptions), cropImage: cropThumbnailInBrowser }
      : undefined;
  const detectorIds = [...byteDetectors, ...pixelDetectors].map((d) => `${d.id}@${d.version}`);
  // `signals@2`: signals carry their stage; results cached before lack it.
  const engineKey = ['signals@2', ...detectorIds, ...cards.map((c) => `${c.id}@${c.version}:${c.sha256.slice(0, 12)}`)].join(',');
  // Downloads wait in their own queue: a server that never answers must not hold an analysis slot (issue 9).
  const fetchLimit = semaphore(() => ENGINE_LIMITS.fetchConcurrency);

  // The person's own models stay on WASM: the WebGPU self-test vouches for the shipped models only.
  const modelStore = {
    all: async () => (await openPersonDb()).getAll('models'),
    put: async (m: StoredModel) => void (await (await openPersonDb()).put('models', m)),
    delete: async (id: string) => (await openPersonDb()).delete('models', id),
  };
  const sessionOptions = { executionProviders: ['wasm'], graphOptimizationLevel: 'all' as const };
  const { runners: userRunners, ready: userModelsReady, ...modelHandlers } = openUserModels(modelStore, new Set(cards.map((c) => c.id)), { ort, sha256: sha256Hex, sessionOptions });
  const allRunners = () => [...runners, ...(faces ? [faces.classifier] : []), ...(closer ? [closer] : []), ...userRunners()];
  const life = new AbortController();
  const nav = navigator as Navigator & { getBattery?: () => Promise<Battery> };
  const governor = startGovernor(allRunners, life.signal, nav.getBattery?.bind(nav));
  const limit = semaphore(() => governor.concurrency());
  const caches = new Map<string, VerdictCache>();
  const memory = createMemoryIndex({
    all: async () => (await openPersonDb()).getAll('memory'),
    put: async (e) => void (await (await openPersonDb()).put('memory', e)),
    delete: async (k) => (await openPersonDb()).delete('memory', k),
    clear: async () => (await openPersonDb()).clear('memory'),
  });
  const pipeline = createPipeline({
    byteDetectors,
    pixelDetectors,
    models: async () => {
      await userModelsReady;
      return { wholeImage: [...runners, ...userRunners()], faces };
    },
    decode: decodeImageInBrowser,
    frames: decodeFramesInBrowser,
    sha256: sha256Hex,
    limits: DECODE_LIMITS,
    videoDecodeMs: VIDEO_DECODE_MS,
    thumbnail: thumbnailInBrowser,
    fetch: (url, kind) => fetchLimit(() => fetchMedia(url, kind, ENGINE_LIMITS[kind])),
    slot: limit,
    cache: (variant) => {
      if (!caches.has(variant)) caches.set(variant, openVerdictCache(`${engineKey}|${variant}`));
      return caches.get(variant)!;
    },
    memory,
  });

  return {
    async 'engine:analyze'(req) {
      governor.touch();
      const src = req.source;
      try {
        const source: PipelineSource =
          src.type === 'url'
            ? src
            : src.type === 'frame'
              ? { type: 'frame', bytes: base64ToBytes(src.base64), mime: src.mime }
              : { type: 'bytes', bytes: base64ToBytes(src.base64), mime: src.mime, url: src.url };
        return { ok: true, verdict: await pipeline.verdict({ ...req, source }) };
      } catch (e) {
        return { ok: false, error: e instanceof MediaError ? e.code : 'decode-failed' };
      }
    },
    async 'engine:closer-look'(req) {
      if (!closer) return { ok: false, error: 'no-closer-model' };
      if (req.disabledModels.includes(closer.card.id)) return { ok: false, error: 'closer-off' };
      governor.touch();
      const started = performance.now();
      const src = req.source;
      try {
        const { bytes, mime } = src.type === 'url' ? await fetchLimit(() => fetchMedia(src.url, 'image', ENGINE_LIMITS.image)) : { bytes: base64ToBytes(src.base64), mime: src.mime };
        const result = await limit(async () => {
          const pixels = await decodeImageInBrowser(bytes, mime || undefined, DECODE_LIMITS);
          return closerLook(pixels, { closer, gateModel: runners.find((r) => r.card.contentGate), minShortSide: req.minShortSide, sensitivity: req.sensitivity });
        });
        return { ...result, ok: true, ms: Math.round(performance.now() - started) };
      } catch (e) {
        return { ok: false, error: e instanceof MediaError ? e.code : 'decode-failed' };
      }
    },
    async 'engine:feedback'(req) {
      await memory.report({ ...req, host: hostOf(req.pageUrl) || hostOf(req.mediaUrl) });
      return { ok: true };
    },
    async 'engine:memory'(req) {
      if (req.clear) await memory.clear();
      return { remembered: await memory.count() };
    },
    ...modelHandlers,
    async 'engine:status'() {
      const choice = backend.choice();
      return {
        backend: choice.ep,
        backendChoice: choice,
        threads,
        detectors: detectorIds,
        models: allRunners().map(({ card: { id, name, version, fixture }, loaded, stats: { runs, totalMs } }) => ({
          id,
          name,
          version,
          fixture: !!fixture,
          loaded,
          runs,
          meanMs: runs ? totalMs / runs : 0,
        })),
      };
    },
    dispose() {
      life.abort();
      for (const r of allRunners()) void r.dispose().catch(() => undefined);
    },
  };
}
