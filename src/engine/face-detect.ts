/**
 * Face detector post-processing (BlazeFace-style SSD): anchors, box decoding, NMS and the classifier's
 * crop, every parameter from the detector's card. models/face/face_features.py mirrors this file line
 * for line so training crops and engine crops are the same.
 */
import type { FaceDetectorConfig } from '../shared/model-card';
import type { Rect } from './preprocess';
import { iou } from '../shared/face-tracks';

/** A box in source pixels (may pass the image edge); BlazeFace keypoints: right eye, left eye, nose tip, mouth, right ear, left ear (the person's right). */
export interface DetectedFace extends Rect {
  score: number;
  keypoints?: { x: number; y: number }[];
}

/** Anchor centres in input pixels, `[x0, y0, x1, y1, ...]`, in the detector's output order. */
export function generateAnchors(inputSize: number, anchors: FaceDetectorConfig['anchors']): Float32Array {
  const out: number[] = [];
  anchors.strides.forEach((stride, i) => {
    const n = Math.ceil(inputSize / stride);
    for (let gy = 0; gy < n; gy++) for (let gx = 0; gx < n; gx++) for (let k = 0; k < anchors.perCell[i]!; k++) out.push(stride * (gx + 0.5), stride * (gy + 0.5));
  });
  return Float32Array.from(out);
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-Math.max(-80, Math.min(80, x))));

/** Faces in source pixels, best first: sigmoid scores ≥ minScore, greedy NMS, at most maxFaces. The source was squashed to `inputSize`, so x and y scale separately. */
export function decodeFaces(
  scores: ArrayLike<number>,
  boxes: ArrayLike<number>,
  cfg: FaceDetectorConfig,
  inputSize: number,
  source: { width: number; height: number },
  anchors: Float32Array = generateAnchors(inputSize, cfg.anchors),
): DetectedFace[] {
  const n = anchors.length / 2;
  if (scores.length !== n || boxes.length !== n * cfg.boxStride) throw new Error(`face detector: expected ${n} anchors, got ${scores.length} scores / ${boxes.length / cfg.boxStride} boxes`);
  const candidates: { i: number; p: number }[] = [];
  for (let i = 0; i < n; i++) {
    const p = sigmoid(scores[i]!);
    if (p >= cfg.minScore) candidates.push({ i, p });
  }
  // Stable sort: equal scores keep anchor order (numpy argsort kind='stable' in the Python mirror).
  candidates.sort((a, b) => b.p - a.p || a.i - b.i);
  const kx = source.width / inputSize;
  const ky = source.height / inputSize;
  const kept: DetectedFace[] = [];
  for (const { i, p } of candidates) {
    const o = i * cfg.boxStride;
    const cx = boxes[o]! + anchors[2 * i]!;
    const cy = boxes[o + 1]! + anchors[2 * i + 1]!;
    const w = boxes[o + 2]!;
    const h = boxes[o + 3]!;
    if (!(w > 0 && h > 0)) continue;
    const face: DetectedFace = { x: (cx - w / 2) * kx, y: (cy - h / 2) * ky, width: w * kx, height: h * ky, score: p };
    if (kept.some((k) => iou(face, k) > cfg.iouThreshold)) continue;
    // After the box, (x, y) pairs relative to the anchor, like the box centre.
    const points = Math.floor((cfg.boxStride - 4) / 2);
    if (points > 0) face.keypoints = Array.from({ length: points }, (_, k) => ({ x: (boxes[o + 4 + 2 * k]! + anchors[2 * i]!) * kx, y: (boxes[o + 5 + 2 * k]! + anchors[2 * i + 1]!) * ky }));
    kept.push(face);
    if (kept.length >= cfg.maxFaces) break;
  }
  return kept;
}

/** The classifier's square: `cropScale` × the face's longest side, centred, shifted (then shrunk) into the image; undefined for a face under `minFaceSide` or a crop under 8 px. */
export function faceCropRect(face: DetectedFace, cfg: Pick<FaceDetectorConfig, 'cropScale' | 'minFaceSide'>, width: number, height: number): Rect | undefined {
  const longest = Math.max(face.width, face.height);
  if (longest < cfg.minFaceSide) return undefined;
  const side = Math.min(longest * cfg.cropScale, width, height);
  const cx = face.x + face.width / 2;
  const cy = face.y + face.height / 2;
  const left = Math.min(Math.max(cx - side / 2, 0), width - side);
  const top = Math.min(Math.max(cy - side / 2, 0), height - side);
  const s = Math.floor(side);
  if (s < 8) return undefined;
  return { x: Math.floor(left), y: Math.floor(top), width: s, height: s };
}
