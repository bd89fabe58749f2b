import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// E2E: Chromium của Debian qua playwright-core. Mỗi tệp test có máy chủ riêng trên bản sao riêng của
// cơ sở dữ liệu demo (global-setup.ts dựng bản mẫu, support.ts khởi động máy chủ của tệp), nên thứ tự
// các tệp không ảnh hưởng kết quả: thứ tự được xáo ngẫu nhiên mỗi lần chạy (vitest in ra seed; chạy lại
// đúng thứ tự đó bằng --sequence.seed=N). Các tệp chạy lần lượt: máy 2 nhân, dùng chung với việc khác.
// Thời hạn dưới đây chỉ để một test treo không giữ cả lượt chạy: mọi bước chờ một sự kiện (phản hồi,
// phần tử, yêu cầu mạng đã xong), không chờ một khoảng thời gian.
export default defineConfig({
  test: {
    name: 'e2e',
    root: fileURLToPath(new URL('..', import.meta.url)),
    include: ['e2e/**/*.e2e.ts'],
    globalSetup: ['e2e/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    sequence: { shuffle: { files: true, tests: false } },
    testTimeout: 600_000,
    hookTimeout: 300_000,
    teardownTimeout: 60_000,
  },
});
