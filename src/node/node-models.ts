/** The shipped models in Node: onnxruntime-node through the extension's model runner, so Node scores like the browser. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { createFaceDetector, type FaceModel } from '../engine/face-runner';
import { createModelRunner, type ModelRunner } from '../engine/model-runner';
import { parseModelCard, type ModelCard } from '../shared/model-card';
import { sha256Node } from './decode-node';

export interface NodeModel {
  card: ModelCard;
  dir: string;
}

/** Throws with the card's problems. */
export function loadModelCard(dir: string): NodeModel {
  const path = join(dir, 'model.json');
  const parsed = parseModelCard(JSON.parse(readFileSync(path, 'utf8')));
  if ('errors' in parsed) throw new Error(`${path}: ${parsed.errors.join('; ')}`);
  return { card: parsed.card, dir };
}

/** Every valid card under `modelsDir/<id>/model.json` (invalid cards are reported, not used). */
export function findModelCards(modelsDir: string, onError: (msg: string) => void = () => undefined): NodeModel[] {
  if (!existsSync(modelsDir)) return [];
  return readdirSync(modelsDir)
    .sort()
    .flatMap((id) => {
      if (!existsSync(join(modelsDir, id, 'model.json'))) return [];
      try {
        return [loadModelCard(join(modelsDir, id))];
      } catch (e) {
        onError((e as Error).message);
        return [];
      }
    });
}

const nodeRunnerOptions = ({ card, dir }: NodeModel, threads: number) => ({
  ort,
  sha256: sha256Node,
  loadBytes: async () => new Uint8Array(readFileSync(join(dir, card.file))),
  sessionOptions: { intraOpNumThreads: threads, interOpNumThreads: 1, graphOptimizationLevel: 'all' as const },
});

export function createNodeRunner(m: NodeModel, threads = 2): ModelRunner {
  return createModelRunner(m.card, nodeRunnerOptions(m, threads));
}

/** Undefined unless both the face detector and classifier are there. */
export function createNodeFaceModel(models: NodeModel[], threads = 2): FaceModel | undefined {
  const det = models.find((m) => m.card.task === 'face-detector');
  const cls = models.find((m) => m.card.task === 'face');
  if (!det || !cls) return undefined;
  return { detector: createFaceDetector(det.card, nodeRunnerOptions(det, threads)), classifier: createNodeRunner(cls, threads) };
}
