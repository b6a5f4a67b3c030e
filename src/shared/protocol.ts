/**
 * The one message protocol between contexts: a schema per request (the request types are inferred
 * from them) and a response type per message name. Messages of the wrong shape are dropped and logged.
 */
import * as v from 'valibot';
import type { BackendChoice } from './backend-choice';
import type { ModelCard } from './model-card';
import type { FeedbackEntry, HistoryEntry } from './person-db';
import type { SiteCheck } from './site-check';
import { BANDS, SENSITIVITIES, type Band, type Verdict } from './types';
/** Signals' localisable text (evidenceKeys, explanationKey): validated where it is shown. */

export const LIMITS = {
  /** Longest URL accepted in a message. */
  maxUrlLength: 8192,
  /** Largest file the page may hand over as bytes (base64 grows it by 4/3). */
  maxBytesFromPage: 16 * 1024 * 1024,
  /** Page text: a platform label is one short line. */
  maxPlatformLabel: 300,
  /** Largest model file a person may add (the built-ins are a few MB). */
  maxUserModelBytes: 200 * 1024 * 1024,
  /** An added model travels in chunks of this many bytes (Chrome's messages are JSON, at most 64 MiB). */
  modelChunkBytes: 8 * 1024 * 1024,
  /** Longest model card JSON text. */
  maxCardChars: 256 * 1024,
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
const ModelId = text(64, /^[a-z0-9][a-z0-9-]*$/);
const int = (min: number, max: number) => v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max));

const MediaSourceRef = v.variant('type', [
  /** Bytes read in the page (same-origin, blob:, data:), base64 because Chrome messages are JSON. */
  v.object({ type: v.literal('bytes'), base64: base64(LIMITS.maxBytesFromPage), mime: text(128, /^(?:[a-z]+\/[a-z0-9.+-]{1,64})?$/), url: v.optional(HttpUrl) }),
  /** A URL the engine fetches itself (cross-origin; never with credentials). */
  v.object({ type: v.literal('url'), url: HttpUrl }),
  /** A still frame the content script captured from a readable video (PNG). */
  v.object({ type: v.literal('frame'), base64: base64(LIMITS.maxBytesFromPage), mime: v.literal('image/png'), url: v.optional(HttpUrl) }),
]);

/** The platform's own AI label on the post around the media, read by a site adapter (page text). */
const PlatformLabel = v.object({
  /** Adapter id, e.g. `x`, `youtube`. */
  site: text(32, /^[a-z][a-z0-9-]*$/),
  /** The label as the page shows it: one line, collapsed and bounded. */
  label: text(LIMITS.maxPlatformLabel, /^[^\u0000-\u001f\u007f]+$/),
});
export type PlatformLabel = v.InferOutput<typeof PlatformLabel>;

const analyzeFields = {
  kind: v.picklist(['image', 'video']),
  source: MediaSourceRef,
  /** Present when a site adapter found a platform AI label on the post (content does no inference). */
  platform: v.optional(PlatformLabel),
  /** The post's permalink when a site adapter found one (for the local history, issue 7). */
  postUrl: v.optional(HttpUrl),
  /** Only the file-level checks (C2PA, metadata) of a `url` source: the page samples the video's frames itself (issue 5). */
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
    /** The tab's page URL, from the sender (memory: "seen before on <host>"). */
    pageUrl: v.optional(v.string()),
    /** Model ids the person switched off. */
    disabledModels: v.optional(v.pipe(v.array(v.string()), v.maxLength(200))),
    /** False when the person switched off face checks (the face detector and classifier do not run). */
    scanFaces: v.optional(v.boolean()),
  }),
  v.check((r) => bytesOnlyOnUrl(r)),
);
export type AnalyzeResponse = { ok: true; verdict: Verdict } | { ok: false; error: string };

/** What the person said about which picture (at least one of its address and hashes), issue 7. */
const feedbackFields = {
  verdict: v.picklist(['wrong', 'right']),
  band: v.picklist(BANDS),
  mediaUrl: v.optional(HttpUrl),
  contentHash: v.optional(text(64, /^[0-9a-f]{64}$/)),
  phash: v.optional(text(22, /^[0-9a-f]{22}$/)),
};
const namesMedia = (f: { mediaUrl?: string; contentHash?: string; phash?: string }) => !!(f.contentHash ?? f.phash ?? f.mediaUrl);
const FeedbackRequest = v.pipe(
  v.object({
    ...feedbackFields,
    reasonKey: text(64, /^[A-Za-z0-9_]+$/),
    /** Short lines of what the signals found (as on the card). */
    signals: v.pipe(v.array(v.pipe(v.string(), v.maxLength(200))), v.maxLength(20)),
  }),
  v.check((f) => namesMedia(f)),
);
export type FeedbackRequest = v.InferOutput<typeof FeedbackRequest>;
/** background → engine: the page URL comes from the sender's tab, never from the page. */
const EngineFeedbackRequest = v.pipe(
  v.object({ ...feedbackFields, pageUrl: v.optional(HttpUrl) }),
  v.check((f) => namesMedia(f)),
);
export type EngineFeedbackRequest = v.InferOutput<typeof EngineFeedbackRequest>;

