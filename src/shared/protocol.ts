/** The one message protocol between contexts: a request schema and a response type per message name. */
import * as v from 'valibot';
import type { BackendChoice } from './backend-choice';
import type { ModelCard } from './model-card';
import type { FeedbackEntry, HistoryEntry } from './person-db';
import type { SiteCheck } from './site-check';
import { BANDS, SENSITIVITIES, type Band, type Signal, type Verdict } from './types';

export const LIMITS = {
  maxUrlLength: 8192,
  /** Largest file the page may hand over as bytes (base64 grows it by 4/3). */
  maxBytesFromPage: 16 * 1024 * 1024,
  maxPlatformLabel: 300,
  /** Largest model file a person may add (the built-ins are a few MB). */
  maxUserModelBytes: 200 * 1024 * 1024,
  /** An added model travels in chunks of this many bytes (Chrome's messages are JSON, at most 64 MiB). */
  modelChunkBytes: 8 * 1024 * 1024,
  maxCardChars: 256 * 1024,
  /** A page of the person's lists: an entry holds at most ~200 KB of JSON (four URLs, escaped; 12 signals; a thumbnail), a page 20 MB. */
  maxListPage: 100,
  /** A stored thumbnail's data URL; the engine's 96 px JPEGs are 4-7 KB, a larger one is not kept. */
  maxThumbnailChars: 32 * 1024,
} as const;

const base64 = (maxBytes: number) => v.pipe(v.string(), v.maxLength(Math.ceil(maxBytes / 3) * 4));
const text = (max: number, pattern: RegExp) => v.pipe(v.string(), v.maxLength(max), v.regex(pattern));
// Not URL.canParse: it needs Chrome 120 and the manifest allows 116.
const isHttp = (s: string) => {
  try {
    return ['http:', 'https:'].includes(new URL(s).protocol);
  } catch {
    return false;
  }
};
const HttpUrl = v.pipe(v.string(), v.maxLength(LIMITS.maxUrlLength), v.check(isHttp));
const Empty = v.strictObject({});
type Ok = { ok: boolean };
/** A stored model whose card no longer passes (a schema problem, 'taken' or 'not a whole-image model'): not run, still removable. */
export type InvalidModel = { id: string; bytes: number; problem: string };
const ModelId = text(64, /^[a-z0-9][a-z0-9-]*$/);
const int = (min: number, max: number) => v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max));
const PersonList = v.picklist(['history', 'feedback']);
/** Ids hold a tab URL (in older entries, up to 2 MB). */
const EntryId = v.pipe(v.string(), v.maxLength(4 * 1024 * 1024));

/** Bytes read in the page (same-origin, blob:, data:), base64 because Chrome messages are JSON. */
const BytesSource = v.object({ type: v.literal('bytes'), base64: base64(LIMITS.maxBytesFromPage), mime: text(128, /^(?:[a-z]+\/[a-z0-9.+-]{1,64})?$/), url: v.optional(HttpUrl) });
/** Cross-origin: the engine fetches it, never with credentials. */
const UrlSource = v.object({ type: v.literal('url'), url: HttpUrl });
const MediaSourceRef = v.variant('type', [
  BytesSource,
  UrlSource,
  v.object({ type: v.literal('frame'), base64: base64(LIMITS.maxBytesFromPage), mime: v.literal('image/png'), url: v.optional(HttpUrl) }),
]);

/** The platform's own AI label on the post, read by a site adapter (page text). */
const PlatformLabel = v.object({
  site: text(32, /^[a-z][a-z0-9-]*$/),
  label: text(LIMITS.maxPlatformLabel, /^[^\u0000-\u001f\u007f]+$/),
});
export type PlatformLabel = v.InferOutput<typeof PlatformLabel>;

const analyzeFields = {
  kind: v.picklist(['image', 'video']),
  source: MediaSourceRef,
  platform: v.optional(PlatformLabel),
  /** The post's permalink, when a site adapter found one (issue 7). */
  postUrl: v.optional(HttpUrl),
  /** Only the file-level checks of a `url` source: the page samples the video's frames itself (issue 5). */
  bytesOnly: v.optional(v.literal(true)),
};
const bytesOnlyOnUrl = (r: { source: { type: string }; bytesOnly?: true }) => !r.bytesOnly || r.source.type === 'url';
const AnalyzeRequest = v.pipe(
  v.object(analyzeFields),
  v.check((r) => bytesOnlyOnUrl(r)),
);
export type AnalyzeRequest = v.InferOutput<typeof AnalyzeRequest>;
const EngineAnalyzeRequest = v.pipe(
  v.object({
    ...analyzeFields,
    sensitivity: v.picklist(SENSITIVITIES),
    minShortSide: v.number(),
    /** The tab's page URL, from the sender. */
    pageUrl: v.optional(v.string()),
    disabledModels: v.optional(v.pipe(v.array(v.string()), v.maxLength(200))),
    scanFaces: v.optional(v.boolean()),
  }),
  v.check((r) => bytesOnlyOnUrl(r)),
);
export type AnalyzeResponse = { ok: true; verdict: Verdict } | { ok: false; error: string };

