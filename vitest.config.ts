import { defineConfig } from 'vitest/config';

const CARDS = 'virtual:model-cards';

export default defineConfig({
  // The bundled model cards (scripts/vite-plugin-assets.ts) for modules that import them: none in tests.
  plugins: [{ name: 'no-model-cards', resolveId: (id) => (id === CARDS ? `\0${CARDS}` : undefined), load: (id) => (id === `\0${CARDS}` ? 'export default [];' : undefined) }],
  test: {
    // test/dom: content-script modules in a DOM (happy-dom, set per file with @vitest-environment).
    include: ['src/**/*.test.ts', 'test/unit/**/*.test.ts', 'test/dom/**/*.test.ts'],
    // The C2PA WASM compiles once per worker and fixture folders take a few seconds on 2 cores.
    testTimeout: 60_000,
  },
});
