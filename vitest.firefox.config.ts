import { defineConfig } from 'vitest/config';

// The real-Firefox suite: each file has its own browser, simulator port and profile, and only reads
// dist-firefox-sim/; generous timeouts for browser start on 2 cores.
export default defineConfig({
  test: {
    include: ['test/firefox/**/*.test.ts'],
    environment: 'node',
    fileParallelism: true,
    maxWorkers: 2,
    testTimeout: 60_000,
    // A browser on 2 busy cores: polls get ten seconds, not one.
    expect: { poll: { timeout: 10_000 } },
    hookTimeout: 90_000,
    globalSetup: ['test/firefox/global-setup.ts'],
  },
});
