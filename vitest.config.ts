import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    // Tests inject their clocks; a test that waits on real time for this long is broken.
    testTimeout: 20_000,
    pool: 'forks',
    restoreMocks: true,
    unstubEnvs: true,
  },
});
