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
import { type SourceType } from '../shared/digital-source-type';
import { mimeOf, sniffFormat, type MediaFormat } from '../shared/media-format';
import { distinct, errorMessage, fact, plainText } from '../shared/signal-text';
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

function base(outcome: Signal['outcome'], strength: Signal['strength'], evidence: string[], explanation: string): Signal {
  return { detector: C2PA_DETECTOR_ID, version: C2PA_DETECTOR_VERSION, outcome, strength, evidence, explanation };
}

function signerLine(s: ManifestSummary): string[] {
  const who = s.issuer ?? s.commonName;
  const name = who && s.commonName && s.commonName !== who ? `${who} (${s.commonName})` : who;
  return fact('Issuer', name);
}

function sourceTypeLines(types: SourceType[], prefix = 'Source type'): string[] {
  return types.map((t) => `${prefix}: ${t.label}`);
}

function commonEvidence(s: ManifestSummary): string[] {
  const agents = distinct(s.actions.map((a) => a.softwareAgent), 3);
  const actions = distinct(s.actions.map((a) => a.action.replace(/^c2pa\./, '')), 8);
  return [
    ...signerLine(s),
    ...fact('Signed', s.signedAt),
    ...fact('Tool', s.claimGenerator),
    ...agents.flatMap((a) => fact('Software agent', a)),
    ...(actions.length ? [`Actions: ${plainText(actions.join(', '))}`] : []),
    ...sourceTypeLines(s.sourceTypes),
    ...sourceTypeLines(s.ingredientSourceTypes, 'Ingredient source type'),
    s.trusted ? 'Signer: on the trust list' : 'Signer: not on a known trust list',
  ];
}

/** Pure mapping from the validated summary to a signal (exported for tests). */
export function signalFromSummary(s: ManifestSummary): Signal {
  const evidence = commonEvidence(s);
  const tool = s.actions.find((a) => a.softwareAgent)?.softwareAgent ?? s.claimGenerator ?? s.issuer ?? 'an unnamed tool';
  const aiTypes = [...s.sourceTypes, ...s.ingredientSourceTypes];
  if (s.validity === 'invalid') {
    const declaresAi = aiTypes.some((t) => t.meaning !== 'other');
    return base(
      'invalid',
      'none',
      [`Status: invalid (${plainText(s.failures.slice(0, 4).join(', ') || 'validation failed')})`, ...evidence],
      `Content Credentials are present but invalid or tampered${declaresAi ? ' (they mention AI, but that cannot be trusted)' : ''}; ` +
        'they are not proof either way.',
    );
  }
  const generated = s.sourceTypes.some((t) => t.meaning === 'generated');
  const edited = s.sourceTypes.some((t) => t.meaning === 'edited') || s.ingredientSourceTypes.some((t) => t.meaning !== 'other');
  const status = `Status: ${s.trusted ? 'valid, trusted signer' : 'valid signature and content hash'}`;
  if (generated || edited) {
    return {
      ...base(
        'declared-ai',
        'strong',
        [status, ...evidence],
        `Signed Content Credentials declare this file was ${generated ? 'generated' : 'edited'} with AI (${plainText(tool, 60)}). ` +
          'Credentials are signed and bound to the file; metadata can be removed, but these were checked.',
      ),
      declaration: generated ? 'generated' : 'edited',
    };
  }
  return base(
    'info',
    s.trusted ? 'moderate' : 'weak',
    [status, ...evidence],
    `Valid Content Credentials from ${plainText(s.issuer ?? tool, 60)} with no AI declared. ` +
      (s.trusted ? 'This is provenance information, not a verdict.' : 'The signer is not on a known trust list; this is provenance information, not a verdict.'),
  );
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
  if (!bytes || bytes.length === 0) return base('not-applicable', 'none', [], 'No file bytes to read Content Credentials from.');
  if (bytes.length > C2PA_LIMITS.maxBytes) return base('not-applicable', 'none', [`Size: ${bytes.length} bytes`], 'File too large to check for Content Credentials.');
  const format = sniffFormat(bytes);
  const mime = mimeOf(format);
  if (!SUPPORTED.has(format) || !mime) return base('not-applicable', 'none', [], 'This file format cannot carry Content Credentials we can read.');
  let store: unknown;
  try {
    store = await withDeadline(readStore(bytes, mime), C2PA_LIMITS.timeoutMs, signal);
  } catch (e) {
    const code = errorCode(e);
    if (NO_MANIFEST.has(code) || !hasManifestContainer(bytes, format)) {
      if (NO_MANIFEST.has(code)) return base('none', 'none', [], 'No Content Credentials (C2PA) in this file.');
      return base('error', 'none', [`Error: ${plainText(code, 80)}`], 'Content Credentials could not be checked.');
    }
    const prerelease = code === 'PrereleaseError';
    return base(
      'invalid',
      'none',
      [`Status: ${prerelease ? 'pre-release C2PA format' : 'unreadable'} (${plainText(code, 80)})`],
      'Content Credentials are present but could not be validated; they are not proof either way.',
    );
  }
  const summary = summarizeManifestStore(store);
  if (!summary) return base('invalid', 'none', ['Status: no active manifest'], 'Content Credentials are present but have no readable active manifest; they are not proof either way.');
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
      return base('error', 'none', [`Error: ${errorMessage(e)}`], 'Content Credentials could not be checked.');
    }
  },
};
