/**
 * The C2PA / Content Credentials detector (c2pa-rs): valid with an AI source type or a named AI
 * generator → `declared-ai`; valid without → `info`; failed validation → `invalid`, never proof.
 * Fixtures: ../shared/data/provenance/{c2pa-rs,ai-credentials,c2pa-public-testfiles}, test/fixtures/provenance/c2pa-signed.
 */
import type { Signal } from '../../shared/types';
import { guardedDetector, signalMaker, type DetectorInput } from '../detector';
import { withDeadline } from '../shared/deadline';
import { sourceTypeParam } from '../shared/digital-source-type';
import { MIME, sniffFormat, type MediaFormat } from '../shared/media-format';
import { distinct, factLine, plainText } from '../shared/signal-text';
import { msg, type SignalMessage, type SignalParam } from '../../shared/signal-messages';
import { hasManifestContainer } from './manifest-presence';
import { summarizeManifestStore, type ManifestSummary } from './manifest-summary';
import { findNamedGenerator, type NamedGenerator, type NamedWhere } from './named-generator';
import { BytesBlob, c2paReader } from './wasm-runtime';

const C2PA_LIMITS = {
  /** A backstop: fetched videos are already bounded. */
  maxBytes: 256 * 1024 * 1024,
  /** Including the first WASM load. */
  timeoutMs: 15_000,
};

const SUPPORTED: ReadonlySet<MediaFormat> = new Set(['jpeg', 'png', 'webp', 'avif', 'heic', 'mp4', 'mov', 'gif', 'tiff']);

const base = signalMaker('c2pa', '1', 'provenance');

function signerLine(s: ManifestSummary): SignalMessage[] {
  const who = s.issuer ?? s.commonName;
  const name = who && s.commonName && s.commonName !== who ? `${who} (${s.commonName})` : who;
  return factLine('sig_c2pa_issuer', name);
}

function commonEvidence(s: ManifestSummary): SignalMessage[] {
  const agents = s.actions.map((a) => a.softwareAgent);
  const actions = s.actions.map((a) => a.action.replace(/^c2pa\./, ''));
  return [
    ...signerLine(s),
    msg(s.trusted ? 'sig_c2pa_signerTrusted' : 'sig_c2pa_signerUntrusted'),
    ...factLine('sig_c2pa_signed', s.signedAt),
    ...factLine('sig_tool', s.claimGenerator),
    ...distinct(agents, 3).flatMap((a) => factLine('sig_c2pa_agent', a)),
    ...factLine('sig_c2pa_actions', distinct(actions, 8).join(', ')),
    ...s.sourceTypes.map((t) => msg('sig_sourceType', sourceTypeParam(t))),
    ...s.ingredientSourceTypes.map((t) => msg('sig_c2pa_ingredientSourceType', sourceTypeParam(t))),
  ];
}

const WHERE_KEY = {
  claimGenerator: 'sig_c2pa_whereClaimGenerator',
  softwareAgent: 'sig_c2pa_whereAgent',
  ingredient: 'sig_c2pa_whereIngredient',
} as const satisfies Record<NamedWhere, string>;

function namedLine(n: NamedGenerator): SignalMessage {
  return msg('sig_c2pa_generatorNamed', plainText(n.generator.name, 60), { key: WHERE_KEY[n.where] }, plainText(n.value, 80));
}

function namedExplanation(n: NamedGenerator, s: ManifestSummary): SignalMessage {
  const who = s.issuer ?? s.commonName;
  const signer: SignalParam = who ? plainText(who, 60) : { key: 'sig_c2pa_unnamedSigner' };
  const trust: SignalParam = { key: s.trusted ? 'sig_c2pa_trustListed' : 'sig_c2pa_trustUnlisted' };
  return msg(n.declaration === 'generated' ? 'sig_c2pa_namedGenerated' : 'sig_c2pa_namedEdited', plainText(n.generator.name, 60), signer, trust);
}

export function signalFromSummary(s: ManifestSummary): Signal {
  const named = findNamedGenerator(s);
  // The named generator goes right after the status line: it is what decided.
  const evidence = [...(named ? [namedLine(named)] : []), ...commonEvidence(s)];
  const toolName = s.actions.find((a) => a.softwareAgent)?.softwareAgent ?? s.claimGenerator ?? s.issuer;
  const tool: SignalParam = toolName ? plainText(toolName, 60) : { key: 'sig_c2pa_unnamedTool' };
  const aiTypes = [...s.sourceTypes, ...s.ingredientSourceTypes];
  if (s.validity === 'invalid') {
    const declaresAi = aiTypes.some((t) => t.meaning !== 'other') || !!named;
    const failures = plainText(s.failures.slice(0, 4).join(', '));
    return base(
      'invalid',
      'none',
      [failures ? msg('sig_c2pa_statusInvalid', failures) : msg('sig_c2pa_statusInvalidUnknown'), ...evidence],
      msg(declaresAi ? 'sig_c2pa_invalidMentionsAi' : 'sig_c2pa_invalid'),
    );
  }
  const status = msg(s.trusted ? 'sig_c2pa_statusTrusted' : 'sig_c2pa_statusValid');
  // A source type in the active manifest is the most specific declaration; a named generator comes
  // next; AI source types only inside ingredients last.
  const byType = s.sourceTypes.some((t) => t.meaning === 'generated') ? 'generated' : s.sourceTypes.some((t) => t.meaning === 'edited') ? 'edited' : undefined;
  const byIngredientType = s.ingredientSourceTypes.some((t) => t.meaning !== 'other') ? 'edited' : undefined;
  const declaration = byType ?? named?.declaration ?? byIngredientType;
  if (declaration) {
    const explanation = !byType && named ? namedExplanation(named, s) : msg(declaration === 'generated' ? 'sig_c2pa_generated' : 'sig_c2pa_edited', tool);
    return { ...base('declared-ai', 'strong', [status, ...evidence], explanation), declaration };
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

async function runC2pa(input: DetectorInput, signal?: AbortSignal): Promise<Signal> {
  const bytes = input.bytes;
  if (!bytes || bytes.length === 0) return base('not-applicable', 'none', [], msg('sig_c2pa_noBytes'));
  if (bytes.length > C2PA_LIMITS.maxBytes) return base('not-applicable', 'none', [msg('sig_fileSize', String(bytes.length))], msg('sig_c2pa_tooLarge'));
  const format = sniffFormat(bytes);
  const mime = MIME[format];
  if (!SUPPORTED.has(format) || !mime) return base('not-applicable', 'none', [], msg('sig_c2pa_format'));
  let store: unknown;
  try {
    store = await withDeadline(readStore(bytes, mime), C2PA_LIMITS.timeoutMs, signal);
  } catch (e) {
    const code = errorCode(e);
    if (NO_MANIFEST.has(code)) return base('none', 'none', [], msg('sig_c2pa_none'));
    if (!hasManifestContainer(bytes, format)) return base('error', 'none', [msg('sig_error', plainText(code, 80))], msg('sig_c2pa_error'));
    const prerelease = code === 'PrereleaseError';
    return base('invalid', 'none', [msg(prerelease ? 'sig_c2pa_statusPrerelease' : 'sig_c2pa_statusUnreadable', plainText(code, 80))], msg('sig_c2pa_unvalidated'));
  }
  const summary = summarizeManifestStore(store);
  if (!summary) return base('invalid', 'none', [msg('sig_c2pa_statusNoActive')], msg('sig_c2pa_noActive'));
  return signalFromSummary(summary);
}

export const c2paDetector = guardedDetector(base, { needs: 'bytes', errorKey: 'sig_c2pa_error', run: runC2pa });
