/**
 * The classical face swap, on plain typed arrays: line the source face's eyes, nose and mouth up
 * with the target's (a similarity transform), warp it over the target by bilinear sampling, match
 * its colour to the target's face (Reinhard: mean and standard deviation of each axis of a
 * lightness/opponent-colour space, inside the face), and blend it in through an ellipse around eyes
 * and mouth with a feathered edge. What it leaves (a blending boundary, two faces' textures and
 * colours meeting) is what a face-swap detector must see; it is made for tests and demos.
 */
import { applySimilarity, fitSimilarity, invertSimilarity, type Point, type Similarity } from './similarity';

/** RGB, 3 floats per pixel in 0–255, row-major. */
export interface RgbImage {
  width: number;
  height: number;
  data: Float32Array;
}

/** The detector's keypoints that fix a face's place: BlazeFace's first four (the ears are too unsteady). */
export interface FaceLandmarks {
  rightEye: Point;
  leftEye: Point;
  nose: Point;
  mouth: Point;
}

export function landmarksFrom(keypoints: Point[]): FaceLandmarks {
  if (keypoints.length < 4) throw new Error(`need 4 face keypoints (eyes, nose, mouth), got ${keypoints.length}`);
  const [rightEye, leftEye, nose, mouth] = keypoints as [Point, Point, Point, Point];
  return { rightEye, leftEye, nose, mouth };
}

const points = (l: FaceLandmarks) => [l.rightEye, l.leftEye, l.nose, l.mouth];

export function rgbFromRgba(px: { width: number; height: number; data: ArrayLike<number> }): RgbImage {
  const data = new Float32Array(px.width * px.height * 3);
  for (let i = 0, j = 0; j < data.length; i += 4, j += 3) {
    data[j] = px.data[i]!;
    data[j + 1] = px.data[i + 1]!;
    data[j + 2] = px.data[i + 2]!;
  }
  return { width: px.width, height: px.height, data };
}

/** 8-bit RGB bytes (rounded, clamped), e.g. for sharp's raw input. */
export function rgbToBytes(img: RgbImage): Uint8Array {
  const out = new Uint8Array(img.data.length);
  for (let i = 0; i < out.length; i++) out[i] = Math.max(0, Math.min(255, Math.round(img.data[i]!)));
  return out;
}

/**
 * `src` carried into a width × height canvas by `t` (source pixels → canvas pixels), sampled
 * bilinearly at pixel centres; `valid` is 0 where the canvas pixel comes from outside `src`.
 */
export function warpSimilarity(src: RgbImage, t: Similarity, width: number, height: number): { image: RgbImage; valid: Float32Array } {
  const back = invertSimilarity(t);
  const data = new Float32Array(width * height * 3);
  const valid = new Float32Array(width * height);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const p = applySimilarity(back, { x: x + 0.5, y: y + 0.5 });
      const sx = p.x - 0.5;
      const sy = p.y - 0.5;
      if (sx < 0 || sy < 0 || sx > src.width - 1 || sy > src.height - 1) continue;
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      const fx = sx - x0;
      const fy = sy - y0;
      const x1 = Math.min(x0 + 1, src.width - 1);
      const y1 = Math.min(y0 + 1, src.height - 1);
      const o = (y * width + x) * 3;
      for (let c = 0; c < 3; c++) {
        const at = (xx: number, yy: number) => src.data[(yy * src.width + xx) * 3 + c]!;
        const top = at(x0, y0) * (1 - fx) + at(x1, y0) * fx;
        const bottom = at(x0, y1) * (1 - fx) + at(x1, y1) * fx;
        data[o + c] = top * (1 - fy) + bottom * fy;
      }
      valid[y * width + x] = 1;
    }
  return { image: { width, height, data }, valid };
}

/**
 * Weight 1 inside an ellipse from the brows to between mouth and chin, across both eyes, falling
 * smoothly to 0 over the outer `feather` share of its radius (a blurred edge without a blur pass).
 */
