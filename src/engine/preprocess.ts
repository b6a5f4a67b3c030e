/**
 * Image → model input tensor, exactly as the model card says. Pure and deterministic so the
 * browser, Node and the Python training code produce the same numbers (golden tests check it).
 */
import type { Pixels } from '../detectors/detector';
import type { ModelCard } from '../shared/model-card';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The part of the image the model sees, per `input.fit`. */
export function fitRect(width: number, height: number, fit: ModelCard['input']['fit']): Rect {
  if (fit === 'squash') return { x: 0, y: 0, width, height };
  const side = Math.min(width, height);
  return { x: Math.floor((width - side) / 2), y: Math.floor((height - side) / 2), width: side, height: side };
}

/**
 * Resize one RGB plane set with torch's `interpolate(mode='area')` (adaptive average pooling):
 * output cell i averages input [floor(i*in/out), ceil((i+1)*in/out)).
 */
function resizeArea(src: Pixels, rect: Rect, outW: number, outH: number): Float32Array {
  const out = new Float32Array(outW * outH * 3);
  const { data, width: stride } = src;
  for (let oy = 0; oy < outH; oy++) {
    const y0 = rect.y + Math.floor((oy * rect.height) / outH);
    const y1 = rect.y + Math.ceil(((oy + 1) * rect.height) / outH);
    for (let ox = 0; ox < outW; ox++) {
      const x0 = rect.x + Math.floor((ox * rect.width) / outW);
      const x1 = rect.x + Math.ceil(((ox + 1) * rect.width) / outW);
      let r = 0, g = 0, b = 0;
      for (let y = y0; y < y1; y++) {
        let p = (y * stride + x0) * 4;
        for (let x = x0; x < x1; x++, p += 4) {
          r += data[p]!;
          g += data[p + 1]!;
          b += data[p + 2]!;
        }
      }
      const n = (y1 - y0) * (x1 - x0);
      const o = (oy * outW + ox) * 3;
      out[o] = r / n;
      out[o + 1] = g / n;
      out[o + 2] = b / n;
    }
  }
  return out;
}

/** torch `interpolate(mode='bilinear', align_corners=False, antialias=False)`. */
function resizeBilinear(src: Pixels, rect: Rect, outW: number, outH: number): Float32Array {
  const out = new Float32Array(outW * outH * 3);
  const { data, width: stride } = src;
  const sx = rect.width / outW;
  const sy = rect.height / outH;
  for (let oy = 0; oy < outH; oy++) {
    const fy = Math.max(0, (oy + 0.5) * sy - 0.5);
    const y0 = Math.min(Math.floor(fy), rect.height - 1);
    const y1 = Math.min(y0 + 1, rect.height - 1);
    const wy = fy - y0;
    for (let ox = 0; ox < outW; ox++) {
      const fx = Math.max(0, (ox + 0.5) * sx - 0.5);
      const x0 = Math.min(Math.floor(fx), rect.width - 1);
      const x1 = Math.min(x0 + 1, rect.width - 1);
      const wx = fx - x0;
      const o = (oy * outW + ox) * 3;
      for (let c = 0; c < 3; c++) {
        const at = (x: number, y: number) => data[((rect.y + y) * stride + rect.x + x) * 4 + c]!;
        const top = at(x0, y0) * (1 - wx) + at(x1, y0) * wx;
        const bottom = at(x0, y1) * (1 - wx) + at(x1, y1) * wx;
        out[o + c] = top * (1 - wy) + bottom * wy;
      }
    }
  }
  return out;
}

/** Builds the input tensor data (float32) for `card` from RGBA pixels, optionally a sub-rectangle. */
export function preprocess(pixels: Pixels, input: ModelCard['input'], region?: Rect): Float32Array {
  const base = region ?? { x: 0, y: 0, width: pixels.width, height: pixels.height };
  const fitted = fitRect(base.width, base.height, input.fit);
  const rect = { x: base.x + fitted.x, y: base.y + fitted.y, width: fitted.width, height: fitted.height };
  const { width: w, height: h } = input;
  const rgb = input.resize === 'area' ? resizeArea(pixels, rect, w, h) : resizeBilinear(pixels, rect, w, h);
  const out = new Float32Array(w * h * 3);
  const k = input.scale / 255;
  for (let i = 0; i < w * h; i++) {
    for (let c = 0; c < 3; c++) {
      const v = (rgb[i * 3 + c]! * k - input.mean[c]!) / input.std[c]!;
      if (input.layout === 'NCHW') out[c * w * h + i] = v;
      else out[i * 3 + c] = v;
    }
  }
  return out;
}

/** Tensor dims for the card's layout (batch of one). */
export function inputDims(input: ModelCard['input']): number[] {
  return input.layout === 'NCHW' ? [1, 3, input.height, input.width] : [1, input.height, input.width, 3];
}
