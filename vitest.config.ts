import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts', 'test/unit/**/*.test.tsx'],
          environment: 'node',
          sequence: { groupOrder: 0 },
          // Shared, noisy 2-core machines: a generous ceiling so load never fails a correct test.
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // Suites start real hubs and sockets; two cores, so keep files to two at once.
          maxWorkers: 2,
          // Builds the hub CLI once for the run, so spawned hubs start from JavaScript (see the file).
          globalSetup: ['test/support/hub-bundle.ts'],
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
