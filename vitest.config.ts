import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/unit/**/*.test.ts'],
    // The C2PA WASM compiles once per worker and fixture folders take a few seconds on 2 cores.
    testTimeout: 60_000,
  },
});
