/** The native limit: the same model runner with onnxruntime-node on the same machine and images. */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import sharp from 'sharp';
import { createModelRunner } from '../../src/engine/model-runner';
import { parseModelCard, type ModelCard } from '../../src/shared/model-card';

export function shippedCards(root = 'models'): { card: ModelCard; dir: string }[] {
  if (!existsSync(root)) return [];
  return readdirSync(root).flatMap((id) => {
    const path = join(root, id, 'model.json');
    if (!existsSync(path)) return [];
    const parsed = parseModelCard(JSON.parse(readFileSync(path, 'utf8')));
    return 'card' in parsed ? [{ card: parsed.card, dir: join(root, id) }] : [];
  });
}

/** Mean ms per image (preprocessing + run, as the browser's runner stats count it). */
export async function nodeInferenceMs(card: ModelCard, dir: string, images: string[], threads: number): Promise<number> {
  const runner = createModelRunner(card, {
    ort,
    sha256: async (b) => createHash('sha256').update(b).digest('hex'),
    loadBytes: async () => new Uint8Array(readFileSync(join(dir, card.file))),
    sessionOptions: { intraOpNumThreads: threads, interOpNumThreads: 1, graphOptimizationLevel: 'all' },
  });
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
