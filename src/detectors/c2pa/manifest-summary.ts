/** The few facts the card shows from the c2pa-rs manifest store: third-party data, every field checked before use. */
import { parseSourceType, type SourceType } from '../shared/digital-source-type';

export type Validity = 'trusted' | 'valid' | 'invalid';

export interface ManifestTools {
  /** `claim_generator` and each `claim_generator_info` name. */
  claimGenerators: string[];
  actions: { action: string; softwareAgent?: string }[];
  sourceTypes: SourceType[];
}

interface IngredientTools extends ManifestTools {
  /** `parentOf` (opened from), `componentOf`, `inputTo`. */
  relationship?: string;
}

export interface ManifestSummary extends ManifestTools {
  validity: Validity;
  /** Codes that make the store invalid (untrusted signer excluded). */
  failures: string[];
  trusted: boolean;
  issuer?: string;
  commonName?: string;
  signedAt?: string;
  claimGenerator?: string;
  ingredientSourceTypes: SourceType[];
  ingredients: IngredientTools[];
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v : undefined);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** Reported apart: the signature itself can still be valid. */
const TRUST_CODES = new Set(['signingCredential.untrusted']);

/** SDK names, not products. */
const LIBRARY = /^(?:c2pa-rs|c2pa-js|c2pa-python|c2pa-c|c2patool)$/i;

/** Product entries of `claim_generator_info`: a list, or a single object (some C2PA 2.x writers). */
function generatorInfos(manifest: Json): Json[] {
  const info = manifest.claim_generator_info;
  return (isObject(info) ? [info] : arr(info))
    .filter(isObject)
    .slice(0, 10)
    .filter((i) => str(i.name) && !LIBRARY.test(String(i.name)));
}

function generatorName(manifest: Json): string | undefined {
  const named = generatorInfos(manifest)[0];
  return named ? [str(named.name), str(named.version)].filter(Boolean).join(' ') : str(manifest.claim_generator);
}

function agentName(agent: unknown): string | undefined {
  if (typeof agent === 'string') return str(agent);
  if (isObject(agent)) return [str(agent.name), str(agent.version)].filter(Boolean).join(' ') || undefined;
  return undefined;
}

function actionsOf(manifest: Json): { action: string; softwareAgent?: string; digitalSourceType?: unknown }[] {
  const out: { action: string; softwareAgent?: string; digitalSourceType?: unknown }[] = [];
  for (const assertion of arr(manifest.assertions).filter(isObject)) {
    const label = str(assertion.label) ?? '';
    if (!/^c2pa\.actions(\.v\d+)?$/.test(label) || !isObject(assertion.data)) continue;
    for (const a of arr(assertion.data.actions).filter(isObject).slice(0, 200)) {
      const action = str(a.action);
      if (action) out.push({ action, softwareAgent: agentName(a.softwareAgent), digitalSourceType: a.digitalSourceType });
    }
  }
  return out;
}

const distinctTypes = (types: (SourceType | undefined)[]) => types.filter((t, i): t is SourceType => !!t && types.findIndex((o) => o?.code === t.code) === i);

function toolsOf(manifest: Json): ManifestTools {
  const actions = actionsOf(manifest);
  const legacy = str(manifest.claim_generator);
  return {
    claimGenerators: [...(legacy ? [legacy] : []), ...generatorInfos(manifest).map((i) => String(i.name))],
    actions: actions.map(({ action, softwareAgent }) => ({ action, softwareAgent })),
    sourceTypes: distinctTypes(actions.map((a) => parseSourceType(a.digitalSourceType))),
  };
}

function validationFailures(store: Json): string[] {
  // `validation_status` lists every failure; `validation_results` splits them into the active manifest and ingredient deltas.
  const results = isObject(store.validation_results) ? store.validation_results : undefined;
  const active = results && isObject(results.activeManifest) ? results.activeManifest : undefined;
  const deltas = results ? arr(results.ingredientDeltas).filter(isObject).slice(0, 100) : [];
  const entries = [...arr(store.validation_status), ...(active ? arr(active.failure) : []), ...deltas.flatMap((d) => (isObject(d.validationDeltas) ? arr(d.validationDeltas.failure) : []))];
  const codes = entries
    .filter(isObject)
    .map((e) => str(e.code))
    .filter((c): c is string => !!c);
  return [...new Set(codes)].slice(0, 20);
}

export function summarizeManifestStore(store: unknown): ManifestSummary | undefined {
  if (!isObject(store)) return undefined;
  const manifests = isObject(store.manifests) ? store.manifests : {};
  const activeLabel = str(store.active_manifest);
  const active = activeLabel && isObject(manifests[activeLabel]) ? (manifests[activeLabel] as Json) : undefined;
  if (!active) return undefined;

  const allFailures = validationFailures(store);
  const failures = allFailures.filter((c) => !TRUST_CODES.has(c));
  const state = str(store.validation_state);
  const trusted = state === 'Trusted';
  // c2pa-rs reports Invalid / Valid / Trusted; older stores only list status codes.
  const invalid = state ? state === 'Invalid' : failures.length > 0;
  const validity: Validity = invalid ? 'invalid' : trusted ? 'trusted' : 'valid';

  const signature = isObject(active.signature_info) ? active.signature_info : {};
  const ingredients: IngredientTools[] = [];
  for (const ingredient of arr(active.ingredients).filter(isObject).slice(0, 100)) {
    const label = str(ingredient.active_manifest);
    const m = label && isObject(manifests[label]) ? (manifests[label] as Json) : undefined;
    if (m) ingredients.push({ ...toolsOf(m), relationship: str(ingredient.relationship) });
  }

  return {
    validity,
    failures: invalid && failures.length === 0 ? allFailures : failures,
    trusted,
    issuer: str(signature.issuer),
    commonName: str(signature.common_name),
    signedAt: str(signature.time),
    claimGenerator: generatorName(active),
    ...toolsOf(active),
    ingredientSourceTypes: distinctTypes(ingredients.flatMap((i) => i.sourceTypes)),
    ingredients,
  };
}
