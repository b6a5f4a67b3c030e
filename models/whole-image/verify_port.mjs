// Runs the original nsfwjs MobileNetV2 (or, with --inception, InceptionV3) with TensorFlow.js (CPU
// backend) on two seeded pseudo-random images and writes input + softmax output to work/port-ref*.*,
// for verify_port.py to compare with the PyTorch rebuild.
// Usage: node models/whole-image/verify_port.mjs --write-ref [--inception]
import * as tf from '@tensorflow/tfjs';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const inception = process.argv.includes('--inception');
const dir = path.join(here, inception ? 'work/nsfwjs-inception-v3' : 'work/nsfwjs-mobilenet-v2');
const side = inception ? 299 : 224;
const tag = inception ? '-inception' : '';
await tf.setBackend('cpu');
const m = JSON.parse(readFileSync(path.join(dir, 'model.json'), 'utf8'));
const wb = readFileSync(path.join(dir, 'weights.bin'));
const model = await tf.loadLayersModel(
  tf.io.fromMemory({ modelTopology: m.modelTopology, weightSpecs: m.weightsManifest[0].weights, weightData: wb.buffer.slice(wb.byteOffset, wb.byteOffset + wb.length) }),
);
const n = 2 * 3 * side * side;
const x = new Float32Array(n);
let s = 12345;
for (let i = 0; i < n; i++) {
  s = (Math.imul(s, 1103515245) + 12345) >>> 0;
  // Smooth-ish content (so activations are natural) plus noise, in [0,1].
  x[i] = Math.min(1, Math.max(0, 0.5 + 0.4 * Math.sin(i / 997) + ((s >>> 8) / 16777216 - 0.5) * 0.3));
}
const y = model.predict(tf.tensor(x, [2, 3, side, side]).transpose([0, 2, 3, 1]));
writeFileSync(path.join(here, `work/port-ref${tag}-input.bin`), Buffer.from(x.buffer));
writeFileSync(path.join(here, `work/port-ref${tag}-output.json`), JSON.stringify(await y.array()));
console.log('tfjs reference written');
