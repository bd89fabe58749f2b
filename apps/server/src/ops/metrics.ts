import type { FastifyInstance } from 'fastify';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Database } from '../db/database.ts';

/** Prometheus metrics: requests by route and status, latency, database connections. */
export function installMetrics(app: FastifyInstance, database: Database): Registry {
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
  return registry;
}
