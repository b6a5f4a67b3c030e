/**
 * A face-swapped video clip and its unswapped control, made in Node from two real faces of
 * ../shared/data (never committed): the project's face detector (BlazeFace, onnxruntime-node) finds
 * each face and its keypoints, two faces of similar pose are paired, swap.ts puts the source's face
 * on the target, and both the swapped picture and the target alone become short H.264 clips with a
 * slight pan and zoom (so no two frames are the same), encoded by ffmpeg.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import sharp from 'sharp';
import type { FaceDetectorRunner } from '../../src/engine/face-runner';
import { createNodeFaceModel, findModelCards } from '../../src/node/node-models';
import { decodeNode } from '../../src/node/decode-node';
import { fitSimilarity, applySimilarity, type Point } from './similarity';
import { landmarksFrom, rgbFromRgba, rgbToBytes, swapFace, type Face, type RgbImage } from './swap';

/** Real-face folders of the shared data, in order of preference (relative to the data root). */
export const REAL_FACE_DIRS = ['train/faces-ffhq-stylegan/real', 'train/faces-unsplash-tpdne/real'];

export interface DetectedPortrait extends Face {
  file: string;
  /** Canonical keypoints (eyes at (−½, 0) and (½, 0)): nose, mouth and ears, flattened. */
  pose: number[];
}

export interface SwapClips {
  source: string;
  target: string;
  /** Distance between the two faces' canonical keypoints (eye distance = 1). */
  poseDistance: number;
  swappedClip: string;
  controlClip: string;
  swappedStill: string;
  controlStill: string;
  frames: { swapped: string[]; control: string[] };
}

/** Where the nose, mouth and ears sit once the eyes are put at (−½, 0) and (½, 0): yaw, pitch and face shape, no roll or scale. */
export function poseOf(keypoints: Point[]): number[] {
  const toCanon = fitSimilarity(keypoints.slice(0, 2), [
    { x: -0.5, y: 0 },
    { x: 0.5, y: 0 },
  ]);
  return keypoints.slice(2).flatMap((p) => {
    const q = applySimilarity(toCanon, p);
    return [q.x, q.y];
  });
}

const distance = (a: number[], b: number[]) => Math.sqrt(a.reduce((s, v, i) => s + (v - b[i]!) ** 2, 0));

/** The portrait's one face with keypoints, when the detector finds exactly one, clearly and large. */
export async function detectPortrait(detector: FaceDetectorRunner, file: string): Promise<DetectedPortrait | undefined> {
  const pixels = await decodeNode(new Uint8Array(readFileSync(file)), undefined, { maxPixels: 50_000_000, maxSide: 2048 });
  const faces = await detector.detect(pixels);
  const face = faces[0];
  if (faces.length !== 1 || !face?.keypoints || face.keypoints.length < 4 || face.score < 0.8) return undefined;
  if (Math.max(face.width, face.height) < 0.3 * Math.min(pixels.width, pixels.height)) return undefined;
  return { file, image: rgbFromRgba(pixels), landmarks: landmarksFrom(face.keypoints), pose: poseOf(face.keypoints) };
}

/** The two portraits of closest pose among the first `limit` of `dir` (sorted by name: the same pair every run). */
export async function pickPair(detector: FaceDetectorRunner, dir: string, limit = 40): Promise<{ source: DetectedPortrait; target: DetectedPortrait; poseDistance: number }> {
  const files = readdirSync(dir)
    .filter((f) => /\.(jpe?g|png|webp)$/i.test(f))
    .sort()
    .slice(0, limit);
  const found: DetectedPortrait[] = [];
  for (const f of files) {
    const p = await detectPortrait(detector, join(dir, f));
    if (p) found.push(p);
  }
  let best: { source: DetectedPortrait; target: DetectedPortrait; poseDistance: number } | undefined;
  for (let i = 0; i < found.length; i++)
    for (let j = i + 1; j < found.length; j++) {
      const d = distance(found[i]!.pose, found[j]!.pose);
      if (!best || d < best.poseDistance) best = { source: found[i]!, target: found[j]!, poseDistance: d };
    }
  if (!best) throw new Error(`fewer than two single-face portraits among the first ${limit} pictures of ${dir}`);
  return best;
}

/**
 * `frames` views of `still`: a square window shrinking from 94 % to 84 % of the short side while it
 * drifts sideways, each resized to `side` px. PNG files; returns their paths.
 */
