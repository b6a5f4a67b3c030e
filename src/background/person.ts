/** The person's side (issue 7): flagged verdicts to the local history, "this is wrong/right" to the feedback store and the engine's memory. */
import browser, { type Runtime } from '../shared/browser';
import { addFeedback, addHistoryEntry } from '../shared/history-store';
import { summarizeSignals } from '../shared/person-protocol';
import { LIMITS, type AnalyzeRequest, type AnalyzeResponse, type EngineFeedbackRequest, type FeedbackRequest } from '../shared/protocol';
import type { Settings } from '../shared/settings';
import { isFlagged } from '../shared/types';

// Stored entries stay small (a page of the History is limit × the largest): tab URLs cut, oversized thumbnails dropped.
const tabUrl = (sender: Runtime.MessageSender) => sender.tab?.url?.slice(0, LIMITS.maxUrlLength);
const httpUrl = (u: string | undefined) => (u && /^https?:\/\//i.test(u) ? u : undefined);

let historyWrites: Promise<unknown> = Promise.resolve();

/** Thumbnails of recent flagged items, so feedback can carry one (only exported on request). */
const recentThumbs = new Map<string, string>();

/** Returns the response without the thumbnail. */
export async function recordVerdict(res: AnalyzeResponse, req: AnalyzeRequest, sender: Runtime.MessageSender, settings: Settings): Promise<AnalyzeResponse> {
  if (!res.ok) return res;
  const { thumbnail: made, ...verdict } = res.verdict;
  const thumbnail = made && made.length <= LIMITS.maxThumbnailChars ? made : undefined;
  const { band, reasonKey, contentHash, phash } = verdict;
  const pageUrl = tabUrl(sender) ?? '';
  const mediaUrl = req.source.url;
  // A video's sampled frames are one item (its URL), not one history entry per frame.
  const key = req.source.type === 'frame' ? (mediaUrl ?? contentHash) : (contentHash ?? phash ?? mediaUrl);
  if (thumbnail && key) {
    recentThumbs.set(key, thumbnail);
    if (recentThumbs.size > 200) recentThumbs.delete(recentThumbs.keys().next().value!);
  }
  if (isFlagged(band) && key) {
    const signals = summarizeSignals(verdict.signals);
    const entry = { id: `${pageUrl}|${key}`, at: Date.now(), pageUrl, mediaUrl, postUrl: req.postUrl, kind: verdict.media.kind, band, reasonKey, signals, thumbnail, contentHash, phash };
    // Written in order, in the background: the badge never waits for the history.
    historyWrites = historyWrites.then(() => addHistoryEntry(entry, settings)).catch((e) => console.warn('[deepfake-radar] history write failed', e));
  }
  return { ok: true, verdict };
}

export async function recordFeedback(req: FeedbackRequest, sender: Runtime.MessageSender, toEngine: (r: EngineFeedbackRequest) => Promise<{ ok: boolean }>): Promise<{ ok: boolean }> {
  const pageUrl = httpUrl(tabUrl(sender));
  const key = req.contentHash ?? req.phash ?? req.mediaUrl ?? '';
  // `req` holds only the protocol's fields (the message was parsed).
  await addFeedback({ ...req, id: `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`, at: Date.now(), pageUrl, thumbnail: recentThumbs.get(key) });
  await toEngine({ verdict: req.verdict, band: req.band, mediaUrl: req.mediaUrl, pageUrl, contentHash: req.contentHash, phash: req.phash }).catch(() => undefined);
  return { ok: true };
}

/** The welcome page on first install, opened in the background: a tab that takes focus hides the page, and hidden pages pause video sampling. */
export function openWelcomeOnInstall(): void {
  browser.runtime.onInstalled.addListener((details) => {
    if (details.reason !== 'install') return;
    void browser.tabs.create({ url: browser.runtime.getURL('src/options/options.html#welcome'), active: false }).catch(() => undefined);
  });
}
