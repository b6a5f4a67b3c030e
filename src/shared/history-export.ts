/** History and feedback as JSON and CSV files the person saves locally. */
import type { FeedbackEntry, HistoryEntry } from './person-db';

const EXPORT_FORMAT = 'deepfake-radar-export';

const HISTORY_COLUMNS = ['date', 'band', 'reason', 'pageUrl', 'postUrl', 'mediaUrl', 'signals', 'feedback', 'contentHash', 'phash'] as const;
const FEEDBACK_COLUMNS = ['date', 'verdict', 'band', 'reason', 'pageUrl', 'mediaUrl', 'signals', 'contentHash', 'phash'] as const;

/** RFC 4180; a field a spreadsheet would run as a formula gets an apostrophe (page text comes from the web). */
export function csvField(value: unknown): string {
  let s = value === undefined || value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const csv = (rows: unknown[][]) => rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
const iso = (at: number) => new Date(at).toISOString();

export function historyToCsv(entries: HistoryEntry[]): string {
  return csv([[...HISTORY_COLUMNS], ...entries.map((e) => [iso(e.at), e.band, e.reasonKey, e.pageUrl, e.postUrl, e.mediaUrl, e.signals.join('; '), e.feedback, e.contentHash, e.phash])]);
}

export function feedbackToCsv(entries: FeedbackEntry[]): string {
  return csv([[...FEEDBACK_COLUMNS], ...entries.map((e) => [iso(e.at), e.verdict, e.band, e.reasonKey, e.pageUrl, e.mediaUrl, e.signals.join('; '), e.contentHash, e.phash])]);
}

type JsonOptions = { includeImages: boolean; now?: number };

/** Thumbnails only when the person asks for them. */
function toJson(kind: 'history' | 'feedback', entries: (HistoryEntry | FeedbackEntry)[], opts: JsonOptions): string {
  const items = entries.map(({ thumbnail, ...rest }) => ({ ...rest, date: iso(rest.at), ...(opts.includeImages && thumbnail ? { thumbnail } : {}) }));
  return JSON.stringify({ format: EXPORT_FORMAT, kind, version: 1, exportedAt: iso(opts.now ?? Date.now()), items }, null, 2) + '\n';
}

export const historyToJson = (entries: HistoryEntry[], opts: JsonOptions) => toJson('history', entries, opts);
export const feedbackToJson = (entries: FeedbackEntry[], opts: JsonOptions) => toJson('feedback', entries, opts);
