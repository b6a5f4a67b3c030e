/**
 * The model card contract (`models/<id>/model.json`). Everything the engine needs to run a model
 * comes from here: code never hard-codes input sizes, normalisation, polarity or thresholds.
 */
import { SENSITIVITIES, type ScoreThresholds } from './types';

export interface ModelCard {
  id: string;
  name: string;
  version: string;
  /**
   * `whole-image` scores the full image; `face` scores face crops (needs a face detector);
   * `face-detector` finds faces (`detector` describes its outputs; it has no `output`/`thresholds`).
   */
  task: 'whole-image' | 'face' | 'face-detector';
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
  /**
   * An optional second output: class probabilities of what the picture shows. `drawn` names the
   * labels whose summed probability is the content gate's "drawing, not a photo" evidence.
   */
  content?: { name: string; labels: string[]; drawn: string[] };
  /** Thresholds fitted with the face model for pictures both score (models/joint/README.md); on the whole-image card. */
  joint?: JointThresholds;
  /** The content gate's parameters (models/gate/README.md), fitted by models/gate/fit.py; on the whole-image card. */
  contentGate?: ContentGateParams;
  /** Metrics as measured by `npm run eval` (free-form table per source). */
  metrics?: Record<string, unknown>;
  licence: string;
  trainingData: string[];
  /** A fixture for tests: never shown to a person as a detector. */
  fixture?: boolean;
  /** Only on `face-detector` cards. */
  detector?: FaceDetectorConfig;
}

export type JointRole = 'whole-image' | 'face';

/** Each model's side of the pair, for the models named `id@version` (another version falls back to its own). */
export interface JointThresholds {
  version: string;
  models: Record<JointRole, string>;
  thresholds: Record<JointRole, ScoreThresholds>;
}

export interface ContentGateParams {
  version: string;
  /** A graphic has at least this share of flat points… */
  flat: number;
  /** …and its 8 main colours cover at least this share… */
  palette: number;
  /** …and is either not dark (night photos are flat in the dark)… */
  maxDark: number;
  /** …or, when dark, has text-like hard edges (a dark-mode screenshot). */
  darkEdges: number;
  /** P(drawing) from the whole-image model at or above which a picture is a drawing. */
  drawn: number;
}

/**
 * An SSD-style face detector (BlazeFace): per anchor one logit and a box row
 * `[dx, dy, w, h, ...keypoints]` in input pixels, the centre relative to the anchor.
 */
export interface FaceDetectorConfig {
  /** ONNX output names: `scores` [1, anchors] logits, `boxes` [1, anchors, boxStride]. */
  scores: string;
  boxes: string;
  boxStride: number;
  /** One square grid per stride over the input; `perCell[i]` anchors per cell, row-major. */
  anchors: { strides: number[]; perCell: number[] };
  /** Faces below this probability are dropped. */
  minScore: number;
  /** Non-maximum suppression: a box overlapping a better one by more than this IoU is dropped. */
  iouThreshold: number;
  maxFaces: number;
  /** Faces smaller than this (longest side, source pixels) are not scored. */
  minFaceSide: number;
  /** The face classifier sees a square this many times the face box's longest side. */
  cropScale: number;
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
  if (c.task !== 'whole-image' && c.task !== 'face' && c.task !== 'face-detector') errors.push('task must be whole-image, face or face-detector');
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
  if (!Array.isArray(c.trainingData)) errors.push('trainingData must be a list');
  if (c.task === 'face-detector') {
    errors.push(...faceDetectorErrors(c.detector, i));
    return errors.length ? { errors } : { card: c as ModelCard };
  }
  const o = c.output;
  if (!o || !isStr(o.name) || !['sigmoid-logit', 'softmax', 'probability'].includes(o.kind)) errors.push('output invalid');
  else if (o.kind === 'softmax' && !(Array.isArray(o.labels) && o.labels.includes(o.synthetic))) errors.push('softmax output needs labels including synthetic');
  if (!validThresholds(c.thresholds)) errors.push('thresholds need likely/uncertain for every sensitivity, uncertain <= likely, in [0,1]');
  const ct = c.content;
  if (ct !== undefined) {
    const strs = (v: unknown): v is string[] => Array.isArray(v) && v.length > 0 && v.length <= 64 && v.every(isStr);
    if (!ct || typeof ct !== 'object' || !isStr(ct.name) || ct.name === o?.name || !strs(ct.labels) || !strs(ct.drawn) || !ct.drawn.every((l) => ct.labels.includes(l)))
      errors.push('content needs a name (not the main output), labels, and drawn labels among them');
  }
  const j = c.joint;
  if (j !== undefined && !(j && isStr(j.version) && (['whole-image', 'face'] as const).every((r) => isStr(j.models?.[r]) && validThresholds(j.thresholds?.[r]))))
    errors.push('joint needs a version, both models and, for each, thresholds as valid as a card\'s');
  const g = c.contentGate;
  if (g !== undefined && !(g && isStr(g.version) && [g.flat, g.palette, g.maxDark, g.darkEdges, g.drawn].every((v) => isNum(v) && v > 0 && v <= 1)))
    errors.push('contentGate needs a version and flat, palette, maxDark, darkEdges, drawn in (0,1]');
  return errors.length ? { errors } : { card: c as ModelCard };
}

function faceDetectorErrors(d: FaceDetectorConfig | undefined, input: ModelCard['input'] | undefined): string[] {
  if (!d || typeof d !== 'object') return ['face-detector needs detector'];
  const errors: string[] = [];
  if (!isStr(d.scores) || !isStr(d.boxes)) errors.push('detector.scores/boxes must name outputs');
  if (!isNum(d.boxStride) || d.boxStride < 4) errors.push('detector.boxStride must be >= 4');
  const a = d.anchors;
  const ints = (v: unknown) => Array.isArray(v) && v.length > 0 && v.length <= 8 && v.every((n) => Number.isInteger(n) && n > 0 && n <= 1024);
  if (!a || !ints(a.strides) || !ints(a.perCell) || a.strides.length !== a.perCell.length) errors.push('detector.anchors needs strides and perCell of the same length');
  else if (input && input.width !== input.height) errors.push('face-detector input must be square');
  for (const k of ['minScore', 'iouThreshold'] as const) if (!isNum(d[k]) || d[k] < 0 || d[k] > 1) errors.push(`detector.${k} must be in [0,1]`);
  if (!Number.isInteger(d.maxFaces) || d.maxFaces < 1 || d.maxFaces > 50) errors.push('detector.maxFaces must be 1..50');
  if (!isNum(d.minFaceSide) || d.minFaceSide < 0) errors.push('detector.minFaceSide invalid');
  if (!isNum(d.cropScale) || d.cropScale < 1 || d.cropScale > 4) errors.push('detector.cropScale must be in [1,4]');
  return errors;
}
