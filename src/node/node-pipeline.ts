/** The pipeline hosted in Node (`deepfake-radar scan`, `npm run eval`, tests); no cache and no memory, as on a fresh install. */
import { byteDetectors, pixelDetectors } from '../detectors/index';
import { MIME, sniffFormat } from '../detectors/shared/media-format';
import type { MediaKind } from '../shared/types';
import { createPipeline, DECODE_LIMITS } from '../engine/pipeline';
import { decodeNode, sha256Node } from './decode-node';
import { decodeFramesNode } from './frames-node';
import { createNodeFaceModel, createNodeRunner, findModelCards } from './node-models';

/** Every valid card in `modelsDir` runs; `pixelsOnly`: the models' evidence alone, no provenance, metadata or watermarks (evaluation). */
export function createNodePipeline(opts: { modelsDir: string; pixelsOnly?: boolean; threads?: number; onModelError?(message: string): void }) {
  const models = findModelCards(opts.modelsDir, opts.onModelError);
  const wholeImage = models.filter((m) => m.card.task === 'whole-image').map((m) => createNodeRunner(m, opts.threads));
  const faces = createNodeFaceModel(models, opts.threads);
  const pipeline = createPipeline({
    byteDetectors: opts.pixelsOnly ? [] : byteDetectors,
    pixelDetectors: opts.pixelsOnly ? [] : pixelDetectors,
    models: async () => ({ wholeImage, faces }),
    decode: decodeNode,
    frames: decodeFramesNode,
    sha256: sha256Node,
    limits: DECODE_LIMITS,
    // Not the browser's VIDEO_DECODE_MS: results must not depend on the machine's load. This only stops a hung ffmpeg.
    videoDecodeMs: 120_000,
  });
  return {
    pipeline,
    models: models.filter((m) => m.card.task === 'whole-image' || (faces && m.card.task === 'face')),
    async dispose() {
      await Promise.all([...wholeImage, ...(faces ? [faces.classifier, faces.detector] : [])].map((r) => r.dispose()));
    },
  };
}

const EBML = [0x1a, 0x45, 0xdf, 0xa3];

/** What a local file is, from its first bytes: MP4, QuickTime and WebM are videos. */
export function mediaOfFile(bytes: Uint8Array): { kind: MediaKind; mime?: string } {
  if (EBML.every((b, i) => bytes[i] === b)) return { kind: 'video', mime: 'video/webm' };
  const format = sniffFormat(bytes);
  return { kind: format === 'mp4' || format === 'mov' ? 'video' : 'image', mime: MIME[format] };
}
