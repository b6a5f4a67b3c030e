/** Pixel models for the command line: every card in models/, run with onnxruntime-node. */
import { join } from 'node:path';
import type { FaceModel } from '../engine/face-runner';
import type { ModelRunner } from '../engine/model-runner';
import { createNodeFaceModel, createNodeRunner, findModelCards } from '../node/node-models';

export interface CliModelOptions {
  /** Repository root (models live in models/<id>/). */
  root: string;
}

export async function loadCliModels({ root }: CliModelOptions): Promise<ModelRunner[]> {
  return findModelCards(join(root, 'models'), (msg) => console.error(`skipping model: ${msg}`))
    .filter((m) => m.card.task === 'whole-image')
    .map((m) => createNodeRunner(m));
}

/** The face detector + face classifier in models/, when both are there. */
export function loadCliFaceModel({ root }: CliModelOptions): FaceModel | undefined {
  return createNodeFaceModel(findModelCards(join(root, 'models')));
}
