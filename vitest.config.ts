import { fileURLToPath } from 'node:url';

import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // Examples import the package by name, as a hub would; here that is the source.
    alias: {
      'tibber-data/testing': fileURLToPath(new URL('./src/testing/index.ts', import.meta.url)),
      'tibber-data': fileURLToPath(new URL('./src/index.ts', import.meta.url)),
    },
  },
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    // Tests inject their clocks; a test that waits on real time for this long is broken.
    testTimeout: 20_000,
    pool: 'forks',
    // For the tests that prove a stopped coordinator can be garbage-collected.
    execArgv: ['--expose-gc'],
    restoreMocks: true,
    unstubEnvs: true,
  },
});
