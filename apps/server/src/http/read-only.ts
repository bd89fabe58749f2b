import type { FastifyInstance } from 'fastify';
import { AppError } from './errors.ts';

export const READ_ONLY_MESSAGE =
  'Hệ thống đang bảo trì ở chế độ chỉ đọc: vẫn xem được trang và số liệu, nhưng chưa lưu được thay đổi. ' +
  'Vui lòng thử lại sau ít phút.';

/** Writes still allowed in read-only mode: signing in and out (sessions are not the commune's data). */
const ALLOWED = new Set(['POST /api/auth/login', 'POST /api/auth/logout']);
const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * RELIABILITY 23. In read-only mode every write to the API answers 503 with a Vietnamese notice
 * and Retry-After, before any handler runs: nothing is written, not even half. Reads are untouched.
 * A phone or kiosk keeps a rating refused this way and sends it again later (5xx = retry).
 */
export function installReadOnly(app: FastifyInstance, readOnly: boolean) {
  if (!readOnly) return;
  app.addHook('onRequest', async (req, reply) => {
    if (READS.has(req.method) || !req.url.startsWith('/api/')) return;
    const path = req.url.split('?')[0];
    if (ALLOWED.has(`${req.method} ${path}`)) return;
    reply.header('retry-after', '300');
    throw new AppError('read_only', 503, READ_ONLY_MESSAGE);
  });
}
