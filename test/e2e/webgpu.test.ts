/**
 * The engine's execution provider (issue 8): WebGPU only on a real adapter after a numeric
 * self-test, WASM otherwise with the reason. Headless Chromium has no real GPU, so:
 * - without flags there is no adapter at all: wasm, "no-adapter", and verdicts as usual;
 * - with --enable-unsafe-webgpu the only adapter is SwiftShader (a fallback adapter): the shipped
 *   build (dist/chrome) refuses it: wasm, "fallback-adapter";
 * - the e2e build (dist/chrome-e2e) accepts a fallback adapter (src/engine/browser-engine.ts), so on
 *   SwiftShader the WebGPU runtime loads, the self-test compares WebGPU's numbers with WASM's, and
 *   the models run on the WebGPU provider. That proves the path; its speed on a software GPU
 *   means nothing (seconds a run).
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { describeBackend } from '../../src/shared/backend-choice';
import type { AnalyzeResponse, EngineStatus } from '../../src/shared/protocol';
import type { Signal } from '../../src/shared/types';
import { CHROME_PATH, launchWithExtension, type ExtensionBrowser } from './support/chromium';
import { ROOT, serveStatic, type StaticServer } from './support/server';

const skip = existsSync(CHROME_PATH) ? false : `Chromium not found at ${CHROME_PATH} (apt-get install chromium, or set CHROME_PATH)`;
const UNSAFE_WEBGPU = ['--enable-unsafe-webgpu'];

let site: StaticServer;
before(async () => {
  // red.png for the fixture model; a photo for the whole-image model (the content gate keeps flat art from it).
  if (!skip) site = await serveStatic({ '': `${ROOT}/test/pages`, demo: join(ROOT, 'demo/media') });
});
after(async () => void (await site?.close()));

/** An extension page (the popup as a tab): our protocol accepts engine messages from it. */
async function extensionPage(ext: ExtensionBrowser): Promise<Page> {
  const page = await ext.context.newPage();
  await page.goto(`chrome-extension://${ext.extensionId}/src/popup/popup.html`);
  return page;
}
const engineStatus = (page: Page) => page.evaluate(() => chrome.runtime.sendMessage({ dfr: 1, target: 'background', name: 'engine:status', payload: {} })) as Promise<EngineStatus>;
async function analyzeImage(page: Page, url: string): Promise<Signal[]> {
  await engineStatus(page); // starts the offscreen document
  const res = (await page.evaluate(
    (u) =>
      chrome.runtime.sendMessage({
        dfr: 1,
        target: 'engine',
        name: 'engine:analyze',
        payload: { kind: 'image', source: { type: 'url', url: u }, sensitivity: 'balanced', minShortSide: 64, scanFaces: false },
      }),
    url,
  )) as AnalyzeResponse;
  assert.ok(res.ok, `analysis failed: ${JSON.stringify(res)}`);
  return res.verdict.signals;
}
const scoreOf = (signals: Signal[], detector: string) => {
  const s = signals.find((x) => x.detector === detector);
  assert.ok(s, `${detector} in ${signals.map((x) => x.detector).join(', ')}`);
  assert.equal(s.outcome, 'score', `${detector}: ${s.outcome} ${s.evidence.join(' ')}`);
  return s.score!;
};

const RED = () => `${site.origin}/media/red.png`;
const PHOTO = () => `${site.origin}/demo/portrait-photo.jpg`;
/** Whole-image score of the photo on WASM, for the comparison with WebGPU below. */
let wasmWholeImageScore: number | undefined;

