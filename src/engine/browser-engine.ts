/**
 * The engine as it runs in an extension page (Chrome offscreen document, Firefox background page):
 * wires the pipeline to the browser's fetch, decoders, WebCrypto, IndexedDB and onnxruntime-web.
 * It takes `assetUrl` instead of calling extension APIs, so the engine stays free of them.
 */
import * as ort from 'onnxruntime-web/wasm';
import cards from 'virtual:model-cards';
import { useBundledC2paWasm } from '../detectors/c2pa/bundled-wasm';
import { byteDetectors, pixelDetectors } from '../detectors/index';
import type { AnalyzeResponse, EngineAnalyzeRequest, EngineStatus } from '../shared/protocol';
import type { Verdict } from '../shared/types';
import { analyzeMedia, type DecodeLimits } from './analyze';
import { base64ToBytes } from './base64';
import { decodeImageInBrowser, decodeVideoFrameInBrowser } from './decode-browser';
import { fetchMedia, type FetchedMedia, type FetchLimits } from './fetch-media';
import { withPlatformLabel } from '../detectors/platform/index';
import { fuseSignals } from './fusion';
import { MediaError } from './media-errors';
import { createModelRunner, type ModelRunner } from './model-runner';
import { createFaceDetector, type FaceModel } from './face-runner';
import { cropThumbnailInBrowser } from './face-crop-browser';
import { analyzeFileOnly, analyzeFrames, fuseFrames } from './video-analysis';
import { openVerdictCache, type CachedResult } from './verdict-cache';
import { createMemoryIndex, memorySignal } from './memory-index';
import { thumbnailInBrowser } from './thumbnail-browser';
import { watchUserModels } from './user-models';
import { createOrtBackend } from './ort-backend';
import { E2E_BACKEND_OVERRIDE } from './backend-e2e';
import type { VerdictCache } from './verdict-cache';
import { MEMORY_CHANNEL, openPersonDb } from '../shared/person-db';
import type { EngineFeedbackRequest } from '../shared/protocol';

export const ENGINE_LIMITS = {
  image: { maxBytes: 20 * 1024 * 1024, timeoutMs: 15_000 } satisfies FetchLimits,
  /** Only the start of a video is fetched: enough for a frame of a web-optimised MP4/WebM. */
  video: { maxBytes: 12 * 1024 * 1024, timeoutMs: 20_000 } satisfies FetchLimits,
  decode: { maxPixels: 50_000_000, maxSide: 2048 } satisfies DecodeLimits,
  videoDecodeMs: 10_000,
  /** Analyses running at once; the rest wait their turn (memory stays flat on busy pages). */
  concurrency: 2,
  /** Downloads at once, across tabs (kept apart from analyses: see prefetch). */
  fetchConcurrency: 8,
  /** On battery below this level, one analysis at a time. */
  lowBattery: 0.2,
  /** Model sessions are released after this long without work (they reload in ~100 ms). */
  idleReleaseMs: 5 * 60_000,
};

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
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

/**
 * Keeps the engine light: fewer analyses at once on a low battery (where the browser tells), and
 * model sessions (tens of MB of WASM memory) released when no tab has needed them for a while.
 */
function startGovernor(runners: ModelRunner[]) {
  let onLowBattery = false;
  let lastWork = Date.now();
  type Battery = { charging: boolean; level: number; addEventListener(t: string, f: () => void): void };
  const nav = navigator as Navigator & { getBattery?: () => Promise<Battery> };
  void nav
    .getBattery?.()
    .then((b) => {
      const update = () => (onLowBattery = !b.charging && b.level < ENGINE_LIMITS.lowBattery);
      update();
      b.addEventListener('chargingchange', update);
      b.addEventListener('levelchange', update);
    })
    .catch(() => undefined);
  setInterval(() => {
    if (Date.now() - lastWork < ENGINE_LIMITS.idleReleaseMs) return;
    for (const r of runners) if (r.loaded) void r.dispose();
  }, 30_000);
  return {
    concurrency: () => (onLowBattery ? 1 : ENGINE_LIMITS.concurrency),
    touch: () => void (lastWork = Date.now()),
  };
}

export interface BrowserEngine {
  analyze(req: EngineAnalyzeRequest): Promise<AnalyzeResponse>;
  status(): EngineStatus;
  /** The person's "this is wrong/right": remembered, and it overrides later verdicts on copies. */
  feedback(req: EngineFeedbackRequest): Promise<{ ok: boolean }>;
}

const hostOf = (url: string | undefined) => {
  try {
    return url ? new URL(url).host : '';
  } catch {
    return '';
  }
};

