import { defineConfig } from 'vitest/config';

// Unit and integration tests under plain Node (and jsdom for renderer components).
// Playwright end-to-end tests live in test/e2e and run through `npm run test:e2e`.
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts', 'test/robustness/**/*.test.ts', 'test/property/**/*.test.ts', 'test/renderer/**/*.test.{ts,tsx}', 'skill/test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
  },
});
