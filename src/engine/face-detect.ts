/**
 * Face detector post-processing (BlazeFace-style SSD): anchors, box decoding, non-maximum
 * suppression and the crop the face classifier sees. Pure: every parameter comes from the
 * detector's model card (`models/face-detector/model.json`), and models/face/face_features.py mirrors
 * this file line for line so training crops and engine crops are the same.
 */
import type { FaceDetectorConfig } from '../shared/model-card';
import type { Rect } from './preprocess';
import { iou } from '../shared/face-tracks';

export interface DetectedFace {
  /** Box in source pixels (may extend past the image edge, as the detector saw it). */
  x: number;
  y: number;
  width: number;
  height: number;
  /** Face probability. */
  score: number;
  /**
   * The detector's keypoints in source pixels, when its boxes carry them (BlazeFace: 6, in order
   * right eye, left eye, nose tip, mouth centre, right ear, left ear; "right" is the person's).
   */
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

/**
 * Raw outputs → faces in source pixels, best first: sigmoid scores ≥ minScore, greedy NMS at
 * iouThreshold, at most maxFaces. `inputSize` is the detector input side; the source image was
 * squashed to it, so x and y scale separately.
 */
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

/**
 * The square the face classifier sees: `cropScale` × the face's longest side, centred on the
 * face, shifted (then shrunk) to stay inside the image; integer pixels. Undefined when the face
 * is smaller than `minFaceSide` or the crop would be under 8 px.
 */
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
