/** Image → model input tensor as the model card says; the browser, Node and the Python training code give the same numbers (golden tests). */
import type { Pixels } from '../detectors/detector';
import type { ModelCard } from '../shared/model-card';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** torch `interpolate(mode='area')` (adaptive average pooling): output cell i averages input [floor(i*in/out), ceil((i+1)*in/out)). */
function resizeArea(src: Pixels, rect: Rect, outW: number, outH: number): Float32Array {
  const out = new Float32Array(outW * outH * 3);
  const { data, width: stride } = src;
  for (let oy = 0; oy < outH; oy++) {
    const y0 = rect.y + Math.floor((oy * rect.height) / outH);
    const y1 = rect.y + Math.ceil(((oy + 1) * rect.height) / outH);
    for (let ox = 0; ox < outW; ox++) {
      const x0 = rect.x + Math.floor((ox * rect.width) / outW);
      const x1 = rect.x + Math.ceil(((ox + 1) * rect.width) / outW);
      let r = 0,
        g = 0,
        b = 0;
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

/** Source index pairs and weights of one axis for torch's bilinear resize (align_corners=False). */
function bilinearTaps(inSize: number, outSize: number) {
  const lo = new Int32Array(outSize);
  const hi = new Int32Array(outSize);
  const w = new Float64Array(outSize);
  const k = inSize / outSize;
  for (let o = 0; o < outSize; o++) {
    const f = Math.max(0, (o + 0.5) * k - 0.5);
    lo[o] = Math.min(Math.floor(f), inSize - 1);
    hi[o] = Math.min(lo[o]! + 1, inSize - 1);
    w[o] = f - lo[o]!;
  }
  return { lo, hi, w };
}

/** torch `interpolate(mode='bilinear', align_corners=False, antialias=False)`. */
function resizeBilinear(src: Pixels, rect: Rect, outW: number, outH: number): Float32Array {
  const out = new Float32Array(outW * outH * 3);
  const { data, width: stride } = src;
  // Taps are computed once per axis: this runs on every picture (the face detector's input).
  const xs = bilinearTaps(rect.width, outW);
  const ys = bilinearTaps(rect.height, outH);
  for (let oy = 0; oy < outH; oy++) {
    const row0 = (rect.y + ys.lo[oy]!) * stride + rect.x;
    const row1 = (rect.y + ys.hi[oy]!) * stride + rect.x;
    const wy = ys.w[oy]!;
    for (let ox = 0; ox < outW; ox++) {
      const wx = xs.w[ox]!;
      const p00 = (row0 + xs.lo[ox]!) * 4,
        p01 = (row0 + xs.hi[ox]!) * 4;
      const p10 = (row1 + xs.lo[ox]!) * 4,
        p11 = (row1 + xs.hi[ox]!) * 4;
      const o = (oy * outW + ox) * 3;
      for (let c = 0; c < 3; c++) {
        const top = data[p00 + c]! * (1 - wx) + data[p01 + c]! * wx;
        const bottom = data[p10 + c]! * (1 - wx) + data[p11 + c]! * wx;
        out[o + c] = top * (1 - wy) + bottom * wy;
      }
    }
  }
  return out;
}

/** The input tensor data for `input` from RGBA pixels, optionally a sub-rectangle; `center-crop` takes its centred square. */
export function preprocess(pixels: Pixels, input: ModelCard['input'], region?: Rect): Float32Array {
  let rect = region ?? { x: 0, y: 0, width: pixels.width, height: pixels.height };
  if (input.fit !== 'squash') {
    const side = Math.min(rect.width, rect.height);
    rect = { x: rect.x + Math.floor((rect.width - side) / 2), y: rect.y + Math.floor((rect.height - side) / 2), width: side, height: side };
  }
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
