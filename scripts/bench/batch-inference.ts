/**
 * Does batching help? (issue 8, "batching where it helps"). Times one whole-image model at batch
 * sizes 1, 2, 4 — `session.run` per image, the same input values everywhere — in onnxruntime-node
 * and in Chromium's onnxruntime-web WASM backend (a cross-origin isolated page, so it gets the
 * engine's thread count). Preprocessing is per image whatever the batch, so it is left out.
 * Each round times every batch size back to back (the order rotates between rounds) and the gain
 * is the median over rounds of the per-round ratio, so a machine whose load changes during the
 * measurement skews all sizes alike.
 */
import { readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import * as ortNode from 'onnxruntime-node';
import type { Page } from 'playwright-core';
import type { ModelCard } from '../../src/shared/model-card';
import { ROOT } from '../../test/e2e/support/server';

export const BATCHES = [1, 2, 4] as const;

export interface BatchTiming {
  /** ms per image at each batch size (median of the rounds). */
  perImageMs: Record<number, number>;
  /** Per-image time relative to batch 1 (median of the per-round ratios; < 1 is faster). */
  gain: Record<number, number>;
  threads: number;
  rounds: number;
}

/** Median ms per image and median per-round ratio to batch 1, from each round's ms per image. */
function summarise(per: Record<number, number[]>, threads: number): BatchTiming {
  const rounds = per[1]!.length;
  return {
    perImageMs: Object.fromEntries(BATCHES.map((b) => [b, median(per[b]!)])),
    gain: Object.fromEntries(BATCHES.filter((b) => b > 1).map((b) => [b, median(per[b]!.map((ms, r) => ms / per[1]![r]!))])),
    threads,
    rounds,
  };
}

/** The order of the batch sizes in round `r` (rotating, so none is always first after a pause). */
export const roundOrder = (r: number): number[] => BATCHES.map((_, i) => BATCHES[(i + r) % BATCHES.length]!);

/** The same deterministic input in Node and in the page: values do not change a CNN's latency. */
const INPUT_JS = `(n) => { const x = new Float32Array(n); for (let i = 0; i < n; i++) x[i] = (Math.sin(i / 97) + 1) / 2; return x; }`;
const input = new Function(`return ${INPUT_JS}`)() as (n: number) => Float32Array;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** onnxruntime-node, with the session options the Node model runner uses. */
export async function nodeBatchMs(card: ModelCard, dir: string, threads: number, rounds = 15, imagesPerRound = 8): Promise<BatchTiming> {
  const session = await ortNode.InferenceSession.create(readFileSync(join(dir, card.file)), { intraOpNumThreads: threads, interOpNumThreads: 1, graphOptimizationLevel: 'all' });
  const { width: w, height: h } = card.input;
  const tensors = Object.fromEntries(BATCHES.map((b) => [b, new ortNode.Tensor('float32', input(b * 3 * w * h), [b, 3, h, w])]));
  for (const b of BATCHES) await session.run({ [card.input.name]: tensors[b]! }); // warm-up per shape
  const per: Record<number, number[]> = Object.fromEntries(BATCHES.map((b) => [b, []]));
  for (let r = 0; r < rounds; r++)
    for (const b of roundOrder(r)) {
      const t0 = performance.now();
      for (let i = 0; i < imagesPerRound / b; i++) await session.run({ [card.input.name]: tensors[b]! });
      per[b]!.push((performance.now() - t0) / imagesPerRound);
    }
  await session.release();
  return summarise(per, threads);
}

const TYPES: Record<string, string> = { '.html': 'text/html', '.mjs': 'text/javascript', '.wasm': 'application/wasm' };

/**
 * Chromium WASM, in `page` (a page of the browser under test). The page is served by Playwright
 * on a made-up origin with COOP/COEP, as the offscreen document is, so WASM threads are allowed;
 * the runtime is onnxruntime-web's WASM build and the .wasm the extension ships.
 */
export async function browserBatchMs(page: Page, card: ModelCard, dir: string, threads: number, rounds = 15, imagesPerRound = 8): Promise<BatchTiming & { isolated: boolean }> {
  const origin = 'http://dfr-batch.localhost';
  const files: Record<string, string> = {
    '/ort.wasm.min.mjs': join(ROOT, 'node_modules/onnxruntime-web/dist/ort.wasm.min.mjs'),
    '/ort/ort-wasm-simd-threaded.mjs': join(ROOT, 'node_modules/onnxruntime-web/dist/ort-wasm-simd-threaded.mjs'),
    '/ort/ort-wasm-simd-threaded.wasm': join(ROOT, 'node_modules/onnxruntime-web/dist/ort-wasm-simd-threaded.wasm'),
    '/model.onnx': join(dir, card.file),
  };
  await page.route(`${origin}/**`, (route) => {
    const path = new URL(route.request().url()).pathname;
    const file = files[path];
    const headers = {
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-embedder-policy': 'require-corp',
      'content-type': TYPES[extname(path)] ?? (path === '/' ? 'text/html' : 'application/octet-stream'),
    };
    if (path === '/') return route.fulfill({ status: 200, headers, body: '<!doctype html><title>batch</title>' });
    return file ? route.fulfill({ status: 200, headers, body: readFileSync(file) }) : route.fulfill({ status: 404, body: '' });
  });
  await page.goto(`${origin}/`);
  const r = await page.evaluate(
    async ({ card, threads, batches, orders, imagesPerRound, inputJs }) => {
      const ort = await import(`${location.origin}/ort.wasm.min.mjs`);
      ort.env.wasm.wasmPaths = `${location.origin}/ort/`;
      ort.env.wasm.numThreads = threads;
      const bytes = new Uint8Array(await (await fetch('/model.onnx')).arrayBuffer());
      const s = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'], graphOptimizationLevel: 'all' });
      const make = new Function(`return ${inputJs}`)() as (n: number) => Float32Array;
      const { width: w, height: h } = card.input;
      const tensors: Record<number, unknown> = {};
      for (const b of batches) tensors[b] = new ort.Tensor('float32', make(b * 3 * w * h), [b, 3, h, w]);
      for (const b of batches) await s.run({ [card.input.name]: tensors[b] });
      const per: Record<number, number[]> = {};
      for (const b of batches) per[b] = [];
      for (const order of orders)
        for (const b of order) {
          const t0 = performance.now();
          for (let i = 0; i < imagesPerRound / b; i++) await s.run({ [card.input.name]: tensors[b] });
          per[b]!.push((performance.now() - t0) / imagesPerRound);
        }
      await s.release();
      return { per, isolated: crossOriginIsolated };
    },
    { card, threads, batches: [...BATCHES], orders: Array.from({ length: rounds }, (_, r) => roundOrder(r)), imagesPerRound, inputJs: INPUT_JS },
  );
  await page.unroute(`${origin}/**`);
  return { ...summarise(r.per, threads), isolated: r.isolated };
}
