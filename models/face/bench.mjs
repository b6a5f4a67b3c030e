// Times the face detector and the face classifier, one input each, batch 1: onnxruntime-node
// (2 threads) and, when Chromium is there, onnxruntime-web WASM in headless Chromium (1 and 2
// threads, cross-origin isolated page). A picture with one face costs one detector run plus one
// classifier run ("face path"). When models/face/work/variants/list.json exists (`python3
// models/face/face_net.py`: the classifier at other crop sizes / backbone depths), those are timed
// too, in Chromium at 2 threads. In Chromium every model runs in turn, round after round (so load
// from other jobs on the machine spreads over all of them alike). Median/p90 -> models/face/bench.json.
// Usage: node models/face/bench.mjs
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ortNode from 'onnxruntime-node';
import { openIsolatedPage } from '../whole-image/isolated-page.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const RUNS = 40;
const models = ['face-detector', 'face'].map((dir) => {
  const card = JSON.parse(readFileSync(path.join(root, 'models', dir, 'model.json'), 'utf8'));
  return { key: card.id, file: `models/${dir}/${card.file}`, name: card.input.name, size: card.input.width };
});
const variantList = path.join(here, 'work', 'variants', 'list.json');
const variants = existsSync(variantList) ? Object.entries(JSON.parse(readFileSync(variantList, 'utf8'))).map(([k, v]) => ({ key: `variant ${k}`, file: v.file, name: 'image', size: v.size })) : [];
const bench = {};
const stats = (times) => {
  times.sort((a, b) => a - b);
  const q = (p) => +times[Math.min(times.length - 1, Math.floor(p * times.length))].toFixed(1);
  return { medianMs: q(0.5), p90Ms: q(0.9), loadAvg1m: +os.loadavg()[0].toFixed(1) };
};

for (const m of models) {
  const s = await ortNode.InferenceSession.create(path.join(root, m.file), { intraOpNumThreads: 2, interOpNumThreads: 1 });
  const t = new ortNode.Tensor(
    'float32',
    new Float32Array(3 * m.size * m.size).map((_, i) => (Math.sin(i / 97) + 1) / 2),
    [1, 3, m.size, m.size],
  );
  for (let i = 0; i < 3; i++) await s.run({ [m.name]: t });
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await s.run({ [m.name]: t });
    times.push(performance.now() - t0);
  }
  bench[`${m.key}: onnxruntime-node cpu, 2 threads`] = stats(times);
}

const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';
if (existsSync(chromiumPath)) {
  const { page, browser, close } = await openIsolatedPage({ chromiumPath });
  for (const threads of [1, 2]) {
    const list = threads === 2 ? [...models, ...variants] : models;
    const times = await page.evaluate(
      async ({ threads, list, runs }) => {
        const ort = await import('/node_modules/onnxruntime-web/dist/ort.wasm.min.mjs');
        ort.env.wasm.wasmPaths = '/node_modules/onnxruntime-web/dist/';
        ort.env.wasm.numThreads = threads;
        const sessions = [];
        for (const m of list) {
          const bytes = new Uint8Array(await (await fetch('/' + m.file)).arrayBuffer());
          const s = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'] });
          const t = new ort.Tensor(
            'float32',
            new Float32Array(3 * m.size * m.size).map((_, i) => (Math.sin(i / 97) + 1) / 2),
            [1, 3, m.size, m.size],
          );
          for (let i = 0; i < 3; i++) await s.run({ [m.name]: t });
          sessions.push({ s, t, name: m.name, times: [] });
        }
        for (let r = 0; r < runs; r++) {
          for (const x of sessions) {
            const t0 = performance.now();
            await x.s.run({ [x.name]: x.t });
            x.times.push(performance.now() - t0);
          }
        }
        for (const x of sessions) await x.s.release();
        return sessions.map((x) => x.times);
      },
      { threads, list, runs: RUNS },
    );
    for (const [i, m] of list.entries()) bench[`${m.key}: Chromium ${browser.version()} onnxruntime-web wasm, ${threads} thread(s)`] = stats(times[i]);
    const [det, cls] = times;
    bench[`face path (detector + 1 face): Chromium ${browser.version()} onnxruntime-web wasm, ${threads} thread(s)`] = stats(det.map((d, i) => d + cls[i]));
  }
  await close();
} else console.log('no Chromium: browser benchmark skipped');
for (const [k, v] of Object.entries(bench)) console.log(k, JSON.stringify(v));
writeFileSync(path.join(here, 'bench.json'), JSON.stringify(bench, null, 1) + '\n');
