// Checks the ONNX BlazeFace (models/face-detector/model.onnx, built by blazeface.py) against the
// original TF.js graph model from @vladmandic/human run by TensorFlow.js (CPU backend) on the same
// inputs: seeded noise and, when ../shared/data is present, a few real face photos.
// Usage: node models/face-detector/verify_port.mjs   (exit 1 when they disagree)
import * as tf from '@tensorflow/tfjs';
import * as ort from 'onnxruntime-node';
import sharp from 'sharp';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const src = path.join(root, 'node_modules/@vladmandic/human/models');
await tf.setBackend('cpu');
const g = JSON.parse(readFileSync(path.join(src, 'blazeface.json'), 'utf8'));
const wb = readFileSync(path.join(src, 'blazeface.bin'));
const model = await tf.loadGraphModel(
  tf.io.fromMemory({
    modelTopology: g.modelTopology,
    weightSpecs: g.weightsManifest[0].weights,
    weightData: wb.buffer.slice(wb.byteOffset, wb.byteOffset + wb.length),
    userDefinedMetadata: g.userDefinedMetadata,
  }),
);
const session = await ort.InferenceSession.create(path.join(here, 'model.onnx'));

const inputs = [];
let s = 777;
const noise = new Float32Array(256 * 256 * 3);
for (let i = 0; i < noise.length; i++) {
  s = (Math.imul(s, 1103515245) + 12345) >>> 0;
  noise[i] = Math.max(-1, Math.min(1, 0.6 * Math.sin(i / 501) + ((s >>> 8) / 16777216 - 0.5)));
}
inputs.push(['noise', noise]);
const faces = path.join(root, '../shared/data/train/faces-unsplash-tpdne/real');
if (existsSync(faces)) {
  for (const f of readdirSync(faces).sort().slice(0, 3)) {
    const raw = await sharp(path.join(faces, f)).removeAlpha().resize(256, 256, { fit: 'fill' }).raw().toBuffer();
    inputs.push([f, Float32Array.from(raw, (v) => v / 127.5 - 1)]);
  }
} else console.log('../shared/data absent: checking on noise only');

let worst = 0;
for (const [name, nhwc] of inputs) {
  const outs = model.execute(tf.tensor(nhwc, [1, 256, 256, 3]));
  const bySize = [...outs].sort((a, b) => a.size - b.size); // 384x1, 512x1, 384x16, 512x16
  const tfScores = [...(await bySize[1].data()), ...(await bySize[0].data())];
  const tfBoxes = [...(await bySize[3].data()), ...(await bySize[2].data())];
  const nchw = new Float32Array(nhwc.length);
  for (let i = 0; i < 256 * 256; i++) for (let c = 0; c < 3; c++) nchw[c * 65536 + i] = nhwc[i * 3 + c];
  const o = await session.run({ image: new ort.Tensor('float32', nchw, [1, 3, 256, 256]) });
  // Relative to max(1, |value|): logits reach magnitudes in the tens, where float32 summation order shows.
  const d = (a, b) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]) / Math.max(1, Math.abs(v))), 0);
  const ds = d(tfScores, o.scores.data);
  const db = d(tfBoxes, o.boxes.data);
  const best = Math.max(...tfScores);
  worst = Math.max(worst, ds, db);
  console.log(`${name}: max rel |Δ logit| ${ds.toExponential(2)}, max rel |Δ box| ${db.toExponential(2)}, best face prob ${(1 / (1 + Math.exp(-best))).toFixed(3)}`);
}
if (worst > 1e-3) {
  console.error('MISMATCH');
  process.exit(1);
}
console.log('ONNX port matches TF.js');
