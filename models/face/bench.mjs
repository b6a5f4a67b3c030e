// Times the face detector and the face classifier, one input each, batch 1: onnxruntime-node
// (2 threads) and, when Chromium is there, onnxruntime-web WASM in headless Chromium (1 and 2
// threads, cross-origin isolated page). Median/p90 of 30 runs -> models/face/bench.json.
// Usage: node models/face/bench.mjs
import { createServer } from 'node:http';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ortNode from 'onnxruntime-node';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const models = ['face-detector', 'face'].map((dir) => ({ dir, card: JSON.parse(readFileSync(path.join(root, 'models', dir, 'model.json'), 'utf8')) }));
const bench = {};
const stats = (times) => {
  times.sort((a, b) => a - b);
  return { medianMs: +times[15].toFixed(1), p90Ms: +times[27].toFixed(1), loadAvg1m: +os.loadavg()[0].toFixed(1) };
};

for (const { dir, card } of models) {
  const s = await ortNode.InferenceSession.create(path.join(root, 'models', dir, card.file), { intraOpNumThreads: 2, interOpNumThreads: 1 });
  const { width: w, height: h } = card.input;
  const t = new ortNode.Tensor('float32', new Float32Array(3 * w * h).map((_, i) => (Math.sin(i / 97) + 1) / 2), [1, 3, h, w]);
  for (let i = 0; i < 3; i++) await s.run({ [card.input.name]: t });
  const times = [];
  for (let i = 0; i < 30; i++) {
    const t0 = performance.now();
    await s.run({ [card.input.name]: t });
    times.push(performance.now() - t0);
  }
  bench[`${card.id}: onnxruntime-node cpu, 2 threads`] = stats(times);
}

const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';
if (existsSync(chromiumPath)) {
  const { chromium } = await import('playwright-core');
  const types = { '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.html': 'text/html' };
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    const headers = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };
    if (url.pathname === '/') {
      res.writeHead(200, { ...headers, 'Content-Type': 'text/html' });
      return res.end('<!doctype html><title>bench</title>');
    }
    const file = path.join(root, path.normalize(url.pathname));
    if (!file.startsWith(root) || !existsSync(file)) {
      res.writeHead(404);
      return res.end();
    }
    res.writeHead(200, { ...headers, 'Content-Type': types[path.extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
  const page = await browser.newPage();
  await page.goto(base + '/');
  for (const { dir, card } of models) {
    for (const threads of [1, 2]) {
      const times = await page.evaluate(
        async ({ threads, card, url }) => {
          const ort = await import('/node_modules/onnxruntime-web/dist/ort.wasm.min.mjs');
          ort.env.wasm.wasmPaths = '/node_modules/onnxruntime-web/dist/';
          ort.env.wasm.numThreads = threads;
          const bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
          const s = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'] });
          const { width: w, height: h } = card.input;
          const t = new ort.Tensor('float32', new Float32Array(3 * w * h).map((_, i) => (Math.sin(i / 97) + 1) / 2), [1, 3, h, w]);
          for (let i = 0; i < 3; i++) await s.run({ [card.input.name]: t });
          const times = [];
          for (let i = 0; i < 30; i++) {
            const t0 = performance.now();
            await s.run({ [card.input.name]: t });
            times.push(performance.now() - t0);
          }
          await s.release();
          return times;
        },
        { threads, card, url: `/models/${dir}/${card.file}` },
      );
      bench[`${card.id}: Chromium ${browser.version()} onnxruntime-web wasm, ${threads} thread(s)`] = stats(times);
    }
  }
  await browser.close();
  server.close();
} else console.log('no Chromium: browser benchmark skipped');
for (const [k, v] of Object.entries(bench)) console.log(k, JSON.stringify(v));
writeFileSync(path.join(here, 'bench.json'), JSON.stringify(bench, null, 1) + '\n');
