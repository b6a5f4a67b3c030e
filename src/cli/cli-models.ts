/**
 * Pixel models for the command line. None yet: the model issue adds onnxruntime-node runners here
 * (one `ModelRunner` per model card in models/<id>/model.json, created with `createModelRunner`
 * from src/engine/model-runner.ts), and `scan` passes them to the engine unchanged.
 */
import type { ModelRunner } from '../engine/model-runner';

export interface CliModelOptions {
  /** Repository root (models live in models/<id>/). */
  root: string;
}

export async function loadCliModels(_options: CliModelOptions): Promise<ModelRunner[]> {
  return [];
}
