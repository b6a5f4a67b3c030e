/** Evidence values short, plain and single-line; the card sets them as text. */
import { msg, type SignalMessage, type SignalMessageKey } from '../../shared/signal-messages';

/** Prompts and long tool names are cut here. */
const EVIDENCE_MAX_CHARS = 120;

/** Control characters dropped, whitespace collapsed, cut to `max`. */
export function plainText(value: unknown, max = EVIDENCE_MAX_CHARS): string {
  const text = String(value ?? '')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (text.length <= max) return text;
  return `${text.slice(0, Math.max(0, max - 1)).trimEnd()}…`;
}

/** A `Label: value` line, or nothing when the value is empty. */
export function factLine(key: SignalMessageKey, value: unknown, max = EVIDENCE_MAX_CHARS): SignalMessage[] {
  const text = plainText(value, max);
  return text ? [msg(key, text)] : [];
}

export function distinct(values: Iterable<string | undefined>, limit = 20): string[] {
  const out: string[] = [];
  for (const v of values) {
    if (!v || out.includes(v)) continue;
    out.push(v);
    if (out.length >= limit) break;
  }
  return out;
}

export function errorMessage(e: unknown): string {
  if (e instanceof Error) return plainText(e.message, 200);
  return plainText(typeof e === 'string' ? e : stringified(e), 200);
}

/** A thrown value may be circular or a BigInt, on which JSON.stringify itself throws. */
function stringified(e: unknown): string {
  try {
    return JSON.stringify(e) ?? String(e);
  } catch {
    return String(e);
  }
}
