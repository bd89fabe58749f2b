import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import { errorBody } from '../http/errors.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The Prometheus registry, for the separate metrics listener (serveMetrics). */
    metrics: Registry;
  }
}

function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/**
 * Prometheus metrics: requests by route and status, latency, database connections. They are not
 * for anyone on the application's port: `GET /metrics` there answers only with
 * `Authorization: Bearer <METRICS_TOKEN>` (404 otherwise, and always when no token is set); a
 * monitoring network reads them on a separate listener instead (METRICS_PORT, serveMetrics).
 */
export function installMetrics(app: FastifyInstance, database: Database, config: Config): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: 'cqtt_http_requests_total',
    help: 'HTTP requests by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'cqtt_http_request_duration_seconds',
    help: 'HTTP request latency by method and route',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  new Gauge({
    name: 'cqtt_db_connections',
    help: 'Database connections: total, idle and waiting requests',
    labelNames: ['state', 'db'] as const,
    registers: [registry],
    collect() {
      const stats = database.poolStats();
      this.set({ state: 'total', db: database.kind }, stats.total);
      this.set({ state: 'idle', db: database.kind }, stats.idle);
      this.set({ state: 'waiting', db: database.kind }, stats.waiting);
    },
  });
  app.addHook('onResponse', async (req, reply) => {
    // The route pattern, never the raw URL, so ids do not explode the label set.
    const route = req.routeOptions.url ?? 'not_found';
    requests.inc({ method: req.method, route, status: String(reply.statusCode) });
    latency.observe({ method: req.method, route }, reply.elapsedTime / 1000);
  });
  app.decorate('metrics', registry);
  app.get('/metrics', async (req, reply) => {
    const authorization = req.headers.authorization ?? '';
    const bearer = authorization.startsWith('Bearer ') ? authorization.slice(7).trim() : '';
    if (!config.metricsToken || !bearer || !sameSecret(bearer, config.metricsToken)) {
      // the same answer as an address that does not exist: nothing tells a visitor it is here
      return reply.code(404).send(errorBody('not_found', 'Không tìm thấy địa chỉ được yêu cầu.'));
    }
    reply.header('content-type', registry.contentType).header('cache-control', 'no-store');
    return registry.metrics();
  });
  return registry;
}

/**
 * The metrics on their own listener (METRICS_HOST:METRICS_PORT, loopback by default), for a
 * Prometheus on the monitoring network: `GET /metrics` only, nothing of the application.
 */
export async function serveMetrics(registry: Registry, host: string, port: number): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found\n');
      return;
    }
    registry.metrics().then(
      (text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text),
      () => res.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return server;
}
