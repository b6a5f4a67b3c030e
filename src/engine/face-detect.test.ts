import { describe, expect, it } from 'vitest';
import type { FaceDetectorConfig } from '../shared/model-card';
import { iou } from '../shared/face-tracks';
import { decodeFaces, faceCropRect, generateAnchors } from './face-detect';

const cfg: FaceDetectorConfig = {
  scores: 'scores',
  boxes: 'boxes',
  boxStride: 4,
  anchors: { strides: [16, 32], perCell: [2, 6] },
  minScore: 0.5,
  iouThreshold: 0.3,
  maxFaces: 5,
  minFaceSide: 10,
  cropScale: 1.5,
};

describe('generateAnchors', () => {
  it('matches BlazeFace 256: 16×16×2 then 8×8×6 = 896 anchors, row-major centres', () => {
    const a = generateAnchors(256, cfg.anchors);
    expect(a.length / 2).toBe(896);
    expect([a[0], a[1], a[2], a[3]]).toEqual([8, 8, 8, 8]); // two anchors in the first cell
    expect([a[4], a[5]]).toEqual([24, 8]); // next cell to the right
    expect([a[2 * 512], a[2 * 512 + 1]]).toEqual([16, 16]); // first 32-stride anchor
    expect([a[2 * 895], a[2 * 895 + 1]]).toEqual([240, 240]);
  });
  it('rounds partial cells up like ceil(size/stride)', () => {
    expect(generateAnchors(40, { strides: [16], perCell: [1] }).length / 2).toBe(9);
  });
});

/** Raw outputs with every logit very negative, and the given anchors set. */
function outputs(set: { i: number; logit: number; box: [number, number, number, number] }[]) {
  const scores = new Float32Array(896).fill(-20);
  const boxes = new Float32Array(896 * 4);
  for (const s of set) {
    scores[s.i] = s.logit;
    boxes.set(s.box, s.i * 4);
  }
  return { scores, boxes };
}

describe('decodeFaces', () => {
  it('decodes centre offsets relative to the anchor and scales to source pixels (squash)', () => {
    // Anchor 0 is at (8, 8); offset (+56, +72) → centre (64, 80) of 256, box 32×48.
    const { scores, boxes } = outputs([{ i: 0, logit: 3, box: [56, 72, 32, 48] }]);
    const faces = decodeFaces(scores, boxes, cfg, 256, { width: 512, height: 256 });
    expect(faces).toHaveLength(1);
    expect(faces[0]!.score).toBeCloseTo(1 / (1 + Math.exp(-3)), 6);
    expect(faces[0]).toMatchObject({ x: (64 - 16) * 2, y: 80 - 24, width: 64, height: 48 });
  });
  it('drops low scores, suppresses overlaps (keeps the best), keeps separate faces, best first', () => {
    const { scores, boxes } = outputs([
      { i: 0, logit: 1, box: [56, 56, 40, 40] }, // face A, weaker duplicate
      { i: 1, logit: 4, box: [58, 58, 40, 40] }, // face A, best
      { i: 100, logit: 2, box: [0, 0, 30, 30] }, // face B elsewhere
      { i: 200, logit: -1, box: [0, 0, 30, 30] }, // below minScore
    ]);
    const faces = decodeFaces(scores, boxes, cfg, 256, { width: 256, height: 256 });
    expect(faces.map((f) => Math.round(f.x + f.width / 2))).toEqual([66, generateAnchors(256, cfg.anchors)[200]!]);
    expect(faces[0]!.score).toBeGreaterThan(faces[1]!.score);
  });
  it('honours maxFaces and ignores degenerate boxes', () => {
    const set = Array.from({ length: 8 }, (_, k) => ({ i: k * 60, logit: 2, box: [0, 0, 10, 10] as [number, number, number, number] }));
    set.push({ i: 700, logit: 9, box: [0, 0, 0, 10] });
    const { scores, boxes } = outputs(set);
    const faces = decodeFaces(scores, boxes, { ...cfg, maxFaces: 3 }, 256, { width: 256, height: 256 });
    expect(faces).toHaveLength(3);
    expect(faces.every((f) => f.width > 0)).toBe(true);
  });
  it('decodes keypoints after the box, relative to the anchor, in source pixels (BlazeFace: 16 per anchor)', () => {
    const scores = new Float32Array(896).fill(-20);
    const boxes = new Float32Array(896 * 16);
    scores[0] = 3;
    // Anchor 0 at (8, 8): box centre (64, 80); right eye (48, 70), left eye (80, 70), nose (64, 84).
    boxes.set([56, 72, 32, 48, 40, 62, 72, 62, 56, 76, 56, 86, 30, 70, 82, 70], 0);
    const [face] = decodeFaces(scores, boxes, { ...cfg, boxStride: 16 }, 256, { width: 512, height: 256 });
    expect(face!.keypoints).toHaveLength(6);
    expect(face!.keypoints!.slice(0, 3)).toEqual([
      { x: 96, y: 70 },
      { x: 160, y: 70 },
      { x: 128, y: 84 },
    ]);
    const plain = outputs([{ i: 0, logit: 3, box: [56, 72, 32, 48] }]);
    expect(decodeFaces(plain.scores, plain.boxes, cfg, 256, { width: 512, height: 256 })[0]!.keypoints).toBeUndefined();
  });
  it('rejects outputs that do not match the anchors', () => {
    expect(() => decodeFaces(new Float32Array(10), new Float32Array(40), cfg, 256, { width: 1, height: 1 })).toThrow(/anchors/);
  });
});

describe('iou', () => {
  it('is 1 for identical, 0 for disjoint, 1/7 for half-overlapping squares', () => {
    const a = { x: 0, y: 0, width: 10, height: 10, score: 1 };
    expect(iou(a, a)).toBe(1);
    expect(iou(a, { ...a, x: 20 })).toBe(0);
    expect(iou(a, { ...a, x: 5 })).toBeCloseTo(50 / 150, 6);
  });
});

describe('faceCropRect', () => {
  it('is a centred square of cropScale × the longest side', () => {
    expect(faceCropRect({ x: 100, y: 100, width: 40, height: 60, score: 1 }, cfg, 400, 400)).toEqual({ x: 75, y: 85, width: 90, height: 90 });
  });
  it('shifts inside the image, then shrinks to the short side', () => {
    expect(faceCropRect({ x: -10, y: 0, width: 40, height: 40, score: 1 }, cfg, 400, 300)).toEqual({ x: 0, y: 0, width: 60, height: 60 });
    expect(faceCropRect({ x: 0, y: 0, width: 300, height: 300, score: 1 }, cfg, 400, 200)).toEqual({ x: 50, y: 0, width: 200, height: 200 });
  });
  it('skips faces under minFaceSide', () => {
    expect(faceCropRect({ x: 0, y: 0, width: 8, height: 9, score: 1 }, cfg, 400, 400)).toBeUndefined();
  });
});
