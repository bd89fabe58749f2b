import { z } from 'zod';
import { endpoint } from './endpoint.ts';

/** The server's own state, for monitors and load balancers. */
export const health = endpoint({
  method: 'GET',
  url: '/api/health',
  tag: 'ops',
  summary:
    'Tình trạng máy chủ và cơ sở dữ liệu (503 khi máy chủ đang dừng, hoặc khi cơ sở dữ liệu đang được kết nối lại)',
  access: 'public',
  response: z.object({ status: z.literal('ok'), db: z.enum(['pglite', 'postgres']) }),
});
