import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { defineRoute, registerRoute } from '../src/http/route.ts';
import { serveMetrics } from '../src/ops/metrics.ts';
import { anonymous, createTestApp, login, type TestApp } from './harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('operations', () => {
  it('health names the database', async () => {
    const res = await anonymous(t.app).get('/api/health');
    expect(res.json()).toEqual({ status: 'ok', db: t.database.kind });
  });

  it('every answer carries a request id and security headers', async () => {
    const res = await anonymous(t.app).get('/api/health');
    expect(res.headers['x-request-id']).toEqual(expect.any(String));
    expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(res.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it("attack: /metrics on the application's port answers nobody, signed in or not (404)", async () => {
    const anon = await anonymous(t.app).get('/metrics');
    expect(anon.statusCode).toBe(404);
    expect(anon.body).not.toMatch(/cqtt_http_requests_total/);
    const admin = await login(t.app, 'admin');
    expect((await admin.get('/metrics')).statusCode).toBe(404);
    const guessed = await anonymous(t.app).request('GET', '/metrics', undefined, {
      authorization: 'Bearer admin',
    });
    expect(guessed.statusCode).toBe(404);
  });

  it('with METRICS_TOKEN, its bearer reads them on the application port: requests by route pattern, database connections', async () => {
    const token = 'metrics-token-of-the-monitoring';
    const withToken = await createTestApp({ metricsToken: token });
    try {
      const client = await login(withToken.app, 'vhxh.binhgiang');
      await client.get('/api/units');
      const wrong = await anonymous(withToken.app).request('GET', '/metrics', undefined, {
        authorization: 'Bearer metrics-token-of-the-monitorinG',
      });
      expect(wrong.statusCode).toBe(404);
      const res = await anonymous(withToken.app).request('GET', '/metrics', undefined, {
        authorization: `Bearer ${token}`,
      });
      expect(res.statusCode).toBe(200);
      expect(res.body).toMatch(
        /cqtt_http_requests_total\{method="GET",route="\/api\/units",status="200"\} \d+/,
      );
      expect(res.body).toMatch(/cqtt_http_request_duration_seconds_bucket/);
      expect(res.body).toMatch(/cqtt_db_connections\{state="total"/);
    } finally {
      await withToken.close();
    }
  });

  it('on their own listener (METRICS_PORT) they answer /metrics and nothing else', async () => {
    const server = await serveMetrics(t.app.metrics, '127.0.0.1', 0);
    try {
      const { port } = server.address() as AddressInfo;
      const res = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(res.status).toBe(200);
      expect(await res.text()).toMatch(/cqtt_http_requests_total/);
      expect((await fetch(`http://127.0.0.1:${port}/api/health`)).status).toBe(404);
    } finally {
      server.close();
    }
  });

  it('METRICS_TOKEN shorter than 16 characters is ignored; METRICS_PORT and METRICS_HOST are read', () => {
    expect(loadConfig({ METRICS_TOKEN: 'ngan' }).metricsToken).toBeUndefined();
    expect(loadConfig({ METRICS_PORT: '9464' })).toMatchObject({
      metricsPort: 9464,
      metricsHost: '127.0.0.1',
    });
    expect(loadConfig({}).metricsPort).toBeUndefined();
  });

  it('OpenAPI 3.1 and browsable docs are served', async () => {
    const doc = (await anonymous(t.app).get('/api/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.paths['/api/auth/login'].post.requestBody.content['application/json'].example).toBeDefined();
    const docs = await anonymous(t.app).get('/api/docs');
    expect(docs.headers['content-type']).toMatch(/text\/html/);
    expect(docs.body).toMatch(/swagger-ui-bundle\.js/);
    expect((await anonymous(t.app).get('/api/docs/swagger-ui-bundle.js')).statusCode).toBe(200);
  });

  it('an unexpected error answers a generic Vietnamese message with the request id, no stack trace', async () => {
    const echoed = await anonymous(t.app).request('GET', '/api/health', undefined, {
      'x-request-id': 'kiem-tra-12345',
    });
    expect(echoed.headers['x-request-id']).toBe('kiem-tra-12345');
    const { buildApp } = await import('../src/app.ts');
    const app = await buildApp({ config: t.config, database: t.database });
    registerRoute(
      app,
      defineRoute({
        method: 'GET',
        url: '/api/test-bug',
        tag: 'test',
        summary: 'lỗi thử',
        access: 'public',
        handler: async () => {
          throw new Error('secret internal detail at /work/main/apps/server');
        },
      }),
    );
    const res = await app.inject({ method: 'GET', url: '/api/test-bug' });
    expect(res.statusCode).toBe(500);
    const body = res.json();
    expect(body.error.code).toBe('internal_error');
    expect(body.error.message).toMatch(/lỗi ngoài dự kiến/);
    expect(body.error.message).toContain(res.headers['x-request-id']);
    expect(res.body).not.toMatch(/secret|\/work\/|at /);
    await app.close();
  });
});

describe('logs', () => {
  it('failed logins and refused accesses are logged as JSON lines that a newline cannot forge', async () => {
    const lines: string[] = [];
    const { buildApp } = await import('../src/app.ts');
    const app = await buildApp({
      config: { ...t.config, logLevel: 'info' },
      database: t.database,
      logStream: { write: (chunk: string) => lines.push(...chunk.split('\n').filter(Boolean)) },
    });
    const forged = 'ke.gian\n{"level":30,"msg":"admin logged in"}';
    await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: forged, password: 'sai-mat-khau' },
    });
    await app.inject({ method: 'GET', url: '/api/users' });
    await app.close();
    const parsed = lines.map((line) => JSON.parse(line));
    expect(parsed.some((l) => l.msg === 'admin logged in')).toBe(false);
    expect(parsed.find((l) => l.msg === 'login refused')).toMatchObject({
      username: forged,
      code: 'invalid_credentials',
    });
    expect(parsed.find((l) => l.msg === 'access refused' && l.route === '/api/users')).toMatchObject({
      code: 'unauthenticated',
    });
  });
});

describe('the console is served by the same process', () => {
  it('serves index.html, hashed assets with a long cache, and the SPA fallback for console paths', async () => {
    const { mkdtempSync, mkdirSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dist = mkdtempSync(join(tmpdir(), 'cqtt-dist-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(
      join(dist, 'index.html'),
      '<!doctype html><html lang="vi"><title>Chính quyền thân thiện</title></html>',
    );
    writeFileSync(join(dist, 'assets', 'index-abc123.js'), 'console.log(1)');
    const { buildApp } = await import('../src/app.ts');
    const app = await buildApp({ config: { ...t.config, webDist: dist }, database: t.database });
    try {
      const index = await app.inject({ method: 'GET', url: '/' });
      expect(index.statusCode).toBe(200);
      expect(index.body).toContain('Chính quyền thân thiện');
      expect(index.headers['content-security-policy']).toMatch(/script-src 'self'/);
      const asset = await app.inject({ method: 'GET', url: '/assets/index-abc123.js' });
      expect(asset.statusCode).toBe(200);
      expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      const deep = await app.inject({ method: 'GET', url: '/users?page=2' });
      expect(deep.statusCode).toBe(200);
      expect(deep.headers['content-type']).toMatch(/text\/html/);
      expect(deep.headers['cache-control']).toBe('no-cache');
      const api = await app.inject({ method: 'GET', url: '/api/khong-co' });
      expect(api.statusCode).toBe(404);
      expect(api.json().error.code).toBe('not_found');
    } finally {
      await app.close();
    }
  });
});
