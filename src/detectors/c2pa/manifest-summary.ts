/**
 * Turns the c2pa-rs manifest store (JSON from the WASM reader) into the few facts the card shows:
 * validity, signer, time, tool, actions and every digital source type, plus the tool names of each
 * ingredient's manifest (where a named AI generator may appear). The store's shape is third-party
 * data, so every field is checked before use.
 */
import { parseSourceType, type SourceType } from '../shared/digital-source-type';

export type Validity = 'trusted' | 'valid' | 'invalid';

/** What one manifest says about the tools that made its picture. */
export interface ManifestTools {
  /** Every name the claim gives its generator: `claim_generator` and each `claim_generator_info` name. */
  claimGenerators: string[];
  /** Each action (`c2pa.created`, `c2pa.opened`, `c2pa.edited`…) and the software agent that did it. */
  actions: { action: string; softwareAgent?: string }[];
  sourceTypes: SourceType[];
}

/** An ingredient that carries its own manifest. */
export interface IngredientTools extends ManifestTools {
  /** `parentOf` (the picture this one was opened from), `componentOf`, `inputTo`. */
  relationship?: string;
}

export interface ManifestSummary extends ManifestTools {
  validity: Validity;
  /** Failure codes that make the store invalid (untrusted signer excluded). */
  failures: string[];
  /** Whether the signer chains to a trust anchor. */
  trusted: boolean;
  issuer?: string;
  commonName?: string;
  signedAt?: string;
  /** The claim generator's display name (claim_generator_info first). */
  claimGenerator?: string;
  /** Source types declared in ingredient manifests (content this file was made from). */
  ingredientSourceTypes: SourceType[];
  /** Ingredients whose manifest is in the store. */
  ingredients: IngredientTools[];
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v : undefined);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** Untrusted signers are reported separately: the signature itself can still be valid. */
const TRUST_CODES = new Set(['signingCredential.untrusted']);

/** Library names that say which SDK wrote the claim, not which product. */
const LIBRARY = /^(?:c2pa-rs|c2pa-js|c2pa-python|c2pa-c|c2patool)$/i;

/** `claim_generator_info` is a list; a single object is accepted too (some C2PA 2.x writers). */
function generatorInfos(manifest: Json): Json[] {
  const info = manifest.claim_generator_info;
  return (isObject(info) ? [info] : arr(info)).filter(isObject).slice(0, 10);
}

function generatorName(manifest: Json): string | undefined {
  const info = generatorInfos(manifest);
  const named = info.find((i) => str(i.name) && !LIBRARY.test(String(i.name)));
  if (named) return [str(named.name), str(named.version)].filter(Boolean).join(' ');
  return str(manifest.claim_generator);
}

function claimGeneratorsOf(manifest: Json): string[] {
  const names = generatorInfos(manifest)
    .map((i) => str(i.name))
    .filter((n): n is string => !!n && !LIBRARY.test(n));
  const legacy = str(manifest.claim_generator);
  return legacy ? [legacy, ...names] : names;
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

function toolsOf(manifest: Json): ManifestTools {
  return {
    claimGenerators: claimGeneratorsOf(manifest),
    actions: actionsOf(manifest).map(({ action, softwareAgent }) => ({ action, softwareAgent })),
    sourceTypes: sourceTypesOf(manifest),
  };
}

function sourceTypesOf(manifest: Json): SourceType[] {
  const out: SourceType[] = [];
  for (const a of actionsOf(manifest)) {
    const t = parseSourceType(a.digitalSourceType);
    if (t && !out.some((o) => o.code === t.code)) out.push(t);
  }
  return out;
}

function validationFailures(store: Json): string[] {
  // c2pa-rs lists every failure (active manifest and ingredients) in `validation_status`;
  // `validation_results` splits them into the active manifest and per-ingredient deltas.
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
  const ingredientSourceTypes: SourceType[] = [];
  const ingredientTools: IngredientTools[] = [];
  const ingredients = arr(active.ingredients).filter(isObject);
  for (const ingredient of ingredients.slice(0, 100)) {
    const label = str(ingredient.active_manifest);
    const m = label && isObject(manifests[label]) ? (manifests[label] as Json) : undefined;
    if (!m) continue;
    const tools = toolsOf(m);
    ingredientTools.push({ ...tools, relationship: str(ingredient.relationship) });
    for (const t of tools.sourceTypes) if (!ingredientSourceTypes.some((o) => o.code === t.code)) ingredientSourceTypes.push(t);
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
    ingredientSourceTypes,
    ingredients: ingredientTools,
  };
}
