import type { FastifyInstance } from 'fastify';
import { AppError } from '../http/errors.ts';

/**
 * A node leaving the cluster without dropping a request (SIGTERM, main.ts). For the drain time
 * it keeps serving, but its health check (/api/health) answers 503 so that HAProxy stops sending
 * to it, and every answer closes its connection so that none is reused; then the server stops
 * accepting and finishes the requests in flight.
 */
export interface Drain {
  readonly draining: boolean;
  start(): void;
}

const drains = new WeakMap<FastifyInstance, Drain>();

export function installDrain(app: FastifyInstance): Drain {
  let draining = false;
  const drain: Drain = {
    get draining() {
      return draining;
    },
    start() {
      draining = true;
    },
  };
  app.addHook('onRequest', async (_req, reply) => {
    if (draining) reply.header('connection', 'close');
  });
  drains.set(app, drain);
  return drain;
}

export function drainOf(app: FastifyInstance): Drain | undefined {
  return drains.get(app);
}

export const drainingError = () =>
  new AppError(
    'draining',
    503,
    'Máy chủ này đang tạm dừng để bảo trì; yêu cầu được chuyển sang máy chủ khác. Vui lòng thử lại.',
  );
