/** Request shapes and validators of the person's messages (feedback, user models), issue 7. */
import { BANDS, type Band } from './types';

/** What the person said about which picture (at least one of its address and hashes). */
interface FeedbackCore {
  verdict: 'wrong' | 'right';
  band: Band;
  mediaUrl?: string;
  contentHash?: string;
  phash?: string;
}

export interface FeedbackRequest extends FeedbackCore {
  reasonKey: string;
  /** Short lines of what the signals found (as on the card). */
  signals: string[];
}

/** background → engine: the page URL comes from the sender's tab, never from the page. */
export interface EngineFeedbackRequest extends FeedbackCore {
  pageUrl?: string;
}

/** Short lines for the signals that found something (history, feedback, exports): `detector: outcome (score)`. */
export function summarizeSignals(signals: { detector: string; outcome: string; score?: number }[]): string[] {
  return signals
    .filter((s) => !['none', 'not-applicable'].includes(s.outcome))
    .map((s) => `${s.detector}: ${s.outcome}${s.score !== undefined ? ` (${s.score.toFixed(2)})` : ''}`.slice(0, 200))
    .slice(0, 12);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const optString = (v: unknown, re: RegExp, max = 8192) => v === undefined || (typeof v === 'string' && v.length <= max && re.test(v));
const HTTP = /^https?:\/\//i;

function isFeedbackCore(v: Record<string, unknown>): boolean {
  return (
    (v.verdict === 'wrong' || v.verdict === 'right') &&
    (BANDS as readonly unknown[]).includes(v.band) &&
    optString(v.mediaUrl, HTTP) &&
    optString(v.contentHash, /^[0-9a-f]{64}$/) &&
    optString(v.phash, /^[0-9a-f]{22}$/) &&
    (v.contentHash !== undefined || v.phash !== undefined || v.mediaUrl !== undefined)
  );
}

export function isFeedbackRequest(v: unknown): v is FeedbackRequest {
  return (
    isObject(v) &&
    isFeedbackCore(v) &&
    typeof v.reasonKey === 'string' &&
    /^[A-Za-z0-9_]{1,64}$/.test(v.reasonKey) &&
    Array.isArray(v.signals) &&
    v.signals.length <= 20 &&
    v.signals.every((s) => typeof s === 'string' && s.length <= 200)
  );
}

export function isEngineFeedbackRequest(v: unknown): v is EngineFeedbackRequest {
  return isObject(v) && isFeedbackCore(v) && optString(v.pageUrl, HTTP);
}
