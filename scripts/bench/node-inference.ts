/** The native limit: the same model runner with onnxruntime-node on the same machine and images. */
import sharp from 'sharp';
import { createNodeRunner, findModelCards, type NodeModel } from '../../src/node/node-models';
import type { ModelCard } from '../../src/shared/model-card';

export const shippedCards = (root = 'models'): NodeModel[] => findModelCards(root);

/** Mean ms per image (preprocessing + run, as the browser's runner stats count it). */
export async function nodeInferenceMs(card: ModelCard, dir: string, images: string[], threads: number): Promise<number> {
  const runner = createNodeRunner({ card, dir }, threads);
  const decoded = await Promise.all(
    images.map(async (f) => {
      const { data, info } = await sharp(f).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
      return { width: info.width, height: info.height, data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength) };
    }),
  );
  await runner.score(decoded[0]!); // warm-up: session creation is not inference
  const started = performance.now();
  for (const px of decoded) await runner.score(px);
  const ms = (performance.now() - started) / decoded.length;
  await runner.dispose();
  return ms;
}
