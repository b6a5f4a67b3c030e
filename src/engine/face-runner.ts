/**
 * The face model in the engine: a face detector (task `face-detector`) finds faces on the decoded
 * pixels, the face classifier (task `face`) scores each face's crop, and one `model:<id>` signal
 * carries the highest score plus every scored face as a region (source pixels). Same code in the
 * browser engines and in Node (the ONNX runtime module is injected).
 */
import type * as Ort from 'onnxruntime-web';
import type { Pixels } from '../detectors/detector';
import type { ModelCard } from '../shared/model-card';
import type { Region, Signal } from '../shared/types';
import { decodeFaces, faceCropRect, generateAnchors, type DetectedFace } from './face-detect';
import { cardSession, modelErrorSignal, modelScoreSignal, modelSource, modelText, type ModelRunner, type ModelRunnerOptions } from './model-runner';
import { msg } from '../shared/signal-messages';
import { inputDims, preprocess, type Rect } from './preprocess';

export interface FaceDetectorRunner {
  readonly card: ModelCard;
  detect(pixels: Pixels): Promise<DetectedFace[]>;
  dispose(): Promise<void>;
}

export function createFaceDetector(card: ModelCard, opts: ModelRunnerOptions): FaceDetectorRunner {
  const cfg = card.detector;
  if (card.task !== 'face-detector' || !cfg) throw new Error(`model ${card.id}: not a face detector`);
  const anchors = generateAnchors(card.input.width, cfg.anchors);
  const session = cardSession(card, opts);
  const run = async (s: Ort.InferenceSession, pixels: Pixels) => {
    const tensor = new opts.ort.Tensor('float32', preprocess(pixels, card.input), inputDims(card.input));
    const out = await s.run({ [card.input.name]: tensor });
    const scores = out[cfg.scores];
    const boxes = out[cfg.boxes];
    if (!scores || !boxes) throw new Error(`model ${card.id}: missing outputs ${cfg.scores}/${cfg.boxes}`);
    const faces = decodeFaces(scores.data as Float32Array, boxes.data as Float32Array, cfg, card.input.width, pixels, anchors);
    tensor.dispose?.();
    scores.dispose?.();
    boxes.dispose?.();
    return faces;
  };
  return {
    card,
    detect: (pixels) => session.run((s) => run(s, pixels)),
    dispose: () => session.dispose(),
  };
}

export interface FaceModel {
  detector: FaceDetectorRunner;
  classifier: ModelRunner;
  /** A small JPEG data URL of a crop (browser engines); shown on the card beside the face's score. */
  cropImage?(pixels: Pixels, rect: Rect): Promise<string | undefined>;
}

/**
 * Detects faces and scores each crop. Outcome `score` (the most suspicious face) when a face was
 * scored, `not-applicable` when none was found; never throws.
 */
export async function runFaceModel(model: FaceModel, pixels: Pixels): Promise<Signal> {
  const { card } = model.classifier;
  const cfg = model.detector.card.detector!;
  try {
    const faces = await model.detector.detect(pixels);
    const regions: Region[] = [];
    for (const face of faces) {
      const rect = faceCropRect(face, cfg, pixels.width, pixels.height);
      if (!rect) continue;
      const score = await model.classifier.score(pixels, rect);
      const region: Region = { ...rect, score, label: 'face' };
      regions.push(region);
    }
    if (!regions.length) {
      return { ...modelSource(card), outcome: 'not-applicable', strength: 'none', ...modelText(card, msg('sig_model_noFace')) };
    }
    regions.sort((a, b) => b.score! - a.score!);
    const top = regions[0]!;
    if (model.cropImage) top.image = await model.cropImage(pixels, top).catch(() => undefined);
    return modelScoreSignal(card, top.score!, { regions });
  } catch (e) {
    return modelErrorSignal(card, e);
  }
}
