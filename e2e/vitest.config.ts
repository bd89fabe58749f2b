import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// E2E: một máy chủ thật (global-setup.ts) và Chromium của Debian qua playwright-core.
// Các tệp chạy lần lượt trong một tiến trình con duy nhất: chúng dùng chung một máy chủ và dữ liệu mẫu.
export default defineConfig({
  test: {
    name: 'e2e',
    root: fileURLToPath(new URL('..', import.meta.url)),
    include: ['e2e/**/*.e2e.ts'],
    globalSetup: ['e2e/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
    teardownTimeout: 60_000,
  },
});
