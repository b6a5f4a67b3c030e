/**
 * The shipped pixel models in Node, run by onnxruntime-node through the same model runner the
 * extension uses (so the command line, the evaluation and the benchmark score like the browser).
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { createModelRunner, type ModelRunner } from '../engine/model-runner';
import { parseModelCard, type ModelCard } from '../shared/model-card';

export interface NodeModel {
  card: ModelCard;
  dir: string;
}

/** Every valid card under `root/models/<id>/model.json` (invalid cards are reported, not used). */
export function findModelCards(modelsDir: string, onError: (msg: string) => void = () => undefined): NodeModel[] {
  if (!existsSync(modelsDir)) return [];
  return readdirSync(modelsDir)
    .sort()
    .flatMap((id) => {
      const path = join(modelsDir, id, 'model.json');
      if (!existsSync(path)) return [];
      const parsed = parseModelCard(JSON.parse(readFileSync(path, 'utf8')));
      if ('errors' in parsed) {
        onError(`${path}: ${parsed.errors.join('; ')}`);
        return [];
      }
      return [{ card: parsed.card, dir: join(modelsDir, id) }];
    });
}

export function createNodeRunner({ card, dir }: NodeModel, threads = 2): ModelRunner {
  return createModelRunner(card, {
    ort,
    sha256: async (b) => createHash('sha256').update(b).digest('hex'),
    loadBytes: async () => new Uint8Array(readFileSync(join(dir, card.file))),
    sessionOptions: { intraOpNumThreads: threads, interOpNumThreads: 1, graphOptimizationLevel: 'all' },
  });
}
