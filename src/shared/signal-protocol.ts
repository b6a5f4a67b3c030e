/**
 * Validators for signals' localisable text (src/shared/signal-messages.ts), part of the message
 * protocol (re-exported by protocol.ts). Signals travel engine → background → content script; the
 * card checks each signal's keys with these before it shows them and falls back to the English
 * strings otherwise. Keys must be in the known list; params are plain, single-line, bounded text
 * (file and page values only ever arrive here) or one level of fixed phrase.
 */
import { isSignalMessageKey, placeholderCount, SIGNAL_MESSAGES, SIGNAL_TEXT_LIMITS, type SignalMessage } from './signal-messages';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A substitution in signal text: one line of plain text, bounded (file/page values land here). */
const isSignalParamText = (v: unknown): v is string => typeof v === 'string' && v.length <= SIGNAL_TEXT_LIMITS.maxParamChars && !/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(v);
function isMessageRef(v: unknown, depth: number): v is SignalMessage {
  if (!isObject(v) || !isSignalMessageKey(v.key)) return false;
  const params = v.params ?? [];
  if (!Array.isArray(params) || params.length !== placeholderCount(SIGNAL_MESSAGES[v.key])) return false;
  return params.every((p) => isSignalParamText(p) || (depth === 0 && isMessageRef(p, 1)));
}
/** A localisable line of a signal: a known key, exactly its number of params, each plain bounded text (or a fixed phrase). */
export const isSignalMessage = (v: unknown): v is SignalMessage => isMessageRef(v, 0);
/** A signal's `evidenceKeys` list, when present: bounded, every line valid. */
export const isSignalEvidenceKeys = (v: unknown): v is SignalMessage[] => Array.isArray(v) && v.length <= SIGNAL_TEXT_LIMITS.maxEvidence && v.every(isSignalMessage);
