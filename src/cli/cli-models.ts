/** Pixel models for the command line: every card in models/, run with onnxruntime-node. */
import { join } from 'node:path';
import type { ModelRunner } from '../engine/model-runner';
import { createNodeRunner, findModelCards } from '../node/node-models';

export interface CliModelOptions {
  /** Repository root (models live in models/<id>/). */
  root: string;
}

export async function loadCliModels({ root }: CliModelOptions): Promise<ModelRunner[]> {
  return findModelCards(join(root, 'models'), (msg) => console.error(`skipping model: ${msg}`)).map((m) => createNodeRunner(m));
}
