/**
 * The one message protocol between contexts: a map from message name to request and response
 * types, with a runtime validator per request. Messages of the wrong shape are dropped and logged.
 */
import type { Band, MediaKind, Sensitivity, Verdict } from './types';
import { SENSITIVITIES } from './types';
import type { BackendChoice } from './backend-choice';
import { isEngineFeedbackRequest, isFeedbackRequest, type EngineFeedbackRequest, type FeedbackRequest } from './person-protocol';
import type { SiteCheck } from './site-check';
export type { EngineFeedbackRequest, FeedbackRequest } from './person-protocol';
/** Signals' localisable text (evidenceKeys, explanationKey): validated where it is shown. */
export { isSignalEvidenceKeys, isSignalMessage } from './signal-protocol';

/** Bytes read in the page (same-origin, blob:, data:), base64 because Chrome messages are JSON. */
export interface BytesSource {
  type: 'bytes';
  base64: string;
  mime: string;
  /** The page's URL for this media, when it is an http(s) URL (for the cache and context links). */
  url?: string;
}
/** A URL the engine fetches itself (cross-origin; never with credentials). */
export interface UrlSource {
  type: 'url';
  url: string;
}
/** A still frame the content script captured from a readable video (PNG). */
export interface FrameSource {
  type: 'frame';
  base64: string;
  mime: 'image/png';
  url?: string;
}
export type MediaSourceRef = BytesSource | UrlSource | FrameSource;

/** The platform's own AI label on the post around the media, read by a site adapter (page text). */
export interface PlatformLabel {
  /** Adapter id, e.g. `x`, `youtube`. */
  site: string;
  /** The label as the page shows it, collapsed and bounded. */
  label: string;
}

export interface AnalyzeRequest {
  kind: MediaKind;
  source: MediaSourceRef;
  /** Present when a site adapter found a platform AI label on the post (content does no inference). */
  platform?: PlatformLabel;
  /** The post's permalink when a site adapter found one (for the local history, issue 7). */
  postUrl?: string;
  /**
   * Only the file-level checks (C2PA, metadata) of a `url` source: the page samples the video's
   * frames itself and asks the engine about the file once (issue 5).
   */
  bytesOnly?: true;
}
export interface EngineAnalyzeRequest extends AnalyzeRequest {
  sensitivity: Sensitivity;
  minShortSide: number;
  /** The tab's page URL, from the sender (memory: "seen before on <host>"). */
  pageUrl?: string;
  /** Model ids the person switched off. */
  disabledModels?: string[];
  /** False when the person switched off face checks (the face detector and classifier do not run). */
  scanFaces?: boolean;
}
export type AnalyzeResponse = { ok: true; verdict: Verdict } | { ok: false; error: string };

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

/** name → [request, response] */
export interface ProtocolMap {
  /** content script → background */
  'media:analyze': [AnalyzeRequest, AnalyzeResponse];
  /** background → engine (offscreen document in Chrome, same page in Firefox) */
  'engine:analyze': [EngineAnalyzeRequest, AnalyzeResponse];
  /** popup → background → engine */
  'engine:status': [Record<string, never>, EngineStatus];
  /** popup → content script of the active tab */
  'tab:stats': [Record<string, never>, TabStats];
  /** content script → background: open the bundled explainer page in a new tab */
  'explainer:open': [Record<string, never>, { ok: boolean }];
  /** content script (evidence card) → background: "this is wrong / right" (issue 7) */
  'feedback:submit': [FeedbackRequest, { ok: boolean }];
  /** background → engine: remember the person's report in the memory index */
  'engine:feedback': [EngineFeedbackRequest, { ok: boolean }];
  /** options page → background → engine: the added models or the remembered pictures changed in IndexedDB */
  'engine:reload': [EngineReloadRequest, { ok: boolean }];
}
export interface EngineReloadRequest {
  what: 'models' | 'memory';
}
export type MessageName = keyof ProtocolMap;
export type RequestOf<K extends MessageName> = ProtocolMap[K][0];
export type ResponseOf<K extends MessageName> = ProtocolMap[K][1];

