import { defineConfig } from 'vitest/config';

// The real-Chromium suite: two files at a time (each has its own browser, simulator port and profile, and
// only reads dist-sim/), generous timeouts for browser start on 2 cores.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    environment: 'node',
    fileParallelism: true,
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 90_000,
    globalSetup: ['test/e2e/global-setup.ts'],
  },
});
