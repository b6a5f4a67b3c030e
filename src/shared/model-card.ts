/**
 * The model card contract (`models/<id>/model.json`). Everything the engine needs to run a model
 * comes from here: code never hard-codes input sizes, normalisation, polarity or thresholds.
 */
import { SENSITIVITIES, type ScoreThresholds } from './types';

export interface ModelCard {
  id: string;
  name: string;
  version: string;
  /** `whole-image` scores the full image; `face` scores face crops (needs a face detector). */
  task: 'whole-image' | 'face';
  /** File name beside model.json. */
  file: string;
  sha256: string;
  input: {
    /** ONNX input name. */
    name: string;
    width: number;
    height: number;
    layout: 'NCHW' | 'NHWC';
    /** Pixel values are scaled to [0, scale] before mean/std (1 or 255). */
    scale: 1 | 255;
    mean: [number, number, number];
    std: [number, number, number];
    /** How the decoded image becomes width×height: `area` is torch's interpolate(mode='area'). */
    resize: 'area' | 'bilinear';
    /** `squash` ignores aspect; `center-crop` crops the central square after a short-side resize. */
    fit: 'squash' | 'center-crop';
  };
  output: {
    name: string;
    /** `sigmoid-logit`: one logit; `softmax`: logits over `labels`; `probability`: already in [0,1]. */
    kind: 'sigmoid-logit' | 'softmax' | 'probability';
    labels?: string[];
    /** Which label (softmax) or polarity (single value) means synthetic. */
    synthetic: string | 'high';
  };
  thresholds: ScoreThresholds;
  /** Metrics as measured by `npm run eval` (free-form table per source). */
  metrics?: Record<string, unknown>;
  licence: string;
  trainingData: string[];
  /** A fixture for tests: never shown to a person as a detector. */
  fixture?: boolean;
}

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isStr = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const isTriple = (v: unknown): v is [number, number, number] => Array.isArray(v) && v.length === 3 && v.every(isNum);

function validThresholds(t: unknown): t is ScoreThresholds {
  if (!t || typeof t !== 'object') return false;
  const { likely, uncertain } = t as Record<string, unknown>;
  return SENSITIVITIES.every((s) => {
    const l = (likely as Record<string, unknown> | undefined)?.[s];
    const u = (uncertain as Record<string, unknown> | undefined)?.[s];
    return isNum(l) && isNum(u) && u <= l && l >= 0 && l <= 1 && u >= 0;
  });
}

/** Validates a parsed card. Returns the card or a list of problems (never throws). */
export function parseModelCard(raw: unknown): { card: ModelCard } | { errors: string[] } {
  const errors: string[] = [];
  const c = raw as Partial<ModelCard> | null;
  if (!c || typeof c !== 'object') return { errors: ['card is not an object'] };
  for (const k of ['id', 'name', 'version', 'file', 'sha256', 'licence'] as const) if (!isStr(c[k])) errors.push(`${k} missing`);
  if (isStr(c.id) && !/^[a-z0-9][a-z0-9-]{0,63}$/.test(c.id)) errors.push('id must be kebab-case');
  if (isStr(c.sha256) && !/^[0-9a-f]{64}$/.test(c.sha256)) errors.push('sha256 must be 64 hex digits');
  if (c.task !== 'whole-image' && c.task !== 'face') errors.push('task must be whole-image or face');
  const i = c.input;
  if (!i || !isStr(i.name) || !isNum(i.width) || !isNum(i.height) || i.width < 8 || i.height < 8 || i.width > 1024 || i.height > 1024)
    errors.push('input name/size invalid');
  else {
    if (i.layout !== 'NCHW' && i.layout !== 'NHWC') errors.push('input.layout invalid');
    if (i.scale !== 1 && i.scale !== 255) errors.push('input.scale must be 1 or 255');
    if (!isTriple(i.mean) || !isTriple(i.std) || i.std.some((s) => s === 0)) errors.push('input.mean/std invalid');
    if (i.resize !== 'area' && i.resize !== 'bilinear') errors.push('input.resize invalid');
    if (i.fit !== 'squash' && i.fit !== 'center-crop') errors.push('input.fit invalid');
  }
  const o = c.output;
  if (!o || !isStr(o.name) || !['sigmoid-logit', 'softmax', 'probability'].includes(o.kind)) errors.push('output invalid');
  else if (o.kind === 'softmax' && !(Array.isArray(o.labels) && o.labels.includes(o.synthetic))) errors.push('softmax output needs labels including synthetic');
  if (!validThresholds(c.thresholds)) errors.push('thresholds need likely/uncertain for every sensitivity, uncertain <= likely, in [0,1]');
  if (!Array.isArray(c.trainingData)) errors.push('trainingData must be a list');
  return errors.length ? { errors } : { card: c as ModelCard };
}
