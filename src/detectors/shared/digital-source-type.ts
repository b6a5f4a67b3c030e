/** The IPTC Digital Source Type vocabulary (https://cv.iptc.org/newscodes/digitalsourcetype/), in C2PA, XMP and IPTC. */
import { isSignalMessageKey, SIGNAL_MESSAGES, type SignalParam } from '../../shared/signal-messages';
import { plainText } from './signal-text';

type SourceTypeMeaning = 'generated' | 'edited' | 'other';

export interface SourceType {
  code: string;
  meaning: SourceTypeMeaning;
}

/** Every code of the vocabulary has a phrase (`sig_dst_<code>`); these two declare AI, the rest are `other`. */
const KNOWN = Object.keys(SIGNAL_MESSAGES).flatMap((k) => (k.startsWith('sig_dst_') ? [k.slice(8)] : []));
const AI_MEANING: Record<string, SourceTypeMeaning> = { trainedAlgorithmicMedia: 'generated', compositeWithTrainedAlgorithmicMedia: 'edited' };

const PREFIX = /^(?:https?:\/\/)?(?:cv\.iptc\.org\/newscodes\/digitalsourcetype\/|c2pa\.org\/digitalsourcetype\/)/i;

/** A URI or bare code; `undefined` when it is not one. */
export function parseSourceType(value: unknown): SourceType | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  if (!trimmed || trimmed.length > 200) return undefined;
  const code = trimmed.replace(PREFIX, '').replace(/[/#?].*$/, '');
  const hit = KNOWN.find((k) => k.toLowerCase() === code.toLowerCase());
  if (hit) return { code: hit, meaning: AI_MEANING[hit] ?? 'other' };
  // Not in our list but clearly a source type URI: report it, never as AI.
  if (PREFIX.test(trimmed)) return { code, meaning: 'other' };
  return undefined;
}

/** The phrase for a known code, else the code. */
export function sourceTypeParam(t: SourceType): SignalParam {
  const key = `sig_dst_${t.code}`;
  return isSignalMessageKey(key) ? { key } : plainText(t.code);
}

export function strongestMeaning(types: SourceType[]): SourceTypeMeaning | undefined {
  if (types.some((t) => t.meaning === 'generated')) return 'generated';
  if (types.some((t) => t.meaning === 'edited')) return 'edited';
  return types.length ? 'other' : undefined;
}
