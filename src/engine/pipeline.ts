/**
 * One media item, the same in every host: cache → fetch → decode → gates → provenance and metadata →
 * models → platform label and memory → fusion. Hosts give it their I/O; no extension API, DOM or Node here.
 */
import { withPlatformLabel } from '../detectors/platform/index';
import type { PlatformLabel } from '../shared/protocol';
import { isFlagged, type FrameEvidence, type MediaKind, type MemoryMatch, type Sensitivity, type Signal, type Verdict } from '../shared/types';
import { analyzeMedia, fileChecks, type DecodeLimits, type EngineDeps } from './analyze';
import type { FaceModel } from './face-runner';
import type { FetchedMedia } from './fetch-media';
import { fuseSignals, type Fused } from './fusion';
import { memorySignal, type MemoryIndex } from './memory-index';
import type { ModelRunner } from './model-runner';
import type { CachedResult, VerdictCache } from './verdict-cache';
import { analyzeFrames, fuseFrames } from './video-analysis';

/** The same in every host so they judge the same pixels. */
export const DECODE_LIMITS: DecodeLimits = { maxPixels: 50_000_000, maxSide: 2048 };
/** Most time spent decoding the frames of one video. */
export const VIDEO_DECODE_MS = 10_000;

/** `frame`: a still the page captured from a playing video: its pixels only, never cached by URL. */
export type PipelineSource = { type: 'url'; url: string } | { type: 'bytes'; bytes: Uint8Array; mime?: string; url?: string } | { type: 'frame'; bytes: Uint8Array; mime: string };

export interface PipelineRequest {
  kind: MediaKind;
  source: PipelineSource;
  minShortSide: number;
  platform?: PlatformLabel;
  pageUrl?: string;
  disabledModels?: readonly string[];
  scanFaces?: boolean;
  /** Only the file's own checks of a `url` source (the page samples that video's frames itself). */
  bytesOnly?: boolean;
}

export interface PipelineHost extends Omit<EngineDeps, 'models' | 'faces' | 'contentGate'> {
  /** Every model the host has (shipped and added), enabled or not. */
  models(): Promise<{ wholeImage: ModelRunner[]; faces?: FaceModel }>;
  videoDecodeMs: number;
  /** Needed for `url` sources. */
  fetch?(url: string, kind: MediaKind): Promise<FetchedMedia>;
  /** Runs the decoding and analysis when the host has room. */
  slot?<T>(work: () => Promise<T>): Promise<T>;
  /** Results by URL and content hash, for one set of active models (`variant`). */
  cache?(variant: string): VerdictCache;
  memory?: MemoryIndex;
}

type FileResult = CachedResult & { cached?: boolean };

/** `signals`: the file's plus the post's platform label and the memory's match. */
interface Analysis {
  file: FileResult;
  signals: Signal[];
  seen?: MemoryMatch;
}

export type Judgement = Fused & { signals: Signal[]; frames?: FrameEvidence[] };

/** The band of an analysis at this sensitivity: a clip by its frames, a picture by its signals. */
export function judge(a: Analysis, sensitivity: Sensitivity): Judgement {
  const video = fuseFrames(a.file, a.signals, sensitivity);
  if (video) return { band: video.band, reasonKey: video.reasonKey, signals: video.signals, frames: video.frames };
  return { ...fuseSignals(a.signals, sensitivity), signals: a.signals };
}

export type Pipeline = ReturnType<typeof createPipeline>;

export const hostOf = (url: string | undefined) => {
  try {
    return url ? new URL(url).host : '';
  } catch {
    return '';
  }
};

/** A video frame is a moment, not the file: never remembered under the video's URL. */
const mediaUrlOf = (src: PipelineSource) => (src.type === 'frame' ? undefined : src.url);

/** Errors may be passing (network, decoder): results with one are not remembered. */
const hasError = (r: FileResult) => r.signals.some((s) => s.outcome === 'error');

/** File checks per URL, kept in memory only: a result without frames must never be found by hash. */
const FILE_CHECK_CACHE_MAX = 200;

