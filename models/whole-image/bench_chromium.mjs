// Benchmarks model.onnx in headless Chromium with onnxruntime-web's WASM backend (the extension's
// runtime), 1 and 2 threads (cross-origin isolated page so threads are allowed). Records the
// median/p90 of 30 single-image runs in bench.json.
// Usage: node models/whole-image/bench_chromium.mjs [model folder under models/, default whole-image]
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openIsolatedPage } from './isolated-page.mjs';

const folder = process.argv[2] ?? 'whole-image';
const here = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', folder);
const { page, browser, close } = await openIsolatedPage();
const card = JSON.parse(readFileSync(path.join(here, 'model.json'), 'utf8'));
const bench = existsSync(path.join(here, 'bench.json')) ? JSON.parse(readFileSync(path.join(here, 'bench.json'), 'utf8')) : {};
for (const threads of [1, 2]) {
  const r = await page.evaluate(
    async ({ threads, card, folder }) => {
      const ort = await import('/node_modules/onnxruntime-web/dist/ort.wasm.min.mjs');
      ort.env.wasm.wasmPaths = '/node_modules/onnxruntime-web/dist/';
      ort.env.wasm.numThreads = threads;
      const bytes = new Uint8Array(await (await fetch(`/models/${folder}/${card.file}`)).arrayBuffer());
      const s = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'] });
      const { width: w, height: h } = card.input;
      const x = new Float32Array(3 * w * h).map((_, i) => (Math.sin(i / 97) + 1) / 2);
      const t = new ort.Tensor('float32', x, [1, 3, h, w]);
      for (let i = 0; i < 3; i++) await s.run({ [card.input.name]: t });
      const times = [];
      for (let i = 0; i < 30; i++) {
        const t0 = performance.now();
        await s.run({ [card.input.name]: t });
        times.push(performance.now() - t0);
      }
      await s.release();
      times.sort((a, b) => a - b);
      return { medianMs: +times[15].toFixed(1), p90Ms: +times[27].toFixed(1), isolated: crossOriginIsolated };
    },
    { threads, card, folder },
  );
  const key = `Chromium ${browser.version()} onnxruntime-web wasm, ${threads} thread(s)`;
  bench[key] = { medianMs: r.medianMs, p90Ms: r.p90Ms, loadAvg1m: +os.loadavg()[0].toFixed(1) };
  console.log(key, JSON.stringify(r));
}
writeFileSync(path.join(here, 'bench.json'), JSON.stringify(bench, null, 1));
await close();