describe('backend choice in headless Chromium', { skip }, () => {
  test('no GPU adapter: wasm with the reason, verdicts as usual, and the popup says so', async () => {
    const ext = await launchWithExtension('dist/chrome-e2e');
    try {
      const page = await extensionPage(ext);
      assert.ok(scoreOf(await analyzeImage(page, RED()), 'model:fixture-redness') > 0.9);
      wasmWholeImageScore = scoreOf(await analyzeImage(page, PHOTO()), 'model:whole-image-mnv2');
      const status = await engineStatus(page);
      assert.equal(status.backend, 'wasm');
      assert.deepEqual(status.backendChoice, { ep: 'wasm', reason: 'no-adapter' });
      assert.equal(describeBackend(status.backendChoice!), 'wasm: no GPU adapter');
      await page.reload();
      const line = page.getByTestId('backend');
      await line.waitFor();
      assert.equal(await line.getAttribute('data-reason'), 'no-adapter');
      assert.equal(await line.textContent(), 'Models run on the processor (WebAssembly). No graphics card is available to the browser.');
      await page.screenshot({ path: `${ROOT}/test-results/webgpu-popup-no-adapter.png` });
    } finally {
      await ext.close();
    }
  });

  test('shipped build, SwiftShader only: a fallback adapter is refused, wasm with the reason', { timeout: 120_000 }, async () => {
    const ext = await launchWithExtension('dist/chrome', { args: UNSAFE_WEBGPU });
    try {
      const page = await extensionPage(ext);
      scoreOf(await analyzeImage(page, PHOTO()), 'model:whole-image-mnv2');
      const status = await engineStatus(page);
      assert.equal(status.backend, 'wasm');
      assert.equal(status.backendChoice?.reason, 'fallback-adapter', JSON.stringify(status.backendChoice));
      assert.match(status.backendChoice!.adapter ?? '', /swiftshader/i);
      assert.equal(status.backendChoice!.selfTest, undefined, 'no self-test on a fallback adapter');
      assert.match(describeBackend(status.backendChoice!), /^wasm: no real GPU adapter \(fallback adapter\)/);
    } finally {
      await ext.close();
    }
  });

  test('e2e build on SwiftShader: the WebGPU runtime runs the models after the self-test compared numbers', { timeout: 300_000 }, async (t) => {
    const ext = await launchWithExtension('dist/chrome-e2e', { args: UNSAFE_WEBGPU });
    try {
      const page = await extensionPage(ext);
      const hasAdapter = await page.evaluate(async () => !!(await (navigator as Navigator & { gpu?: { requestAdapter(): Promise<unknown> } }).gpu?.requestAdapter()));
      if (!hasAdapter) return t.skip('this Chromium offers no SwiftShader WebGPU adapter with --enable-unsafe-webgpu');
      const red = await analyzeImage(page, RED());
      const photo = await analyzeImage(page, PHOTO());
      const status = await engineStatus(page);
      const choice = status.backendChoice!;
      assert.equal(status.backend, 'webgpu', describeBackend(choice));
      assert.equal(choice.reason, 'webgpu-verified');
      assert.equal(choice.fallbackAccepted, true);
      // The self-test ran the whole-image model on both providers and compared the numbers.
      const st = choice.selfTest!;
      assert.ok(st.wasm.length >= 1, 'the logit, and any other output');
      assert.equal(st.webgpu.length, st.wasm.length);
      assert.ok(st.wasm.every(Number.isFinite) && st.webgpu.every(Number.isFinite));
      assert.ok(st.maxAbsDiff <= st.tolerance, `max |Δ| ${st.maxAbsDiff}`);
      assert.equal(st.maxAbsDiff, Math.max(...st.wasm.map((v, i) => Math.abs(v - st.webgpu[i]!))));
      assert.ok(st.webgpuMs > 0);
      // The models then ran on WebGPU: the fixture still sees red, the whole-image model agrees with WASM.
      assert.ok(scoreOf(red, 'model:fixture-redness') > 0.9);
      const webgpuScore = scoreOf(photo, 'model:whole-image-mnv2');
      if (wasmWholeImageScore !== undefined) assert.ok(Math.abs(webgpuScore - wasmWholeImageScore) < 2.5e-3, `whole-image ${webgpuScore} on WebGPU vs ${wasmWholeImageScore} on WASM`);
      assert.ok(status.models.filter((m) => m.runs > 0).length >= 2);
      t.diagnostic(`${describeBackend(choice)}; ${st.wasm.length} output values compared`);
      await page.reload();
      const line = page.getByTestId('backend');
      await line.waitFor();
      assert.equal(await line.getAttribute('data-ep'), 'webgpu');
      await page.screenshot({ path: `${ROOT}/test-results/webgpu-popup-webgpu.png` });
    } finally {
      await ext.close();
    }
  });
});
