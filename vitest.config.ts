import { defineConfig } from 'vitest/config';

// Two projects: fast engine/shell tests, and end-to-end tests in Chromium against
// `keytrail serve` (they need `npm run build` first; scripts/test.js does it).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'engine',
          include: [
            'test/engine/**/*.test.ts',
            'test/electron/**/*.test.ts',
            'test/scenario/**/*.test.ts',
          ],
          environment: 'node',
          testTimeout: 30_000,
          env: { TZ: 'UTC' },
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.e2e.test.ts'],
          environment: 'node',
          testTimeout: 90_000,
          hookTimeout: 90_000,
          fileParallelism: false,
          env: { TZ: 'UTC' },
        },
      },
    ],
  },
});
