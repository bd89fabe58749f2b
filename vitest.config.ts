import { defineConfig } from 'vitest/config';

// Hai dự án: quy tắc thuần (packages/domain) và máy chủ (apps/server, trên PGlite hoặc PostgreSQL
// tuỳ CQTT_TEST_DB). E2E có cấu hình riêng: e2e/vitest.config.ts.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'domain',
          include: ['packages/domain/src/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'server',
          include: ['apps/server/test/**/*.test.ts'],
          globalSetup: ['apps/server/test/global-setup.ts'],
          // guards against a test that hangs, not measures: on a loaded 2-core machine a suite runs
          // several times slower, and every wait in it ends on its event, not on a clock
          testTimeout: 120_000,
          hookTimeout: 300_000,
          pool: 'forks',
        },
      },
    ],
  },
});