/** Which context a message is meant for (Chrome delivers runtime messages to every extension page). */
export type Target = 'background' | 'engine' | 'content';
export interface Envelope<K extends MessageName = MessageName> {
  dfr: 1;
  target: Target;
  name: K;
  payload: RequestOf<K>;
}

export const LIMITS = {
  /** Longest URL accepted in a message. */
  maxUrlLength: 8192,
  /** Largest file the page may hand over as bytes (base64 grows it by 4/3). */
  maxBytesFromPage: 16 * 1024 * 1024,
} as const;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isHttpUrl = (v: unknown): v is string => {
  if (typeof v !== 'string' || v.length > LIMITS.maxUrlLength) return false;
  try {
    const u = new URL(v);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
};
const MIME = /^[a-z]+\/[a-z0-9.+-]{1,64}$/;

function isSource(v: unknown): v is MediaSourceRef {
  if (!isObject(v)) return false;
  if (v.type === 'url') return isHttpUrl(v.url);
  if (v.type === 'bytes' || v.type === 'frame')
    return (
      (v.type === 'bytes' || v.mime === 'image/png') &&
      typeof v.base64 === 'string' &&
      v.base64.length <= Math.ceil(LIMITS.maxBytesFromPage / 3) * 4 &&
      typeof v.mime === 'string' &&
      (v.mime === '' || MIME.test(v.mime)) &&
      (v.url === undefined || isHttpUrl(v.url))
    );
  return false;
}

/** Page text: a short single-line string, nothing else. */
export const MAX_PLATFORM_LABEL = 300;
function isPlatformLabel(v: unknown): v is PlatformLabel {
  return (
    isObject(v) &&
    typeof v.site === 'string' &&
    /^[a-z][a-z0-9-]{0,31}$/.test(v.site) &&
    typeof v.label === 'string' &&
    v.label.length > 0 &&
    v.label.length <= MAX_PLATFORM_LABEL &&
    !/[\u0000-\u001f\u007f]/.test(v.label)
  );
}

function isAnalyzeRequest(v: unknown): v is AnalyzeRequest {
  return isObject(v) && (v.kind === 'image' || v.kind === 'video') && isSource(v.source) && (v.platform === undefined || isPlatformLabel(v.platform)) && (v.postUrl === undefined || isHttpUrl(v.postUrl)) && (v.bytesOnly === undefined || (v.bytesOnly === true && isObject(v.source) && v.source.type === 'url'));
}

const isEmpty = (v: unknown): v is Record<string, never> => isObject(v) && Object.keys(v).length === 0;

export const validators: { [K in MessageName]: (v: unknown) => v is RequestOf<K> } = {
  'media:analyze': isAnalyzeRequest,
  'engine:analyze': (v): v is EngineAnalyzeRequest =>
    isAnalyzeRequest(v) &&
    (SENSITIVITIES as readonly unknown[]).includes((v as unknown as Record<string, unknown>).sensitivity) &&
    typeof (v as unknown as Record<string, unknown>).minShortSide === 'number' &&
    ['undefined', 'boolean'].includes(typeof (v as unknown as Record<string, unknown>).scanFaces),
  'engine:status': isEmpty,
  'tab:stats': isEmpty,
  'explainer:open': isEmpty,
  'feedback:submit': isFeedbackRequest,
  'engine:feedback': isEngineFeedbackRequest,
  'engine:reload': (v): v is EngineReloadRequest => isObject(v) && Object.keys(v).length === 1 && (v.what === 'models' || v.what === 'memory'),
};

export function envelope<K extends MessageName>(target: Target, name: K, payload: RequestOf<K>): Envelope<K> {
  return { dfr: 1, target, name, payload };
}

/** Parses an incoming message; returns undefined (and the caller ignores it) when malformed. */
export function parseEnvelope(v: unknown, target: Target): Envelope | undefined {
  if (!isObject(v) || v.dfr !== 1 || v.target !== target || typeof v.name !== 'string') return undefined;
  if (!Object.hasOwn(validators, v.name)) return undefined;
  const name = v.name as MessageName;
  if (!validators[name](v.payload)) {
    console.warn('[deepfake-radar] dropped malformed message', name);
    return undefined;
  }
  return v as unknown as Envelope;
}
