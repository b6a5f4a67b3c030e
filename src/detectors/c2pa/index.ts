/**
 * The C2PA / Content Credentials detector: reads the active manifest with c2pa-rs (WASM),
 * validates the claim signature and the hash binding to the file, and reports the signer, signing
 * time, tool, actions and every digital source type.
 *
 * - valid + AI source type → `declared-ai` (generated, or edited with AI)
 * - valid, no AI → `info` (provenance that lowers suspicion; not a verdict)
 * - failed validation → `invalid` ("present but invalid/tampered"), never proof either way
 * Fixtures: ../shared/data/provenance/{c2pa-rs,ai-credentials,c2pa-public-testfiles}.
 */
import type { Signal } from '../../shared/types';
import type { Detector, DetectorInput } from '../detector';
import { withDeadline } from '../shared/deadline';
import { sourceTypeParam, type SourceType } from '../shared/digital-source-type';
import { mimeOf, sniffFormat, type MediaFormat } from '../shared/media-format';
import { distinct, errorMessage, factLine, plainText } from '../shared/signal-text';
import { msg, signalText, type SignalMessage, type SignalParam } from '../../shared/signal-messages';
import { hasManifestContainer } from './manifest-presence';
import { summarizeManifestStore, type ManifestSummary } from './manifest-summary';
import { BytesBlob, c2paReader } from './wasm-runtime';

export const C2PA_DETECTOR_ID = 'c2pa';
export const C2PA_DETECTOR_VERSION = '1';

export const C2PA_LIMITS = {
  /** Larger files are not read (videos the engine fetched are already bounded; this is a backstop). */
  maxBytes: 256 * 1024 * 1024,
  /** Most time one file may take, including the first WASM load. */
  timeoutMs: 15_000,
};

const SUPPORTED: ReadonlySet<MediaFormat> = new Set(['jpeg', 'png', 'webp', 'avif', 'heic', 'mp4', 'mov', 'gif', 'tiff']);

function base(outcome: Signal['outcome'], strength: Signal['strength'], evidence: SignalMessage[], explanation: SignalMessage): Signal {
  return { detector: C2PA_DETECTOR_ID, version: C2PA_DETECTOR_VERSION, outcome, strength, ...signalText(evidence, explanation) };
}

function signerLine(s: ManifestSummary): SignalMessage[] {
  const who = s.issuer ?? s.commonName;
  const name = who && s.commonName && s.commonName !== who ? `${who} (${s.commonName})` : who;
  return factLine('sig_c2pa_issuer', name);
}

function sourceTypeLines(types: SourceType[], key: 'sig_sourceType' | 'sig_c2pa_ingredientSourceType' = 'sig_sourceType'): SignalMessage[] {
  return types.map((t) => msg(key, sourceTypeParam(t)));
}

function commonEvidence(s: ManifestSummary): SignalMessage[] {
  const agents = distinct(s.actions.map((a) => a.softwareAgent), 3);
  const actions = distinct(s.actions.map((a) => a.action.replace(/^c2pa\./, '')), 8);
  return [
    ...signerLine(s),
    ...factLine('sig_c2pa_signed', s.signedAt),
    ...factLine('sig_tool', s.claimGenerator),
    ...agents.flatMap((a) => factLine('sig_c2pa_agent', a)),
    ...(actions.length ? [msg('sig_c2pa_actions', plainText(actions.join(', ')))] : []),
    ...sourceTypeLines(s.sourceTypes),
    ...sourceTypeLines(s.ingredientSourceTypes, 'sig_c2pa_ingredientSourceType'),
    msg(s.trusted ? 'sig_c2pa_signerTrusted' : 'sig_c2pa_signerUntrusted'),
  ];
}

