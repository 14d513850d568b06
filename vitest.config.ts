import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // End-to-end tests start local fake servers; keep the noisy 2-core CI machine predictable.
    maxWorkers: 2,
  },
});
