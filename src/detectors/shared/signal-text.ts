/**
 * Helpers that keep evidence lines short, plain and safe to show as text: one line, no control
 * characters, truncated with an ellipsis. The card sets them as text (never HTML).
 */
import { msg, type SignalMessage, type SignalMessageKey } from '../../shared/signal-messages';

/** Longest evidence value shown on the card (prompts and long tool names are cut here). */
export const EVIDENCE_MAX_CHARS = 120;

/** One line of plain text: control characters dropped, whitespace collapsed, cut to `max`. */
export function plainText(value: unknown, max = EVIDENCE_MAX_CHARS): string {
  const text = String(value ?? '')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (text.length <= max) return text;
  return `${text.slice(0, Math.max(0, max - 1)).trimEnd()}…`;
}

/** A localisable `Label: value` line (`key` has one `$1`), or nothing when the value is empty. */
export function factLine(key: SignalMessageKey, value: unknown, max = EVIDENCE_MAX_CHARS): SignalMessage[] {
  const text = plainText(value, max);
  return text ? [msg(key, text)] : [];
}

/** Distinct non-empty strings, first occurrence kept, at most `limit`. */
export function distinct(values: Iterable<string | undefined>, limit = 20): string[] {
  const out: string[] = [];
  for (const v of values) {
    if (!v || out.includes(v)) continue;
    out.push(v);
    if (out.length >= limit) break;
  }
  return out;
}

/** A short message from anything thrown, for `error` signals. */
export function errorMessage(e: unknown): string {
  if (e instanceof Error) return plainText(e.message, 200);
  return plainText(typeof e === 'string' ? e : (JSON.stringify(e) ?? String(e)), 200);
}