export function createPipeline(host: PipelineHost) {
  const slot = host.slot ?? ((work) => work());
  const fileCheckCache = new Map<string, FileResult>();

  /** The models this request allows, and the cache of results computed with exactly those. */
  async function select(req: PipelineRequest) {
    const { wholeImage, faces } = await host.models();
    const off = new Set(req.disabledModels ?? []);
    const models = wholeImage.filter((r) => !off.has(r.card.id));
    const faceModel = faces && req.scanFaces !== false && !off.has(faces.classifier.card.id) ? faces : undefined;
    const variant = [...models, ...(faceModel ? [faceModel.classifier] : [])].map((r) => `${r.card.id}@${r.card.version}:${r.card.sha256.slice(0, 12)}`).join(',');
    // The gate's parameters come with the whole-image card, and gate the face model even when that model is off.
    const contentGate = wholeImage.find((r) => r.card.contentGate)?.card.contentGate;
    const deps: EngineDeps = { ...host, models, faces: faceModel, contentGate };
    return { deps, cache: host.cache?.(variant) };
  }

  const fetchOf = (url: string, kind: MediaKind) => {
    if (!host.fetch) throw new Error('this host cannot fetch URLs');
    return host.fetch(url, kind);
  };

  /** `bytesOnly`: the file's own checks, so Content Credentials in an MP4 count (issue 5). */
  async function fileOnly(url: string, kind: MediaKind, deps: EngineDeps): Promise<FileResult> {
    const hit = fileCheckCache.get(url);
    if (hit) return { ...hit, cached: true };
    const { bytes, mime } = await fetchOf(url, kind);
    const result: FileResult = { ...(await slot(() => fileChecks(bytes, mime, url, deps))), kind };
    if (!hasError(result)) {
      if (fileCheckCache.size >= FILE_CHECK_CACHE_MAX) fileCheckCache.delete(fileCheckCache.keys().next().value!);
      fileCheckCache.set(url, result);
    }
    return result;
  }

  async function fileResult(req: PipelineRequest): Promise<FileResult> {
    const { deps, cache } = await select(req);
    const src = req.source;
    if (req.bytesOnly && src.type === 'url') return fileOnly(src.url, req.kind, deps);
    const url = mediaUrlOf(src);
    if (src.type === 'url') {
      const hit = await cache?.getByUrl(src.url);
      if (hit) return { ...hit, cached: true };
    }
    // The download waits outside the analysis slots: a server that never answers must not hold one.
    const fetched: FetchedMedia = src.type === 'url' ? await fetchOf(src.url, req.kind) : { bytes: src.bytes, mime: src.mime ?? '', truncated: false };
    return slot(async () => {
      const byHash = cache && (await cache.getByHash(await host.sha256(fetched.bytes)));
      if (byHash) {
        if (url) void cache?.put(byHash, url);
        return { ...byHash, cached: true };
      }
      const keep = async (r: FileResult) => {
        if (!hasError(r)) await cache?.put(r, url);
        return r;
      };
      // Videos and animated images: several frames, one verdict (issue 5).
      const input = { kind: req.kind, ...fetched, url, minShortSide: req.minShortSide, timeoutMs: host.videoDecodeMs };
      const multi = src.type === 'frame' ? undefined : await analyzeFrames(input, deps);
      if (multi) return keep(multi);
      const out = await analyzeMedia({ kind: req.kind, bytes: fetched.bytes, mime: fetched.mime || undefined, url, minShortSide: req.minShortSide, pixelsOnly: src.type === 'frame' }, deps);
      return keep({ ...out, kind: req.kind });
    });
  }

  /** Everything before fusion; bands at every sensitivity follow from it (`judge`). */
  async function analyze(req: PipelineRequest): Promise<Analysis> {
    const file = await fileResult(req);
    // The post's platform label joins after the cache: it belongs to the post, not the file.
    const labelled = withPlatformLabel(file.signals, req.platform);
    // Memory (issue 7): a copy of a picture flagged or reported before, on any site.
    const mediaUrl = mediaUrlOf(req.source);
    const seen = await host.memory?.lookup({ ...file, mediaUrl, host: hostOf(req.pageUrl) }).catch(() => undefined);
    return { file, signals: seen ? [...labelled, memorySignal(seen)] : labelled, seen };
  }

  return {
    analyze,
    /** Flagged pictures are remembered. */
    async verdict(req: PipelineRequest & { sensitivity: Sensitivity }): Promise<Verdict> {
      const started = performance.now();
      const a = await analyze(req);
      const { file } = a;
      const judged = judge(a, req.sensitivity);
      const mediaUrl = mediaUrlOf(req.source);
      // Pictures are remembered, not every sampled video frame (they would crowd the memory out).
      if (isFlagged(judged.band) && !a.seen?.personVerdict && req.source.type !== 'frame')
        void host.memory?.remember({ ...file, mediaUrl, host: hostOf(req.pageUrl) || hostOf(mediaUrl), band: judged.band }).catch(() => undefined);
      return {
        ...judged,
        phash: file.phash,
        thumbnail: file.thumbnail,
        contentHash: file.contentHash,
        media: { kind: req.kind, width: file.width, height: file.height },
        engineMs: Math.round(performance.now() - started),
        analysedAt: Date.now(),
        cached: file.cached,
      };
    },
  };
}
