/** The face-swap maker of the e2e test and scripts/make-swap-clip.ts: its geometry, mask, colour match and blend. */
import { describe, expect, it } from 'vitest';
import { poseOf } from '../../scripts/face-swap-clip/make-clips';
import { applySimilarity, fitSimilarity, invertSimilarity, type Similarity } from '../../scripts/face-swap-clip/similarity';
import { faceMask, matchColour, swapFace, warpSimilarity, type FaceLandmarks, type RgbImage } from '../../scripts/face-swap-clip/swap';

const pts = [
  { x: 10, y: 20 },
  { x: 40, y: 22 },
  { x: 26, y: 40 },
  { x: 25, y: 55 },
];

function image(width: number, height: number, pixel: (x: number, y: number) => [number, number, number]): RgbImage {
  const data = new Float32Array(width * height * 3);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set(pixel(x, y), (y * width + x) * 3);
  return { width, height, data };
}

/** Mean and standard deviation of channel `c` over the pixels with weight ≥ ½. */
function channel(img: RgbImage, weight: Float32Array, c: number) {
  const v: number[] = [];
  for (let i = 0; i < weight.length; i++) if (weight[i]! >= 0.5) v.push(img.data[i * 3 + c]!);
  const mean = v.reduce((s, x) => s + x, 0) / v.length;
  return { mean, std: Math.sqrt(v.reduce((s, x) => s + (x - mean) ** 2, 0) / v.length) };
}

describe('similarity', () => {
  it('recovers a known rotation, scale and shift from noiseless points, and inverts it', () => {
    const t: Similarity = { a: 1.2 * Math.cos(0.3), b: 1.2 * Math.sin(0.3), tx: 7, ty: -4 };
    const fit = fitSimilarity(
      pts,
      pts.map((p) => applySimilarity(t, p)),
    );
    for (const k of ['a', 'b', 'tx', 'ty'] as const) expect(fit[k]).toBeCloseTo(t[k], 9);
    const back = applySimilarity(invertSimilarity(fit), applySimilarity(fit, { x: 3, y: 9 }));
    expect(back.x).toBeCloseTo(3, 9);
    expect(back.y).toBeCloseTo(9, 9);
  });
  it('never mirrors: a mirrored point set gets the best rotation, not a reflection', () => {
    const mirrored = pts.map((p) => ({ x: -p.x, y: p.y }));
    const fit = fitSimilarity(pts, mirrored);
    const err = pts.reduce((s, p, i) => s + Math.hypot(applySimilarity(fit, p).x - mirrored[i]!.x, applySimilarity(fit, p).y - mirrored[i]!.y), 0);
    expect(err).toBeGreaterThan(1);
  });
  it('refuses coincident points', () => {
    expect(() => fitSimilarity([pts[0]!, pts[0]!], [pts[1]!, pts[2]!])).toThrow(/coincide/);
  });
});

describe('warpSimilarity', () => {
  const src = image(8, 6, (x, y) => [x * 10, y * 10, 100]);
  it('with the identity gives the image back, all valid', () => {
    const { image: out, valid } = warpSimilarity(src, { a: 1, b: 0, tx: 0, ty: 0 }, 8, 6);
    expect(Array.from(out.data)).toEqual(Array.from(src.data));
    expect(valid.every((v) => v === 1)).toBe(true);
  });
  it('shifts by whole pixels, marking what comes from outside as invalid', () => {
    const { image: out, valid } = warpSimilarity(src, { a: 1, b: 0, tx: 2, ty: 1 }, 8, 6);
    expect(Array.from(out.data.slice((1 * 8 + 2) * 3, (1 * 8 + 2) * 3 + 3))).toEqual([0, 0, 100]);
    expect(valid[0]).toBe(0);
    expect(valid[1 * 8 + 2]).toBe(1);
  });
  it('samples bilinearly between pixels', () => {
    const { image: out } = warpSimilarity(src, { a: 1, b: 0, tx: -0.5, ty: 0 }, 8, 6);
    expect(out.data[0]).toBeCloseTo(5, 6);
  });
});

const face: FaceLandmarks = { rightEye: { x: 40, y: 45 }, leftEye: { x: 60, y: 45 }, nose: { x: 50, y: 55 }, mouth: { x: 50, y: 65 } };

describe('faceMask', () => {
  const mask = faceMask(face, 100, 100);
  it('is 1 over eyes, nose and mouth, 0 far away, and feathered between', () => {
    for (const p of [face.rightEye, face.leftEye, face.nose, face.mouth]) expect(mask[Math.floor(p.y) * 100 + Math.floor(p.x)]).toBe(1);
    expect(mask[5 * 100 + 5]).toBe(0);
    const row = Array.from({ length: 50 }, (_, x) => mask[55 * 100 + 50 + x]!);
    expect(row.every((v, i) => i === 0 || v <= row[i - 1]!)).toBe(true);
    expect(row.some((v) => v > 0.05 && v < 0.95)).toBe(true);
  });
});

describe('matchColour', () => {
  it("gives the source the reference face's mean and spread in each channel", () => {
    const weight = new Float32Array(40 * 40).fill(1);
    const src = image(40, 40, (x, y) => [200 + ((x * 7 + y) % 11), 60 + ((x + y * 3) % 9), 50 + ((x * y) % 7)]);
    const ref = image(40, 40, (x, y) => [150 + ((x * 5 + y * 2) % 13), 110 + ((x * 3 + y) % 10), 90 + ((x + 2 * y) % 8)]);
    const out = matchColour(src, ref, weight);
    for (let c = 0; c < 3; c++) expect(channel(out, weight, c).mean).toBeCloseTo(channel(ref, weight, c).mean, 3);
  });
});

describe('swapFace', () => {
  it('changes the inner face of the target and leaves the rest of it exactly as it was', () => {
    const target = { image: image(100, 100, (x, y) => [120 + (x % 5), 90 + (y % 3), 80]), landmarks: face };
    const shifted = (p: { x: number; y: number }) => ({ x: p.x * 1.3 + 5, y: p.y * 1.3 - 8 });
    const source = {
      image: image(140, 140, (x, y) => [200, 150 + ((x + y) % 20), 60 + (x % 9)]),
      landmarks: { rightEye: shifted(face.rightEye), leftEye: shifted(face.leftEye), nose: shifted(face.nose), mouth: shifted(face.mouth) },
    };
    const { image: out, mask, transform } = swapFace(source, target);
    expect(Math.hypot(transform.a, transform.b)).toBeCloseTo(1 / 1.3, 6);
    const at = (img: RgbImage, x: number, y: number) => Array.from(img.data.slice((y * 100 + x) * 3, (y * 100 + x) * 3 + 3));
    expect(at(out, 3, 3)).toEqual(at(target.image, 3, 3));
    expect(mask[55 * 100 + 50]).toBe(1);
    expect(at(out, 50, 55)).not.toEqual(at(target.image, 50, 55));
  });
});

describe('poseOf', () => {
  it('does not change when the face is moved, turned in the picture plane or scaled', () => {
    const six = [...pts, { x: 0, y: 35 }, { x: 50, y: 36 }];
    const t: Similarity = { a: 0.7 * Math.cos(-0.4), b: 0.7 * Math.sin(-0.4), tx: 30, ty: 12 };
    const a = poseOf(six);
    const b = poseOf(six.map((p) => applySimilarity(t, p)));
    for (const [i, v] of b.entries()) expect(v).toBeCloseTo(a[i]!, 9);
    expect(a).toHaveLength(8);
  });
});
