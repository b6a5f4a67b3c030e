/**
 * The face model: the detector (task `face-detector`) finds faces, the classifier (task `face`) scores
 * each crop, and one `model:<id>` signal carries the highest score plus every scored face as a region.
 */
import type * as Ort from 'onnxruntime-web';
import type { Pixels } from '../detectors/detector';
import type { ModelCard } from '../shared/model-card';
import type { Region, Signal } from '../shared/types';
import { decodeFaces, faceCropRect, generateAnchors, type DetectedFace } from './face-detect';
import { cardSession, inputTensor, modelErrorSignal, modelScoreSignal, modelSignal, type ModelRunner, type ModelRunnerOptions } from './model-runner';
import { msg } from '../shared/signal-messages';
import type { Rect } from './preprocess';

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
    const tensor = inputTensor(opts.ort, pixels, card.input);
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
  /** A small JPEG data URL of a crop for the card (browser engines). */
  cropImage?(pixels: Pixels, rect: Rect): Promise<string | undefined>;
}

/** Outcome `score` (the most suspicious face), or `not-applicable` when no face was found; never throws. */
export async function runFaceModel(model: FaceModel, pixels: Pixels): Promise<Signal> {
  const { card } = model.classifier;
  const cfg = model.detector.card.detector!;
  try {
    const faces = await model.detector.detect(pixels);
    const regions: Region[] = [];
    for (const face of faces) {
      const rect = faceCropRect(face, cfg, pixels.width, pixels.height);
      if (!rect) continue;
      regions.push({ ...rect, score: await model.classifier.score(pixels, rect), label: 'face' });
    }
    if (!regions.length) return { ...modelSignal(card, msg('sig_model_noFace')), outcome: 'not-applicable', strength: 'none' };
    regions.sort((a, b) => b.score! - a.score!);
    const top = regions[0]!;
    if (model.cropImage) top.image = await model.cropImage(pixels, top).catch(() => undefined);
    return modelScoreSignal(card, top.score!, { regions });
  } catch (e) {
    return modelErrorSignal(card, e);
  }
}
