import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // test/dom: content-script modules in a DOM (happy-dom, set per file with @vitest-environment).
    include: ['src/**/*.test.ts', 'test/unit/**/*.test.ts', 'test/dom/**/*.test.ts'],
    // The C2PA WASM compiles once per worker and fixture folders take a few seconds on 2 cores.
    testTimeout: 60_000,
  },
});
