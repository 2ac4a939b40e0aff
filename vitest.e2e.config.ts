// Vitest config for the end-to-end tests only. Run through `npm run test:e2e`
// (scripts/run-e2e.mjs), which builds the app, serves it and sets
// CHROMIUM_PATH and E2E_BASE_URL.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // One browser at a time: CI machines have two cores.
    fileParallelism: false,
  },
});