export function faceMask(l: FaceLandmarks, width: number, height: number, feather = 0.3): Float32Array {
  const eyeMid = { x: (l.rightEye.x + l.leftEye.x) / 2, y: (l.rightEye.y + l.leftEye.y) / 2 };
  const eyes = Math.hypot(l.leftEye.x - l.rightEye.x, l.leftEye.y - l.rightEye.y);
  const m = Math.hypot(l.mouth.x - eyeMid.x, l.mouth.y - eyeMid.y);
  if (!(eyes > 0 && m > 0)) throw new Error('faceMask: degenerate landmarks');
  // u points down the face (eyes → mouth), v across it.
  const u = { x: (l.mouth.x - eyeMid.x) / m, y: (l.mouth.y - eyeMid.y) / m };
  const v = { x: -u.y, y: u.x };
  const top = -0.6 * m; // brows, along u from the eyes' midpoint
  const bottom = 1.45 * m; // between mouth and chin
  const centre = { x: eyeMid.x + u.x * ((top + bottom) / 2), y: eyeMid.y + u.y * ((top + bottom) / 2) };
  const ry = (bottom - top) / 2;
  const rx = 1.1 * eyes;
  const mask = new Float32Array(width * height);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const dx = x + 0.5 - centre.x;
      const dy = y + 0.5 - centre.y;
      const r = Math.hypot((dx * v.x + dy * v.y) / rx, (dx * u.x + dy * u.y) / ry);
      const s = Math.min(1, Math.max(0, (r - (1 - feather)) / feather));
      mask[y * width + x] = 1 - s * s * (3 - 2 * s);
    }
  return mask;
}

/**
 * A decorrelated opponent space (Reinhard's lαβ without the log-LMS step): lightness and two colour
 * axes, so matching each axis on its own does not tint a face the way per-RGB-channel matching does.
 */
const S3 = Math.sqrt(3);
const S6 = Math.sqrt(6);
const S2 = Math.sqrt(2);
const toOpponent = (r: number, g: number, b: number): [number, number, number] => [(r + g + b) / S3, (r + g - 2 * b) / S6, (r - g) / S2];
const fromOpponent = (l: number, a: number, b: number): [number, number, number] => [l / S3 + a / S6 + b / S2, l / S3 + a / S6 - b / S2, l / S3 - (2 * a) / S6];

/** Per-axis mean and standard deviation (opponent space) over pixels whose weight is at least `minWeight`. */
function stats(img: RgbImage, weight: Float32Array, minWeight: number): { mean: number[]; std: number[] } {
  const sum = [0, 0, 0];
  const sq = [0, 0, 0];
  let n = 0;
  for (let i = 0; i < weight.length; i++) {
    if (weight[i]! < minWeight) continue;
    n++;
    const o = toOpponent(img.data[i * 3]!, img.data[i * 3 + 1]!, img.data[i * 3 + 2]!);
    for (let c = 0; c < 3; c++) {
      sum[c]! += o[c]!;
      sq[c]! += o[c]! * o[c]!;
    }
  }
  if (!n) throw new Error('colour match: empty face region');
  const mean = sum.map((s) => s / n);
  return { mean, std: sq.map((s, c) => Math.sqrt(Math.max(0, s / n - mean[c]! ** 2))) };
}

/**
 * `src` with the mean and spread of `ref` inside the face (Reinhard et al. 2001), axis by axis in
 * the opponent space; the spread's gain is kept within ½–2 so a flat channel is not blown up into noise.
 */
export function matchColour(src: RgbImage, ref: RgbImage, weight: Float32Array, minWeight = 0.5): RgbImage {
  const s = stats(src, weight, minWeight);
  const r = stats(ref, weight, minWeight);
  const gain = s.std.map((sd, c) => (sd > 1e-3 ? Math.min(2, Math.max(0.5, r.std[c]! / sd)) : 1));
  const data = new Float32Array(src.data.length);
  for (let i = 0; i < data.length; i += 3) {
    const o = toOpponent(src.data[i]!, src.data[i + 1]!, src.data[i + 2]!);
    const m = o.map((v, c) => (v - s.mean[c]!) * gain[c]! + r.mean[c]!) as [number, number, number];
    data.set(fromOpponent(...m), i);
  }
  return { width: src.width, height: src.height, data };
}

/** alpha · fg + (1 − alpha) · bg, pixel by pixel. */
export function blend(fg: RgbImage, bg: RgbImage, alpha: Float32Array): RgbImage {
  const data = new Float32Array(bg.data.length);
  for (let i = 0; i < data.length; i++) {
    const a = alpha[(i / 3) | 0]!;
    data[i] = a * fg.data[i]! + (1 - a) * bg.data[i]!;
  }
  return { width: bg.width, height: bg.height, data };
}

export interface Face {
  image: RgbImage;
  landmarks: FaceLandmarks;
}

/** The source's face on the target's head: the target picture with its inner face replaced. */
export function swapFace(source: Face, target: Face): { image: RgbImage; mask: Float32Array; transform: Similarity } {
  const transform = fitSimilarity(points(source.landmarks), points(target.landmarks));
  const { width, height } = target.image;
  const warped = warpSimilarity(source.image, transform, width, height);
  const mask = faceMask(target.landmarks, width, height);
  for (let i = 0; i < mask.length; i++) mask[i]! *= warped.valid[i]!;
  const matched = matchColour(warped.image, target.image, mask);
  return { image: blend(matched, target.image, mask), mask, transform };
}
