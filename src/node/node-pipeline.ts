/**
 * The pipeline (src/engine/pipeline.ts) hosted in Node, for `deepfake-radar scan`, `npm run eval`
 * and tests: files instead of fetches, sharp and ffmpeg instead of the browser's decoders,
 * onnxruntime-node instead of onnxruntime-web. No cache and no memory: every file is judged
 * afresh, as on a fresh install.
 */
import { byteDetectors, pixelDetectors } from '../detectors/index';
import { MIME, sniffFormat } from '../detectors/shared/media-format';
import type { MediaKind } from '../shared/types';
import { createPipeline, DECODE_LIMITS, type Pipeline } from '../engine/pipeline';
import { decodeNode, sha256Node } from './decode-node';
import { decodeFramesNode } from './frames-node';
import { createNodeFaceModel, createNodeRunner, findModelCards, type NodeModel } from './node-models';

export interface NodePipelineOptions {
  /** The models/ folder: every valid card there runs (whole-image models, the face pair). */
  modelsDir: string;
  /** Leave out provenance, metadata and watermarks: the models' pixel evidence alone (evaluation). */
  pixelsOnly?: boolean;
  /** Threads per ONNX session. */
  threads?: number;
  onModelError?(message: string): void;
}

export interface NodePipeline {
  pipeline: Pipeline;
  models: NodeModel[];
  dispose(): Promise<void>;
}

export function createNodePipeline(opts: NodePipelineOptions): NodePipeline {
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
    // The same frames as the extension, but never fewer because the machine is busy: the
    // browser's time budget (VIDEO_DECODE_MS) protects a person's tab, here it would make the
    // CLI and the evaluation depend on the load. This bound only stops a hung ffmpeg.
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
