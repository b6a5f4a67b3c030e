/**
 * Which onnxruntime-web build to ship (issue 8): the WASM provider's speed in each build, same
 * model, same page, same run, runs interleaved one by one so a busy machine slows all builds alike.
 * Headless Chromium, cross-origin isolated (threads as in the offscreen document).
 *
 *   node --import tsx scripts/bench-ort-builds.ts [--runs 60] [--threads 2]
 *
 * Prints JSON: per build the median/p25 of session.run (ms) and the median of the per-run ratio to
 * the plain WASM build (ort.wasm: what the engine uses for every model on a machine without a GPU).
 */
import { readFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';

const arg = (name: string, fallback: number) => (process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : fallback);
const RUNS = arg('--runs', 60);
const THREADS = arg('--threads', 2);
const ROOT = resolve(import.meta.dirname, '..');
const CHROME = process.env.CHROME_PATH ?? '/usr/bin/chromium';
/** build → the module the engine would import; the wasm file it loads is named beside it. */
const BUILDS = {
  'wasm (ort-wasm-simd-threaded.wasm, shipped)': 'ort.wasm.min.mjs',
  'jsep (ort-wasm-simd-threaded.jsep.wasm, the default "onnxruntime-web")': 'ort.min.mjs',
  'jspi (ort-wasm-simd-threaded.jspi.wasm, shipped for WebGPU)': 'ort.jspi.min.mjs',
};

const PAGE = `<!doctype html><script type="module">
window.bench = async (builds, runs, threads) => {
  const bytes = new Uint8Array(await (await fetch('/models/whole-image/model.onnx')).arrayBuffer());
  const data = new Float32Array(3 * 224 * 224);
  for (let i = 0; i < data.length; i++) data[i] = ((i * 2654435761) % 1000) / 1000;
  const all = [];
  for (const [name, file] of builds) {
    const ort = await import('/node_modules/onnxruntime-web/dist/' + file);
    ort.env.wasm.wasmPaths = '/node_modules/onnxruntime-web/dist/';
    ort.env.wasm.numThreads = threads;
    const started = performance.now();
    const session = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'], graphOptimizationLevel: 'all' });
    const loadMs = performance.now() - started;
    const run = async () => (await session.run({ image: new ort.Tensor('float32', data, [1, 3, 224, 224]) })).logit.data[0];
    for (let i = 0; i < 5; i++) await run();
    all.push({ name, run, loadMs, times: [], logit: await run() });
  }
  for (let i = 0; i < runs; i++)
    for (const b of i % 2 ? all : [...all].reverse()) {
      const t = performance.now();
      await b.run();
      b.times.push(performance.now() - t);
    }
  return { crossOriginIsolated, results: all.map(({ name, loadMs, times, logit }) => ({ name, loadMs, times, logit })) };
};
</script>`;

if (!existsSync(CHROME)) throw new Error(`Chromium not found at ${CHROME}`);
const server = createServer((req, res) => {
  const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
  const headers = { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' };
  if (path === '/') return res.writeHead(200, { ...headers, 'content-type': 'text/html' }).end(PAGE);
  const ok = path.startsWith('/node_modules/onnxruntime-web/dist/') || path === '/models/whole-image/model.onnx';
  const file = resolve(ROOT, `.${path}`);
  if (!ok || !existsSync(file)) return res.writeHead(404).end();
  const type = path.endsWith('.mjs') ? 'text/javascript' : path.endsWith('.wasm') ? 'application/wasm' : 'application/octet-stream';
  res.writeHead(200, { ...headers, 'content-type': type }).end(readFileSync(file));
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const port = (server.address() as { port: number }).port;
const browser = await chromium.launch({ executablePath: CHROME, headless: true, args: ['--no-sandbox'] });
try {
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.waitForFunction(() => 'bench' in window);
  const out = (await page.evaluate(([b, r, t]) => (window as unknown as { bench: (...a: unknown[]) => unknown }).bench(b, r, t), [Object.entries(BUILDS), RUNS, THREADS] as const)) as {
    crossOriginIsolated: boolean;
    results: { name: string; loadMs: number; times: number[]; logit: number }[];
  };
  const q = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) * p)]!;
  const base = out.results[0]!.times;
  const round = (x: number) => Math.round(x * 10) / 10;
  console.log(
    JSON.stringify(
      {
        model: 'models/whole-image/model.onnx',
        threads: THREADS,
        runs: RUNS,
        crossOriginIsolated: out.crossOriginIsolated,
        chromium: browser.version(),
        builds: out.results.map((b) => ({
          build: b.name,
          medianMs: round(q(b.times, 0.5)),
          p25Ms: round(q(b.times, 0.25)),
          ratioToWasm:
            Math.round(
              q(
                b.times.map((t, i) => t / base[i]!),
                0.5,
              ) * 100,
            ) / 100,
          sessionLoadMs: Math.round(b.loadMs),
          logit: b.logit,
        })),
      },
      null,
      1,
    ),
  );
} finally {
  await browser.close();
  server.close();
}
