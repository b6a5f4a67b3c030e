/**
 * One config, two browsers. `DFR_TARGET=chrome|firefox` picks the manifest variant;
 * `DFR_FIXTURE_MODELS=1` adds the test-only fixture models (e2e builds only, never shipped).
 */
import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { defineConfig, defaultClientConditions } from 'vite';
import baseManifest from './manifest.json' with { type: 'json' };
import pkg from './package.json' with { type: 'json' };
import { engineAssets } from './scripts/vite-plugin-assets';

const target = process.env.DFR_TARGET === 'firefox' ? 'firefox' : 'chrome';
const withFixtures = process.env.DFR_FIXTURE_MODELS === '1';
const outDir = `dist/${target}${withFixtures ? '-e2e' : ''}`;

function manifestFor(browser: 'chrome' | 'firefox') {
  const m: Record<string, unknown> = { ...baseManifest, version: pkg.version };
  if (browser === 'chrome') {
    m.background = { service_worker: 'src/background/chrome.ts', type: 'module' };
    m.permissions = [...baseManifest.permissions, 'offscreen'];
    m.minimum_chrome_version = '116';
    // Cross-origin isolation lets onnxruntime-web use threads in the offscreen document.
    m.cross_origin_embedder_policy = { value: 'require-corp' };
    m.cross_origin_opener_policy = { value: 'same-origin' };
  } else {
    m.background = { scripts: ['src/background/firefox.ts'], type: 'module' };
    m.browser_specific_settings = { gecko: { id: 'deepfake-radar@deepfake-radar.org', strict_min_version: '142.0', data_collection_permissions: { required: ['none'] } } };
  }
  return m as unknown as ManifestV3Export;
}

export default defineConfig({
  plugins: [
    preact(),
    crx({ manifest: manifestFor(target), browser: target, contentScripts: { standaloneFiles: ['src/content/main.ts'] } }),
    engineAssets({ modelDirs: withFixtures ? ['models', 'test/fixtures/models'] : ['models'] }),
  ],
  // The extern-wasm build of onnxruntime-web leaves the .wasm out of the JS bundle; we ship it once.
  resolve: { conditions: ['onnxruntime-web-use-extern-wasm', ...defaultClientConditions] },
  build: {
    outDir,
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 2048,
    rollupOptions: {
      input: target === 'chrome' ? { offscreen: 'src/offscreen/offscreen.html' } : {},
    },
  },
  // __DFR_E2E_BUILD__: test-only behaviour (src/engine/browser-engine.ts), never in a shipped build.
  define: { __DFR_TARGET__: JSON.stringify(target), __DFR_E2E_BUILD__: JSON.stringify(withFixtures) },
});