async function panZoomFrames(still: RgbImage, dir: string, frames: number, side: number): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const raw = sharp(Buffer.from(rgbToBytes(still)), { raw: { width: still.width, height: still.height, channels: 3 } });
  const png = await raw.png().toBuffer();
  const short = Math.min(still.width, still.height);
  const out: string[] = [];
  for (let i = 0; i < frames; i++) {
    const k = frames > 1 ? i / (frames - 1) : 0;
    const w = Math.round(short * (0.94 - 0.1 * k));
    const cx = still.width / 2 + (k - 0.5) * 0.08 * short;
    const cy = still.height / 2 + (0.5 - k) * 0.04 * short;
    const left = Math.max(0, Math.min(still.width - w, Math.round(cx - w / 2)));
    const top = Math.max(0, Math.min(still.height - w, Math.round(cy - w / 2)));
    const file = join(dir, `frame-${String(i).padStart(2, '0')}.png`);
    await sharp(png).extract({ left, top, width: w, height: w }).resize(side, side, { kernel: 'lanczos3' }).png().toFile(file);
    out.push(file);
  }
  return out;
}

function encodeH264(framesDir: string, fps: number, out: string) {
  const args = [
    '-hide_banner',
    '-loglevel',
    'error',
    '-y',
    '-framerate',
    String(fps),
    '-i',
    join(framesDir, 'frame-%02d.png'),
    '-c:v',
    'libx264',
    '-preset',
    'medium',
    '-crf',
    '20',
    '-pix_fmt',
    'yuv420p',
    '-movflags',
    '+faststart',
    out,
  ];
  const r = spawnSync('ffmpeg', args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`ffmpeg ${args.join(' ')}: ${r.stderr || r.error}`);
}

export interface MakeOptions {
  /** The shared data root (holds train/faces-*). */
  dataDir: string;
  /** The models folder (face-detector card + model). */
  modelsDir: string;
  frames?: number;
  fps?: number;
  side?: number;
  limit?: number;
}

/** Writes swapped.mp4, control.mp4, their stills and frames into `outDir`; throws when the data or the detector is missing. */
export async function makeSwapClips(outDir: string, opts: MakeOptions): Promise<SwapClips> {
  const { frames = 24, fps = 4, side = 256, limit = 40 } = opts;
  const dir = REAL_FACE_DIRS.map((d) => join(opts.dataDir, d)).find((d) => existsSync(d));
  if (!dir) throw new Error(`no real faces in ${opts.dataDir} (${REAL_FACE_DIRS.join(', ')})`);
  const faces = createNodeFaceModel(findModelCards(opts.modelsDir), 1);
  if (!faces) throw new Error(`no face detector + face model in ${opts.modelsDir}`);
  try {
    const { source, target, poseDistance } = await pickPair(faces.detector, dir, limit);
    const swapped = swapFace(source, target).image;
    mkdirSync(outDir, { recursive: true });
    const still = async (img: RgbImage, name: string) => {
      const file = join(outDir, name);
      await sharp(Buffer.from(rgbToBytes(img)), { raw: { width: img.width, height: img.height, channels: 3 } })
        .png()
        .toFile(file);
      return file;
    };
    const result: SwapClips = {
      source: source.file,
      target: target.file,
      poseDistance,
      swappedStill: await still(swapped, 'swapped.png'),
      controlStill: await still(target.image, 'control.png'),
      swappedClip: join(outDir, 'swapped.mp4'),
      controlClip: join(outDir, 'control.mp4'),
      frames: {
        swapped: await panZoomFrames(swapped, join(outDir, 'frames-swapped'), frames, side),
        control: await panZoomFrames(target.image, join(outDir, 'frames-control'), frames, side),
      },
    };
    encodeH264(join(outDir, 'frames-swapped'), fps, result.swappedClip);
    encodeH264(join(outDir, 'frames-control'), fps, result.controlClip);
    const made = { source: basename(source.file), target: basename(target.file), folder: dir, poseDistance: Number(poseDistance.toFixed(4)), frames, fps, side };
    writeFileSync(join(outDir, 'pair.json'), `${JSON.stringify(made, null, 1)}\n`);
    return result;
  } finally {
    await faces.detector.dispose();
    await faces.classifier.dispose();
  }
}
