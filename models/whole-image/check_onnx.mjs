// Step 4: runs model.onnx in onnxruntime-node (CPU, 2 threads) on the reference input written by
// export.py, checks the logits against the fp32 torch graph, checks the card's sha256, and times
// single-image inference. Usage: node models/whole-image/check_onnx.mjs [model folder, default models/whole-image]
import { createRequire } from 'node:module';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import os from 'node:os';

const require = createRequire(import.meta.url);
const ort = require('onnxruntime-node');
const here = process.argv[2] ? path.resolve(process.argv[2]) : path.dirname(fileURLToPath(import.meta.url));
const card = JSON.parse(readFileSync(path.join(here, 'model.json'), 'utf8'));
const bytes = readFileSync(path.join(here, card.file));
const sha = createHash('sha256').update(bytes).digest('hex');
if (sha !== card.sha256) throw new Error(`sha256 mismatch: ${sha} vs card ${card.sha256}`);
const session = await ort.InferenceSession.create(bytes, { intraOpNumThreads: 2, interOpNumThreads: 1, executionProviders: ['cpu'] });
const xb = readFileSync(path.join(here, 'work/ref-input.bin'));
const x = new Float32Array(xb.buffer, xb.byteOffset, xb.length / 4);
const ref = JSON.parse(readFileSync(path.join(here, 'work/ref-output.json'), 'utf8')).logits;
const { width: w, height: h } = card.input;
const n = ref.length;
let maxDiff = 0;
for (let i = 0; i < n; i++) {
  const t = new ort.Tensor('float32', x.slice(i * 3 * w * h, (i + 1) * 3 * w * h), [1, 3, h, w]);
  const out = await session.run({ [card.input.name]: t });
  const v = out[card.output.name].data[0];
  const sig = (z) => 1 / (1 + Math.exp(-z));
  maxDiff = Math.max(maxDiff, Math.abs(sig(v) - sig(ref[i])));
  console.log(`ref ${ref[i].toFixed(5)} onnx ${v.toFixed(5)}`);
}
const t = new ort.Tensor('float32', x.slice(0, 3 * w * h), [1, 3, h, w]);
for (let i = 0; i < 3; i++) await session.run({ [card.input.name]: t });
const times = [];
for (let i = 0; i < 20; i++) {
  const t0 = performance.now();
  await session.run({ [card.input.name]: t });
  times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);
const result = { maxProbDiff: maxDiff, medianMs: +times[10].toFixed(1), p90Ms: +times[18].toFixed(1), sizeBytes: bytes.length };
console.log(JSON.stringify(result));
const benchPath = path.join(here, 'bench.json');
const bench = existsSync(benchPath) ? JSON.parse(readFileSync(benchPath, 'utf8')) : {};
bench['onnxruntime-node cpu, 2 threads'] = { medianMs: result.medianMs, p90Ms: result.p90Ms, loadAvg1m: +os.loadavg()[0].toFixed(1) };
bench.onnxVsTorchMaxProbDiff = maxDiff;
writeFileSync(benchPath, JSON.stringify(bench, null, 1));
// float16 weights move probabilities by up to ~0.005 on these random inputs; browser parity allows 0.02.
if (maxDiff > 1e-2) process.exit(1);
