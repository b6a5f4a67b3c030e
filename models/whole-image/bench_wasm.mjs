// Benchmarks model.onnx with onnxruntime-web's WASM backend (the extension's runtime) in Node,
// a proxy for Chromium's WASM backend. Usage: node models/whole-image/bench_wasm.mjs [threads=2] [model folder]
import * as ort from 'onnxruntime-web';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { fileURLToPath } from 'node:url';

const here = process.argv[3] ? path.resolve(process.argv[3]) : path.dirname(fileURLToPath(import.meta.url));
const card = JSON.parse(readFileSync(path.join(here, 'model.json'), 'utf8'));
ort.env.wasm.numThreads = Number(process.argv[2] ?? 2);
const session = await ort.InferenceSession.create(readFileSync(path.join(here, card.file)), { executionProviders: ['wasm'] });
const { width: w, height: h } = card.input;
const x = new Float32Array(3 * w * h).map((_, i) => (Math.sin(i / 97) + 1) / 2);
const t = new ort.Tensor('float32', x, [1, 3, h, w]);
for (let i = 0; i < 3; i++) await session.run({ [card.input.name]: t });
const times = [];
for (let i = 0; i < 20; i++) {
  const t0 = performance.now();
  await session.run({ [card.input.name]: t });
  times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);
const result = { medianMs: +times[10].toFixed(1), p90Ms: +times[18].toFixed(1), loadAvg1m: +os.loadavg()[0].toFixed(1) };
console.log(JSON.stringify({ backend: 'onnxruntime-web wasm (Node)', threads: ort.env.wasm.numThreads, ...result }));
const benchPath = path.join(here, 'bench.json');
const bench = existsSync(benchPath) ? JSON.parse(readFileSync(benchPath, 'utf8')) : {};
bench[`onnxruntime-web wasm in Node, ${ort.env.wasm.numThreads} thread(s)`] = result;
writeFileSync(benchPath, JSON.stringify(bench, null, 1));
process.exit(0);