/** The evidence card's "check more closely" (issue 16): one picture, the bigger model; frames and videos are not offered. */
const CloserLookSource = v.variant('type', [BytesSource, UrlSource]);
/** The model's own leave-one-source-out figures at the person's sensitivity, from its card. */
export interface CloserLookFigures {
  pooledAuc: number;
  aiFlagged: number;
  realFlagged: number;
  sources: number;
}
/** `band`: the closer look's own, at the person's sensitivity; the badge keeps the quick check's. */
export interface CloserLookResult {
  band: Band;
  signal: Signal;
  figures?: CloserLookFigures;
}
export type CloserLookResponse = ({ ok: true; ms: number } & CloserLookResult) | { ok: false; error: string };

/** What the person said about which picture (by at least one of its address and hashes), issue 7. */
const feedbackFields = {
  verdict: v.picklist(['wrong', 'right']),
  band: v.picklist(BANDS),
  mediaUrl: v.optional(HttpUrl),
  contentHash: v.optional(text(64, /^[0-9a-f]{64}$/)),
  phash: v.optional(text(22, /^[0-9a-f]{22}$/)),
};
const namesMedia = (f: { mediaUrl?: string; contentHash?: string; phash?: string }) => !!(f.contentHash ?? f.phash ?? f.mediaUrl);
const FeedbackRequest = v.pipe(
  v.object({ ...feedbackFields, reasonKey: text(64, /^[A-Za-z0-9_]+$/), signals: v.pipe(v.array(v.pipe(v.string(), v.maxLength(200))), v.maxLength(20)) }),
  v.check((f) => namesMedia(f)),
);
export type FeedbackRequest = v.InferOutput<typeof FeedbackRequest>;
/** background → engine: the page URL comes from the sender's tab, never from the page. */
const EngineFeedbackRequest = v.pipe(
  v.object({ ...feedbackFields, pageUrl: v.optional(HttpUrl) }),
  v.check((f) => namesMedia(f)),
);
export type EngineFeedbackRequest = v.InferOutput<typeof EngineFeedbackRequest>;

/** One chunk of an added model file, in order; the card comes with every chunk, checked with the sha256 after the last. */
const ModelUpload = v.object({
  card: v.pipe(v.string(), v.maxLength(LIMITS.maxCardChars)),
  size: int(1, LIMITS.maxUserModelBytes),
  offset: int(0, LIMITS.maxUserModelBytes - 1),
  base64: base64(LIMITS.modelChunkBytes),
});
/** `error`: `card`, `taken`, `sha256` (then `sha256` is the file's), `order` or `storage`. */
export type ModelUploadResponse = { ok: true; done: boolean } | { ok: false; error: string; sha256?: string };

interface ModelInfo {
  id: string;
  name: string;
  version: string;
  fixture: boolean;
  loaded: boolean;
  /** Mean ms of preprocessing + session.run. */
  runs: number;
  meanMs: number;
}
export interface EngineStatus {
  backend: string;
  /** Why the models run on `backend` (issue 8). */
  backendChoice?: BackendChoice;
  threads: number;
  models: ModelInfo[];
  detectors: string[];
}
export interface TabStats {
  scanned: number;
  pending: number;
  flagged: number;
  notApplicable: number;
  byBand: Partial<Record<Band, number>>;
  active: boolean;
  hostname: string;
  /** Visible→badge latencies (ms, last 1000) and main-thread time (ms). */
  perf?: { latencyMs: number[]; firstLatencyMs?: number; contentMs: number; contentItems: number };
  /** Page data: the popup reads it only through `parseSiteCheck`. */
  siteCheck?: SiteCheck;
}