/** Pure mapping from the validated summary to a signal (exported for tests). */
export function signalFromSummary(s: ManifestSummary): Signal {
  const evidence = commonEvidence(s);
  const toolName = s.actions.find((a) => a.softwareAgent)?.softwareAgent ?? s.claimGenerator ?? s.issuer;
  const tool: SignalParam = toolName ? plainText(toolName, 60) : { key: 'sig_c2pa_unnamedTool' };
  const aiTypes = [...s.sourceTypes, ...s.ingredientSourceTypes];
  if (s.validity === 'invalid') {
    const declaresAi = aiTypes.some((t) => t.meaning !== 'other');
    const failures = plainText(s.failures.slice(0, 4).join(', '));
    return base(
      'invalid',
      'none',
      [failures ? msg('sig_c2pa_statusInvalid', failures) : msg('sig_c2pa_statusInvalidUnknown'), ...evidence],
      msg(declaresAi ? 'sig_c2pa_invalidMentionsAi' : 'sig_c2pa_invalid'),
    );
  }
  const generated = s.sourceTypes.some((t) => t.meaning === 'generated');
  const edited = s.sourceTypes.some((t) => t.meaning === 'edited') || s.ingredientSourceTypes.some((t) => t.meaning !== 'other');
  const status = msg(s.trusted ? 'sig_c2pa_statusTrusted' : 'sig_c2pa_statusValid');
  if (generated || edited) {
    return {
      ...base('declared-ai', 'strong', [status, ...evidence], msg(generated ? 'sig_c2pa_generated' : 'sig_c2pa_edited', tool)),
      declaration: generated ? 'generated' : 'edited',
    };
  }
  const from: SignalParam = s.issuer ? plainText(s.issuer, 60) : tool;
  return base('info', s.trusted ? 'moderate' : 'weak', [status, ...evidence], msg(s.trusted ? 'sig_c2pa_infoTrusted' : 'sig_c2pa_infoUntrusted', from));
}

/** c2pa-rs errors arrive as strings like `C2pa(JumbfNotFound)`. */
function errorCode(e: unknown): string {
  const text = typeof e === 'string' ? e : e instanceof Error ? e.message : String(e);
  return /C2pa\((\w+)/.exec(text)?.[1] ?? text;
}

const NO_MANIFEST = new Set(['JumbfNotFound', 'ProvenanceMissing', 'JumbfBoxNotFound']);

async function readStore(bytes: Uint8Array, mime: string): Promise<unknown> {
  const Reader = await c2paReader();
  const reader = await Reader.fromBlob(mime, new BytesBlob(bytes));
  try {
    return reader.manifestStore();
  } finally {
    reader.free();
  }
}

export async function runC2pa(input: DetectorInput, signal?: AbortSignal): Promise<Signal> {
  const bytes = input.bytes;
  if (!bytes || bytes.length === 0) return base('not-applicable', 'none', [], msg('sig_c2pa_noBytes'));
  if (bytes.length > C2PA_LIMITS.maxBytes) return base('not-applicable', 'none', [msg('sig_fileSize', String(bytes.length))], msg('sig_c2pa_tooLarge'));
  const format = sniffFormat(bytes);
  const mime = mimeOf(format);
  if (!SUPPORTED.has(format) || !mime) return base('not-applicable', 'none', [], msg('sig_c2pa_format'));
  let store: unknown;
  try {
    store = await withDeadline(readStore(bytes, mime), C2PA_LIMITS.timeoutMs, signal);
  } catch (e) {
    const code = errorCode(e);
    if (NO_MANIFEST.has(code) || !hasManifestContainer(bytes, format)) {
      if (NO_MANIFEST.has(code)) return base('none', 'none', [], msg('sig_c2pa_none'));
      return base('error', 'none', [msg('sig_error', plainText(code, 80))], msg('sig_c2pa_error'));
    }
    const prerelease = code === 'PrereleaseError';
    return base(
      'invalid',
      'none',
      [msg(prerelease ? 'sig_c2pa_statusPrerelease' : 'sig_c2pa_statusUnreadable', plainText(code, 80))],
      msg('sig_c2pa_unvalidated'),
    );
  }
  const summary = summarizeManifestStore(store);
  if (!summary) return base('invalid', 'none', [msg('sig_c2pa_statusNoActive')], msg('sig_c2pa_noActive'));
  return signalFromSummary(summary);
}

export const c2paDetector: Detector = {
  id: C2PA_DETECTOR_ID,
  version: C2PA_DETECTOR_VERSION,
  needs: 'bytes',
  async run(input, signal) {
    try {
      return await runC2pa(input, signal);
    } catch (e) {
      return base('error', 'none', [msg('sig_error', errorMessage(e))], msg('sig_c2pa_error'));
    }
  },
};