export function createBrowserEngine(opts: { assetUrl: (path: string) => string }): BrowserEngine {
  useBundledC2paWasm();
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
    ...E2E_BACKEND_OVERRIDE,
  });

  const runnerOptions = {
    ort: backend.ort,
    sha256: sha256Hex,
    sessionOptions: { graphOptimizationLevel: 'all' as const },
    loadBytes,
  };
  const runners: ModelRunner[] = cards.filter((c) => c.task === 'whole-image').map((card) => createModelRunner(card, runnerOptions));
  // The face model runs only when both the detector and the face classifier are shipped.
  const faceDetectorCard = cards.find((c) => c.task === 'face-detector');
  const faceCard = cards.find((c) => c.task === 'face');
  const faces: FaceModel | undefined =
    faceDetectorCard && faceCard
      ? { detector: createFaceDetector(faceDetectorCard, runnerOptions), classifier: createModelRunner(faceCard, runnerOptions), cropImage: cropThumbnailInBrowser }
      : undefined;
  const detectorIds = [...byteDetectors, ...pixelDetectors].map((d) => `${d.id}@${d.version}`);
  const engineKey = [...detectorIds, ...cards.map((c) => `${c.id}@${c.version}:${c.sha256.slice(0, 12)}`)].join(',');
  const cache = openVerdictCache(engineKey);
  const governor = startGovernor(runners);
  const limit = semaphore(() => governor.concurrency());
  // Downloads wait in their own queue: a server that never answers must not hold an analysis slot
  // that other tabs need (issue 9; each page has at most 3 requests in flight).
  const fetchLimit = semaphore(() => ENGINE_LIMITS.fetchConcurrency);

  const deps = {
    byteDetectors,
    pixelDetectors,
    models: runners,
    faces,
    decode: decodeImageInBrowser,
    sha256: sha256Hex,
    limits: ENGINE_LIMITS.decode,
    thumbnail: thumbnailInBrowser,
  };
  // Models the person added, and the ones they switched off (issue 7): each set of active models
  // gets its own cache key, so switching a model never serves results computed without it.
  // The person's own models stay on WASM: the WebGPU self-test vouches for the shipped models only.
  const userModels = watchUserModels(new Set(cards.map((c) => c.id)), { ort, sha256: sha256Hex, sessionOptions: { executionProviders: ['wasm'], graphOptimizationLevel: 'all' } });
  const caches = new Map<string, VerdictCache>([['', cache]]);
  async function forRequest(req: EngineAnalyzeRequest) {
    await userModels.ready;
    const off = new Set(req.disabledModels ?? []);
    const user = userModels.runners();
    const models = [...runners, ...user].filter((r) => !off.has(r.card.id));
    const faceModel = faces && req.scanFaces !== false && !off.has(faces.classifier.card.id) ? faces : undefined;
    const variant = [...[...off].sort().map((id) => `-${id}`), ...user.map((r) => `+${r.card.id}@${r.card.version}:${r.card.sha256.slice(0, 12)}`), ...(faces && !faceModel ? ['-faces'] : [])].join(',');
    if (!caches.has(variant)) caches.set(variant, openVerdictCache(`${engineKey}|${variant}`));
    return { cache: caches.get(variant)!, deps: { ...deps, models, faces: faceModel } };
  }
  const memory = createMemoryIndex({
    all: async () => (await openPersonDb()).getAll('memory'),
    put: async (e) => void (await (await openPersonDb()).put('memory', e)),
    delete: async (k) => (await openPersonDb()).delete('memory', k),
  });
  try {
    new BroadcastChannel(MEMORY_CHANNEL).onmessage = () => memory.reload();
  } catch {
    // No BroadcastChannel: a cleared memory is noticed when the engine restarts.
  }

  /** The network part of a URL request, outside the analysis slots; undefined when cached or not a URL. */
  async function prefetch(req: EngineAnalyzeRequest): Promise<FetchedMedia | undefined> {
    if (req.source.type !== 'url') return undefined;
    const { cache } = await forRequest(req);
    if (await cache.getByUrl(req.source.url)) return undefined;
    const url = req.source.url;
    return fetchLimit(() => fetchMedia(url, req.kind, ENGINE_LIMITS[req.kind]));
  }

  async function compute(req: EngineAnalyzeRequest, prefetched?: FetchedMedia): Promise<CachedResult & { cached?: boolean }> {
    const { cache, deps } = await forRequest(req);
    const src = req.source;
    // The page samples this video's frames itself: only the file's own checks here (issue 5).
    if (req.bytesOnly && src.type === 'url') return analyzeFileOnly(src.url, req.kind, ENGINE_LIMITS[req.kind], deps);
    // A video frame is a moment, not the file: never remember it under the video's URL.
    const url = src.type === 'frame' ? undefined : src.url;
    if (src.type === 'url') {
      const hit = await cache.getByUrl(src.url);
      if (hit) return { ...hit, cached: true };
    }
    const fetched =
      src.type === 'url'
        ? (prefetched ?? (await fetchMedia(src.url, req.kind, ENGINE_LIMITS[req.kind])))
        : { bytes: base64ToBytes(src.base64), mime: src.mime, truncated: false };
    const hash = await sha256Hex(fetched.bytes);
    const byHash = await cache.getByHash(hash);
    if (byHash) {
      if (url) void cache.put(byHash, url);
      return { ...byHash, cached: true };
    }
    // Videos the page could not read and animated images: several frames, one verdict (issue 5).
    const multi = src.type === 'frame' ? undefined : await analyzeFrames({ kind: req.kind, bytes: fetched.bytes, mime: fetched.mime, url, truncated: fetched.truncated, minShortSide: req.minShortSide, decodeTimeoutMs: ENGINE_LIMITS.videoDecodeMs }, deps);
    if (multi) {
      if (!multi.signals.some((s) => s.outcome === 'error')) await cache.put(multi, url);
      return multi;
    }
    const pixels =
      req.kind === 'video' && src.type === 'url' ? await decodeVideoFrameInBrowser(fetched.bytes, fetched.mime, ENGINE_LIMITS.decode, ENGINE_LIMITS.videoDecodeMs) : undefined;
    const out = await analyzeMedia(
      { kind: req.kind, bytes: fetched.bytes, mime: fetched.mime, pixels, url, minShortSide: req.minShortSide, pixelsOnly: src.type === 'frame' },
      deps,
    );
    const result: CachedResult = { ...out, kind: req.kind, mime: fetched.mime, bytes: fetched.bytes.byteLength };
    // Errors may be passing (network, decoder): don't remember them.
    if (!out.signals.some((s) => s.outcome === 'error')) await cache.put(result, url);
    return result;
  }

  return {
    async analyze(req) {
      governor.touch();
      const started = performance.now();
      try {
        const prefetched = await prefetch(req);
        const result = await limit(() => compute(req, prefetched));
        // The post's platform label joins after the cache: it belongs to the post, not the file.
        const labelled = withPlatformLabel(result.signals, req.platform);
        // Memory (issue 7): a copy of a picture flagged or reported before, on any site.
        const mediaUrl = req.source.type === 'frame' ? undefined : req.source.url;
        const seen = await memory.lookup({ phash: result.phash, contentHash: result.contentHash, mediaUrl, host: hostOf(req.pageUrl) }).catch(() => undefined);
        const signals = seen ? [...labelled, memorySignal(seen)] : labelled;
        const video = fuseFrames(result, signals, req.sensitivity);
        const fused = video ?? fuseSignals(signals, req.sensitivity);
        // Pictures are remembered, not every sampled video frame (they would crowd the memory out).
        if ((fused.band === 'declared-ai' || fused.band === 'likely-synthetic') && !seen?.personVerdict && req.source.type !== 'frame')
          void memory.remember({ phash: result.phash, contentHash: result.contentHash, mediaUrl, host: hostOf(req.pageUrl) || hostOf(mediaUrl), band: fused.band }).catch(() => undefined);
        const verdict: Verdict = {
          band: fused.band,
          reasonKey: fused.reasonKey,
          signals: video?.signals ?? signals,
          frames: video?.frames,
          phash: result.phash,
          thumbnail: result.thumbnail,
          contentHash: result.contentHash,
          media: { kind: req.kind, width: result.width, height: result.height, mime: result.mime, bytes: result.bytes },
          engineMs: Math.round(performance.now() - started),
          analysedAt: Date.now(),
          cached: result.cached,
        };
        return { ok: true, verdict };
      } catch (e) {
        const code = e instanceof MediaError ? e.code : 'decode-failed';
        return { ok: false, error: code };
      }
    },
    async feedback(req) {
      await memory.report({ phash: req.phash, contentHash: req.contentHash, mediaUrl: req.mediaUrl, host: hostOf(req.pageUrl) || hostOf(req.mediaUrl), band: req.band, verdict: req.verdict });
      return { ok: true };
    },
    status() {
      const choice = backend.choice();
      return {
        backend: choice.ep,
        backendChoice: choice,
        threads,
        detectors: detectorIds,
        models: [...runners, ...(faces ? [faces.classifier] : []), ...userModels.runners()].map((r) => ({
          id: r.card.id,
          name: r.card.name,
          version: r.card.version,
          fixture: !!r.card.fixture,
          loaded: r.loaded,
          runs: r.stats.runs,
          meanMs: r.stats.runs ? r.stats.totalMs / r.stats.runs : 0,
        })),
      };
    },
  };
}