export const requests = {
  /** content script → background */
  'media:analyze': AnalyzeRequest,
  /** background → engine (offscreen document in Chrome, same page in Firefox) */
  'engine:analyze': EngineAnalyzeRequest,
  /** popup, options → background → engine */
  'engine:status': Empty,
  /** popup → content script of the active tab */
  'tab:stats': Empty,
  /** content script → background: open the explainer page */
  'explainer:open': Empty,
  /** content script (evidence card) → background → engine: "check more closely" */
  'media:closer-look': v.strictObject({ source: CloserLookSource }),
  'engine:closer-look': v.strictObject({
    source: CloserLookSource,
    sensitivity: v.picklist(SENSITIVITIES),
    minShortSide: v.number(),
    disabledModels: v.pipe(v.array(v.string()), v.maxLength(200)),
  }),
  /** content script (evidence card) → background: "this is wrong / right" (issue 7) */
  'feedback:submit': FeedbackRequest,
  /** background → engine: remember the person's report */
  'engine:feedback': EngineFeedbackRequest,
  /** options → background (which alone writes history and feedback): a page of one list, newest first, older than the `before` entry's [at, id] */
  'person:lists': v.strictObject({
    list: PersonList,
    limit: int(1, LIMITS.maxListPage),
    before: v.optional(v.strictTuple([int(0, Number.MAX_SAFE_INTEGER), EntryId])),
    query: v.optional(v.pipe(v.string(), v.maxLength(200))),
  }),
  /** options → background: one entry, or the whole list without `id` */
  'person:forget': v.strictObject({ list: PersonList, id: v.optional(EntryId) }),
  /** options → background → engine: models the person added */
  'models:list': Empty,
  'models:add': ModelUpload,
  'models:remove': v.strictObject({ id: ModelId }),
  /** options → background → engine: how many pictures are remembered; `clear` forgets them first */
  'engine:memory': v.strictObject({ clear: v.boolean() }),
};
interface Responses {
  'media:analyze': AnalyzeResponse;
  'engine:analyze': AnalyzeResponse;
  'media:closer-look': CloserLookResponse;
  'engine:closer-look': CloserLookResponse;
  'engine:status': EngineStatus;
  'tab:stats': TabStats;
  'explainer:open': Ok;
  'feedback:submit': Ok;
  'engine:feedback': Ok;
  /** `total`: the whole list's length, whatever the query. */
  'person:lists': { entries: (HistoryEntry | FeedbackEntry)[]; more: boolean; total: number };
  'person:forget': Ok;
  'models:list': { models: { card: ModelCard; bytes: number }[]; invalid: InvalidModel[] };
  'models:add': ModelUploadResponse;
  'models:remove': Ok;
  'engine:memory': { remembered: number };
}
export type MessageName = keyof typeof requests;
export type RequestOf<K extends MessageName> = v.InferOutput<(typeof requests)[K]>;
export type ResponseOf<K extends MessageName> = Responses[K];
/** The messages the engine answers; the background forwards them. */
export type EngineMessage = 'engine:analyze' | 'engine:closer-look' | 'engine:status' | 'engine:feedback' | 'engine:memory' | 'models:list' | 'models:add' | 'models:remove';
export type EngineHandlers = { [K in EngineMessage]: (payload: RequestOf<K>) => Promise<ResponseOf<K>> };

export const isRequest = <K extends MessageName>(name: K, value: unknown): value is RequestOf<K> => v.is(requests[name], value);

/** Chrome delivers runtime messages to every extension page: each names its context. */
export type Target = 'background' | 'engine' | 'content';
interface Envelope<K extends MessageName = MessageName> {
  dfr: 1;
  target: Target;
  name: K;
  payload: RequestOf<K>;
}

export function envelope<K extends MessageName>(target: Target, name: K, payload: RequestOf<K>): Envelope<K> {
  return { dfr: 1, target, name, payload };
}

const EnvelopeHead = v.object({ dfr: v.literal(1), target: v.string(), name: v.string() });
/** undefined (dropped and logged) when malformed. */
export function parseEnvelope(value: unknown, target: Target): Envelope | undefined {
  if (!v.is(EnvelopeHead, value) || value.target !== target || !Object.hasOwn(requests, value.name)) return undefined;
  const name = value.name as MessageName;
  const payload = v.safeParse(requests[name], (value as { payload?: unknown }).payload);
  if (!payload.success) {
    console.warn('[deepfake-radar] dropped malformed message', name);
    return undefined;
  }
  return { dfr: 1, target, name, payload: payload.output };
}
