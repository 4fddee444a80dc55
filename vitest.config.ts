// Unit and simulator tests in Node; the browser suite (test/e2e) has its own config.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/simulator/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['test/unit/setup.ts'],
    restoreMocks: true,
  },
});
