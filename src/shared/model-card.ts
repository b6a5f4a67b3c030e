/**
 * The model card contract (`models/<id>/model.json`). Everything the engine needs to run a model
 * comes from here: code never hard-codes input sizes, normalisation, polarity or thresholds.
 */
import * as v from 'valibot';
import { SENSITIVITIES, type ScoreThresholds, type Sensitivity } from './types';

const text = v.pipe(v.string(), v.minLength(1));
const texts = (max: number) => v.pipe(v.array(text), v.minLength(1), v.maxLength(max));
const between = (min: number, max: number) => v.pipe(v.number(), v.finite(), v.minValue(min), v.maxValue(max));
const whole = (min: number, max: number) => v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max));
/** A share in (0, 1]. */
const share = v.pipe(v.number(), v.gtValue(0), v.maxValue(1));
const triple = v.tuple([v.pipe(v.number(), v.finite()), v.pipe(v.number(), v.finite()), v.pipe(v.number(), v.finite())]);
const perSensitivity = v.object(Object.fromEntries(SENSITIVITIES.map((s) => [s, between(0, 1)])) as Record<Sensitivity, ReturnType<typeof between>>);
/** Likely and uncertain for every sensitivity, in [0,1], uncertain <= likely. */
const Thresholds = v.pipe(
  v.object({ likely: perSensitivity, uncertain: perSensitivity }),
  v.check((t: ScoreThresholds) => SENSITIVITIES.every((s) => t.uncertain[s] <= t.likely[s]), 'uncertain must be <= likely'),
);

const Input = v.object({
  /** ONNX input name. */
  name: text,
  width: between(8, 1024),
  height: between(8, 1024),
  layout: v.picklist(['NCHW', 'NHWC']),
  /** Pixel values are scaled to [0, scale] before mean/std (1 or 255). */
  scale: v.picklist([1, 255]),
  mean: triple,
  std: v.pipe(
    triple,
    v.check((t) => !t.includes(0), 'std must not be 0'),
  ),
  /** How the decoded image becomes width×height: `area` is torch's interpolate(mode='area'). */
  resize: v.picklist(['area', 'bilinear']),
  /** `squash` ignores aspect; `center-crop` crops the central square after a short-side resize. */
  fit: v.picklist(['squash', 'center-crop']),
});

/** What every card has; the task decides the rest. */
const common = {
  id: v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'id must be kebab-case')),
  name: text,
  version: text,
  /** File name beside model.json. */
  file: text,
  sha256: v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/, 'sha256 must be 64 hex digits')),
  input: Input,
  /** Metrics as measured by `npm run eval` (free-form table per source). */
  metrics: v.optional(v.record(v.string(), v.unknown())),
  licence: text,
  trainingData: v.array(v.string()),
  /** A fixture for tests: never shown to a person as a detector. */
  fixture: v.optional(v.boolean()),
};

/**
 * An SSD-style face detector (BlazeFace): per anchor one logit and a box row
 * `[dx, dy, w, h, ...keypoints]` in input pixels, the centre relative to the anchor.
 */
const FaceDetector = v.object({
  /** ONNX output names: `scores` [1, anchors] logits, `boxes` [1, anchors, boxStride]. */
  scores: text,
  boxes: text,
  boxStride: v.pipe(v.number(), v.minValue(4)),
  /** One square grid per stride over the input; `perCell[i]` anchors per cell, row-major. */
  anchors: v.pipe(
    v.object({ strides: v.pipe(v.array(whole(1, 1024)), v.minLength(1), v.maxLength(8)), perCell: v.pipe(v.array(whole(1, 1024)), v.minLength(1), v.maxLength(8)) }),
    v.check((a) => a.strides.length === a.perCell.length, 'strides and perCell need the same length'),
  ),
  /** Faces below this probability are dropped. */
  minScore: between(0, 1),
  /** Non-maximum suppression: a box overlapping a better one by more than this IoU is dropped. */
  iouThreshold: between(0, 1),
  maxFaces: whole(1, 50),
  /** Faces smaller than this (longest side, source pixels) are not scored. */
  minFaceSide: v.pipe(v.number(), v.finite(), v.minValue(0)),
  /** The face classifier sees a square this many times the face box's longest side. */
  cropScale: between(1, 4),
});
export type FaceDetectorConfig = v.InferOutput<typeof FaceDetector>;

