// Scores the evaluation crops (engine_crops.py, dumped by evaluate.py as work/engine-crops.u8:
// N x S x S x 3 uint8) with an ONNX face classifier in onnxruntime-node, as the engine feeds it
// (RGB in [0,1], NCHW). Usage: node score_onnx.mjs model.onnx crops.u8 S out.json
import { readFileSync, writeFileSync } from 'node:fs';
import * as ort from 'onnxruntime-node';

const [model, crops, sizeArg, out] = process.argv.slice(2);
const S = Number(sizeArg);
const bytes = readFileSync(crops);
const n = bytes.length / (S * S * 3);
const session = await ort.InferenceSession.create(model, { intraOpNumThreads: 1 });
const scores = [];
const B = 64;
for (let i = 0; i < n; i += B) {
  const b = Math.min(B, n - i);
  const x = new Float32Array(b * 3 * S * S);
  for (let k = 0; k < b; k++) {
    const base = (i + k) * S * S * 3;
    for (let p = 0; p < S * S; p++) for (let c = 0; c < 3; c++) x[k * 3 * S * S + c * S * S + p] = bytes[base + p * 3 + c] / 255;
  }
  const r = await session.run({ [session.inputNames[0]]: new ort.Tensor('float32', x, [b, 3, S, S]) });
  scores.push(...r[session.outputNames[0]].data);
}
writeFileSync(out, JSON.stringify(scores.map((v) => Number(v.toFixed(5)))));
console.log(`${n} crops scored -> ${out}`);
