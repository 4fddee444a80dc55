import { defineConfig } from 'vitest/config';

// The real-Chromium suite: one browser at a time (2 cores), generous timeouts for browser start.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 90_000,
    globalSetup: ['test/e2e/global-setup.ts'],
  },
});