/**
 * One chunk of a model file the person adds, in order from offset 0; the card (JSON text) comes
 * with every chunk, and the engine checks it and the file's sha256 once the last one arrives.
 */
const ModelUpload = v.object({
  card: v.pipe(v.string(), v.maxLength(LIMITS.maxCardChars)),
  size: int(1, LIMITS.maxUserModelBytes),
  offset: int(0, LIMITS.maxUserModelBytes - 1),
  base64: base64(LIMITS.modelChunkBytes),
});
/** `error`: `card`, `taken`, `sha256` (then `sha256` is the file's), `order` or `storage`. */
export type ModelUploadResponse = { ok: true; done: boolean } | { ok: false; error: string; sha256?: string };

export interface ModelInfo {
  id: string;
  name: string;
  version: string;
  fixture: boolean;
  loaded: boolean;
  /** Inference runs so far and their mean time (preprocessing + session.run), ms. */
  runs: number;
  meanMs: number;
}
export interface EngineStatus {
  backend: string;
  /** Why the models run on `backend` (issue 8): WebGPU only on a real adapter after a self-test. */
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
  /** What this page costs: visible→badge latencies (ms, last 1000) and main-thread time (ms). */
  perf?: { latencyMs: number[]; firstLatencyMs?: number; contentMs: number; contentItems: number };
  /** On a site with an adapter: how many judged pictures had their post understood (the popup parses it with `parseSiteCheck`). */
  siteCheck?: SiteCheck;
}

/** name → request schema */
export const requests = {
  /** content script → background */
  'media:analyze': AnalyzeRequest,
  /** background → engine (offscreen document in Chrome, same page in Firefox) */
  'engine:analyze': EngineAnalyzeRequest,
  /** popup, options → background → engine */
  'engine:status': Empty,
  /** popup → content script of the active tab */
  'tab:stats': Empty,
  /** content script → background: open the bundled explainer page in a new tab */
  'explainer:open': Empty,
  /** content script (evidence card) → background: "this is wrong / right" (issue 7) */
  'feedback:submit': FeedbackRequest,
  /** background → engine: remember the person's report in the memory index */
  'engine:feedback': EngineFeedbackRequest,
  /** options → background, which alone writes the person's history and feedback: both lists, newest first */
  'person:lists': Empty,
  /** options → background: delete one entry of a list, or the whole list without `id` (tab URLs, part of ids, go up to 2 MB) */
  'person:forget': v.strictObject({ list: v.picklist(['history', 'feedback']), id: v.optional(v.pipe(v.string(), v.maxLength(4 * 1024 * 1024))) }),
  /** options → background → engine: the models the person added (only the engine touches their store) */
  'models:list': Empty,
  'models:add': ModelUpload,
  'models:remove': v.strictObject({ id: ModelId }),
  /** options → background → engine: how many pictures the engine remembers; with `clear`, it forgets them all first */
  'engine:memory': v.strictObject({ clear: v.boolean() }),
};
/** name → response */
interface Responses {
  'media:analyze': AnalyzeResponse;
  'engine:analyze': AnalyzeResponse;
  'engine:status': EngineStatus;
  'tab:stats': TabStats;
  'explainer:open': Ok;
  'feedback:submit': Ok;
  'engine:feedback': Ok;
  'person:lists': { history: HistoryEntry[]; feedback: FeedbackEntry[] };
  'person:forget': Ok;
  'models:list': { models: { card: ModelCard; bytes: number }[] };
  'models:add': ModelUploadResponse;
  'models:remove': Ok;
  'engine:memory': { remembered: number };
}
export type MessageName = keyof typeof requests;
export type RequestOf<K extends MessageName> = v.InferOutput<(typeof requests)[K]>;
export type ResponseOf<K extends MessageName> = Responses[K];
/** The messages the engine answers, wherever it is hosted; the background forwards them. */
export type EngineMessage = 'engine:analyze' | 'engine:status' | 'engine:feedback' | 'engine:memory' | 'models:list' | 'models:add' | 'models:remove';
export type EngineHandlers = { [K in EngineMessage]: (payload: RequestOf<K>) => Promise<ResponseOf<K>> };

export const isRequest = <K extends MessageName>(name: K, value: unknown): value is RequestOf<K> => v.is(requests[name], value);

/** Which context a message is meant for (Chrome delivers runtime messages to every extension page). */
export type Target = 'background' | 'engine' | 'content';
export interface Envelope<K extends MessageName = MessageName> {
  dfr: 1;
  target: Target;
  name: K;
  payload: RequestOf<K>;
}

export function envelope<K extends MessageName>(target: Target, name: K, payload: RequestOf<K>): Envelope<K> {
  return { dfr: 1, target, name, payload };
}

const EnvelopeHead = v.object({ dfr: v.literal(1), target: v.string(), name: v.string() });
/** Parses an incoming message; returns undefined (and the caller ignores it) when malformed. */
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
