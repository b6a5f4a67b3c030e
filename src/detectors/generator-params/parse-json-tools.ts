/** JSON generator metadata (ComfyUI, InvokeAI, Fooocus, NovelAI, SwarmUI): facts, or `undefined` when not that tool's shape. */

export interface GeneratorFacts {
  tool: string;
  prompt?: string;
  model?: string;
  seed?: string;
  sampler?: string;
  steps?: string;
  size?: string;
  version?: string;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v : typeof v === 'number' ? String(v) : undefined);

/** `undefined` for anything that is not a JSON object, or too long. */
export function parseJsonObject(raw: string | undefined, maxChars = 2_000_000): Json | undefined {
  if (!raw || raw.length > maxChars) return undefined;
  const t = raw.trim();
  if (!t.startsWith('{')) return undefined;
  try {
    const v: unknown = JSON.parse(t);
    return isObject(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

/** ComfyUI's API graph: `{ "<id>": { "class_type": "...", "inputs": {...} } }`. */
export function parseComfyPrompt(graph: Json | undefined, workflow: Json | undefined): GeneratorFacts | undefined {
  const nodes = graph ? Object.values(graph).filter(isObject).slice(0, 5_000) : [];
  const typed = nodes.filter((n) => typeof n.class_type === 'string');
  const workflowNodes = workflow && Array.isArray(workflow.nodes) ? workflow.nodes.filter(isObject) : [];
  if (typed.length === 0 && workflowNodes.length === 0) return undefined;
  const facts: GeneratorFacts = { tool: 'ComfyUI' };
  // The positive prompt is the text node wired to a sampler's `positive` input: ["<node id>", slot].
  for (const n of typed) {
    const positive = isObject(n.inputs) ? n.inputs.positive : undefined;
    const target = Array.isArray(positive) && graph ? graph[String(positive[0])] : undefined;
    if (isObject(target) && isObject(target.inputs) && /CLIPTextEncode/i.test(String(target.class_type))) {
      facts.prompt = text(target.inputs.text) ?? text(target.inputs.text_g);
      if (facts.prompt) break;
    }
  }
  for (const n of typed) {
    const inputs = isObject(n.inputs) ? n.inputs : {};
    const cls = String(n.class_type);
    if (!facts.prompt && /CLIPTextEncode/i.test(cls)) facts.prompt = text(inputs.text) ?? text(inputs.text_g);
    if (!facts.model) facts.model = text(inputs.ckpt_name) ?? text(inputs.unet_name) ?? text(inputs.model_name);
    if (!facts.seed) facts.seed = text(inputs.seed) ?? text(inputs.noise_seed);
    if (!facts.sampler) facts.sampler = text(inputs.sampler_name);
    if (!facts.steps) facts.steps = text(inputs.steps);
  }
  if (!facts.prompt) {
    // Workflow-only files: CLIPTextEncode widgets hold the text.
    const clip = workflowNodes.find((n) => /CLIPTextEncode/i.test(String(n.type)) && Array.isArray(n.widgets_values));
    facts.prompt = clip ? text((clip.widgets_values as unknown[])[0]) : undefined;
  }
  return facts;
}

export function parseInvokeMetadata(meta: Json | undefined): GeneratorFacts | undefined {
  if (!meta || (!('positive_prompt' in meta) && !('generation_mode' in meta) && !('app_version' in meta))) return undefined;
  const model = isObject(meta.model) ? (text(meta.model.model_name) ?? text(meta.model.name)) : text(meta.model);
  return {
    tool: 'InvokeAI',
    prompt: text(meta.positive_prompt),
    model,
    seed: text(meta.seed),
    sampler: text(meta.scheduler),
    steps: text(meta.steps),
    size: meta.width && meta.height ? `${text(meta.width)}x${text(meta.height)}` : undefined,
    version: text(meta.app_version),
  };
}

/** Legacy InvokeAI `sd-metadata` JSON. */
export function parseInvokeSdMetadata(meta: Json | undefined): GeneratorFacts | undefined {
  const image = isObject(meta?.image) ? meta?.image : undefined;
  if (!meta || (!image && !('model_weights' in meta))) return undefined;
  let prompt: string | undefined;
  if (image && Array.isArray(image.prompt)) {
    const first = image.prompt.find(isObject);
    prompt = first ? text(first.prompt) : undefined;
  } else if (image) prompt = text(image.prompt);
  return {
    tool: 'InvokeAI',
    prompt,
    model: text(meta.model_weights),
    seed: image ? text(image.seed) : undefined,
    sampler: image ? text(image.sampler) : undefined,
    steps: image ? text(image.steps) : undefined,
    version: text(meta.app_version),
  };
}

/** Legacy InvokeAI `Dream` text: `"prompt" -s 50 -S 42 -W 512 -H 512 -C 7.5 -A k_lms`. */
export function parseInvokeDream(raw: string): GeneratorFacts | undefined {
  const m = /^\s*"((?:\\.|[^"\\])*)"\s+(-\w[\s\S]*)$/.exec(raw);
  if (!m || !/(?:^|\s)-[sSWHCA]\s/.test(` ${m[2]} `)) return undefined;
  const flag = (f: string) => new RegExp(`(?:^|\\s)-${f}\\s+(\\S+)`).exec(m[2]!)?.[1];
  return { tool: 'InvokeAI', prompt: m[1], seed: flag('S'), steps: flag('s'), sampler: flag('A') };
}

export function parseFooocus(meta: Json): GeneratorFacts | undefined {
  if (!('base_model' in meta) && !('fooocus_v2_expansion' in meta) && !('full_prompt' in meta)) return undefined;
  return {
    tool: 'Fooocus',
    prompt: text(meta.prompt),
    model: text(meta.base_model),
    seed: text(meta.seed),
    sampler: text(meta.sampler),
    steps: text(meta.steps),
    size: text(meta.resolution),
    version: text(meta.version),
  };
}

export function parseNovelAi(comment: Json | undefined, description: string | undefined, source: string | undefined): GeneratorFacts {
  return {
    tool: 'NovelAI',
    prompt: text(comment?.prompt) ?? description,
    model: source,
    seed: text(comment?.seed),
    sampler: text(comment?.sampler),
    steps: text(comment?.steps),
  };
}

export function parseSwarmUi(meta: Json): GeneratorFacts | undefined {
  const p = isObject(meta.sui_image_params) ? meta.sui_image_params : undefined;
  if (!p) return undefined;
  return { tool: 'SwarmUI', prompt: text(p.prompt), model: text(p.model), seed: text(p.seed), sampler: text(p.sampler), steps: text(p.steps) };
}
