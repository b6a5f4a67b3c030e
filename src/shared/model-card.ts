/** The model card contract (`models/<id>/model.json`): code never hard-codes input sizes, normalisation, polarity or thresholds. */
import * as v from 'valibot';
import { SENSITIVITIES, type ScoreThresholds, type Sensitivity } from './types';

const text = v.pipe(v.string(), v.minLength(1));
const texts = (max: number) => v.pipe(v.array(text), v.minLength(1), v.maxLength(max));
const between = (min: number, max: number) => v.pipe(v.number(), v.finite(), v.minValue(min), v.maxValue(max));
const whole = (min: number, max: number) => v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max));
const share = v.pipe(v.number(), v.gtValue(0), v.maxValue(1));
const triple = v.tuple([v.pipe(v.number(), v.finite()), v.pipe(v.number(), v.finite()), v.pipe(v.number(), v.finite())]);
const perSensitivity = v.object(Object.fromEntries(SENSITIVITIES.map((s) => [s, between(0, 1)])) as Record<Sensitivity, ReturnType<typeof between>>);
const Thresholds = v.pipe(
  v.object({ likely: perSensitivity, uncertain: perSensitivity }),
  v.check((t: ScoreThresholds) => SENSITIVITIES.every((s) => t.uncertain[s] <= t.likely[s]), 'uncertain must be <= likely'),
);

const Input = v.object({
  name: text,
  width: between(8, 1024),
  height: between(8, 1024),
  layout: v.picklist(['NCHW', 'NHWC']),
  /** Pixel values are scaled to [0, scale] before mean/std. */
  scale: v.picklist([1, 255]),
  mean: triple,
  std: v.pipe(
    triple,
    v.check((t) => !t.includes(0), 'std must not be 0'),
  ),
  /** `area` is torch's interpolate(mode='area'). */
  resize: v.picklist(['area', 'bilinear']),
  /** `squash` ignores aspect; `center-crop` crops the central square after a short-side resize. */
  fit: v.picklist(['squash', 'center-crop']),
});

const common = {
  id: v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'id must be kebab-case')),
  name: text,
  version: text,
  file: text,
  sha256: v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/, 'sha256 must be 64 hex digits')),
  input: Input,
  /** As measured by `npm run eval` (free-form). */
  metrics: v.optional(v.record(v.string(), v.unknown())),
  licence: text,
  trainingData: v.array(v.string()),
  /** A test fixture, never shown to a person. */
  fixture: v.optional(v.boolean()),
};

/** An SSD-style face detector (BlazeFace): per anchor one logit and a box row `[dx, dy, w, h, ...keypoints]` in input pixels. */
const FaceDetector = v.object({
  /** Output names: `scores` [1, anchors] logits, `boxes` [1, anchors, boxStride]. */
  scores: text,
  boxes: text,
  boxStride: v.pipe(v.number(), v.minValue(4)),
  /** One square grid per stride over the input; `perCell[i]` anchors per cell, row-major. */
  anchors: v.pipe(
    v.object({ strides: v.pipe(v.array(whole(1, 1024)), v.minLength(1), v.maxLength(8)), perCell: v.pipe(v.array(whole(1, 1024)), v.minLength(1), v.maxLength(8)) }),
    v.check((a) => a.strides.length === a.perCell.length, 'strides and perCell need the same length'),
  ),
  minScore: between(0, 1),
  /** Non-maximum suppression IoU. */
  iouThreshold: between(0, 1),
  maxFaces: whole(1, 50),
  /** Smaller faces (longest side, source pixels) are not scored. */
  minFaceSide: v.pipe(v.number(), v.finite(), v.minValue(0)),
  /** The classifier's square crop, in face box longest sides. */
  cropScale: between(1, 4),
});
export type FaceDetectorConfig = v.InferOutput<typeof FaceDetector>;

export type JointRole = 'whole-image' | 'face';
/** Thresholds for pictures both models score (models/joint/README.md); on the whole-image card. */
const Joint = v.object({
  version: text,
  /** `id@version` of each side (another version falls back to its own thresholds). */
  models: v.object({ 'whole-image': text, face: text }),
  thresholds: v.object({ 'whole-image': Thresholds, face: Thresholds }),
});
export type JointThresholds = v.InferOutput<typeof Joint>;

/** The content gate's parameters (models/gate/README.md); on the whole-image card. */
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

const ScoringCard = v.pipe(
  v.object({
    ...common,
    /** `closer-look`: a bigger whole-image model run only when the person asks, from the evidence card (issue 16). */
    task: v.picklist(['whole-image', 'face', 'closer-look']),
    output: v.pipe(
      v.object({
        name: text,
        /** `sigmoid-logit`: one logit; `softmax`: logits over `labels`; `probability`: already in [0,1]. */
        kind: v.picklist(['sigmoid-logit', 'softmax', 'probability']),
        labels: v.optional(v.array(v.string())),
        /** The label (softmax) or polarity (`high`) that means synthetic. */
        synthetic: v.string(),
      }),
      v.check((o) => o.kind !== 'softmax' || !!o.labels?.includes(o.synthetic), 'softmax output needs labels including synthetic'),
    ),
    thresholds: Thresholds,
    /** A second output, class probabilities; `drawn` labels sum to the content gate's P(drawing). */
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
const FaceDetectorCard = v.pipe(
  v.object({ ...common, task: v.literal('face-detector'), detector: FaceDetector }),
  v.forward(
    v.check((c) => c.input.width === c.input.height, "a face detector's input must be square"),
    ['input'],
  ),
);
const ModelCardSchema = v.variant('task', [ScoringCard, FaceDetectorCard], 'must be whole-image, face, closer-look or face-detector');

type Scoring = v.InferOutput<typeof ScoringCard>;
/** A face detector's card has `detector`; its scoring fields are never read. */
export type ModelCard = Omit<Scoring, 'task'> & { task: Scoring['task'] | 'face-detector'; detector?: FaceDetectorConfig };

/** The card, or problems as `field: what is wrong` (never throws). */
export function parseModelCard(raw: unknown): { card: ModelCard } | { errors: string[] } {
  if (!raw || typeof raw !== 'object') return { errors: ['card is not an object'] };
  const res = v.safeParse(ModelCardSchema, raw);
  if (res.success) return { card: res.output as ModelCard };
  const problem = (i: v.BaseIssue<unknown>) => `${v.getDotPath(i) ?? 'card'}${i.input === undefined ? ' missing' : `: ${i.message}`}`;
  return { errors: [...new Set(res.issues.map(problem))] };
}