export type JointRole = 'whole-image' | 'face';
/** Thresholds fitted with the face model for pictures both score (models/joint/README.md); on the whole-image card. */
const Joint = v.object({
  version: text,
  /** Each model's side of the pair, for the models named `id@version` (another version falls back to its own). */
  models: v.object({ 'whole-image': text, face: text }),
  thresholds: v.object({ 'whole-image': Thresholds, face: Thresholds }),
});
export type JointThresholds = v.InferOutput<typeof Joint>;

/** The content gate's parameters (models/gate/README.md), fitted by models/gate/fit.py; on the whole-image card. */
const ContentGate = v.object({
  version: text,
  /** A graphic has at least this share of flat points… */
  flat: share,
  /** …and its 8 main colours cover at least this share… */
  palette: share,
  /** …and is either not dark (night photos are flat in the dark)… */
  maxDark: share,
  /** …or, when dark, has text-like hard edges (a dark-mode screenshot). */
  darkEdges: share,
  /** P(drawing) from the whole-image model at or above which a picture is a drawing. */
  drawn: share,
});
export type ContentGateParams = v.InferOutput<typeof ContentGate>;

/** `whole-image` scores the full image; `face` scores face crops (needs a face detector). */
const ScoringCard = v.pipe(
  v.object({
    ...common,
    task: v.picklist(['whole-image', 'face']),
    output: v.pipe(
      v.object({
        name: text,
        /** `sigmoid-logit`: one logit; `softmax`: logits over `labels`; `probability`: already in [0,1]. */
        kind: v.picklist(['sigmoid-logit', 'softmax', 'probability']),
        labels: v.optional(v.array(v.string())),
        /** Which label (softmax) or polarity (single value, `high`) means synthetic. */
        synthetic: v.string(),
      }),
      v.check((o) => o.kind !== 'softmax' || !!o.labels?.includes(o.synthetic), 'softmax output needs labels including synthetic'),
    ),
    thresholds: Thresholds,
    /**
     * An optional second output: class probabilities of what the picture shows. `drawn` names the
     * labels whose summed probability is the content gate's "drawing, not a photo" evidence.
     */
    content: v.optional(
      v.pipe(
        v.object({ name: text, labels: texts(64), drawn: texts(64) }),
        v.check((c) => c.drawn.every((l) => c.labels.includes(l)), 'drawn labels must be among its labels'),
      ),
    ),
    joint: v.optional(Joint),
    contentGate: v.optional(ContentGate),
  }),
  v.forward(
    v.check((c) => c.content?.name !== c.output.name, "needs a name of its own, not the main output's"),
    ['content'],
  ),
);
/** `face-detector` finds faces (`detector` describes its outputs; it has no `output`/`thresholds`). */
const FaceDetectorCard = v.pipe(
  v.object({ ...common, task: v.literal('face-detector'), detector: FaceDetector }),
  v.forward(
    v.check((c) => c.input.width === c.input.height, "a face detector's input must be square"),
    ['input'],
  ),
);
const ModelCardSchema = v.variant('task', [ScoringCard, FaceDetectorCard], 'must be whole-image, face or face-detector');

type Scoring = v.InferOutput<typeof ScoringCard>;
/** The card as the engine reads it: a face detector's card has `detector`, and its scoring fields are never read. */
export type ModelCard = Omit<Scoring, 'task'> & { task: Scoring['task'] | 'face-detector'; detector?: FaceDetectorConfig };

/** Validates a parsed card. Returns the card or a list of problems, each `field: what is wrong` (never throws). */
export function parseModelCard(raw: unknown): { card: ModelCard } | { errors: string[] } {
  if (!raw || typeof raw !== 'object') return { errors: ['card is not an object'] };
  const res = v.safeParse(ModelCardSchema, raw);
  if (res.success) return { card: res.output as ModelCard };
  const problem = (i: v.BaseIssue<unknown>) => `${v.getDotPath(i) ?? 'card'}${i.input === undefined ? ' missing' : `: ${i.message}`}`;
  return { errors: [...new Set(res.issues.map(problem))] };
}
