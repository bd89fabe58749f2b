/**
 * The real server process: refuses production with demo accounts, serves
 * with them when told to, and shuts down cleanly, finishing requests in flight.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  countInOutput,
  type ServerProcess,
  spawnServer,
  waitForHealth,
  waitForOutput,
} from './server-process.ts';

/** A guard only: creating and seeding a new database takes seconds here, minutes on a loaded machine. */
const LIMIT = 600_000;

const dirs: string[] = [];
const servers: ServerProcess[] = [];
afterAll(async () => {
  // a server a failed test left running would still write into its folder
  for (const server of servers) {
    if (server.child.exitCode !== null || server.child.signalCode !== null) continue;
    server.child.kill('SIGKILL');
    await server.exited;
  }
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function start(env: Record<string, string>) {
  const dataDir = mkdtempSync(join(tmpdir(), 'cqtt-start-'));
  dirs.push(dataDir);
  const server = await spawnServer({ DATABASE_URL: '', DATA_DIR: dataDir, ...env });
  servers.push(server);
  return server;
}

describe('server process', () => {
  it(
    'in production, refuses to run while demo accounts keep the demo password',
    async () => {
      const server = await start({ NODE_ENV: 'production', CQTT_SEED_DEMO: '1' });
      expect(await server.exited).toBe(1);
      expect(server.output()).toMatch(/Từ chối chạy ở chế độ production.*tài khoản demo/s);
      expect(server.output()).toMatch(/CQTT_ALLOW_DEMO=1/);
    },
    LIMIT,
  );

  it(
    'starts with demo data, prints the accounts, and on SIGTERM finishes and exits 0',
    async () => {
      // LOG_LEVEL=debug: the server writes a line when it takes a request in and when it answers
      const server = await start({ NODE_ENV: 'production', CQTT_ALLOW_DEMO: '1', LOG_LEVEL: 'debug' });
      const port = server.port;
      try {
        expect(await waitForHealth(server)).toEqual({ status: 'ok', db: 'pglite' });
        expect(server.output()).toMatch(/Tài khoản demo \(mật khẩu: BinhGiang@2026\)/);
        // the national account reads every city: the banner names it with the others
        expect(server.output()).toMatch(/snv\.haiphong.*bnv\.quocgia/);
        const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'snv.haiphong', password: 'BinhGiang@2026' }),
        });
        expect(login.status).toBe(200);
        // a request in flight when the signal arrives still gets its answer: the signal comes once
        // the server has taken the request in ("incoming request"). Sent earlier, on a loaded
        // machine the signal may beat the request to the server, which then rightly answers 503
        // (a load balancer sends it elsewhere).
        const taken = () =>
          countInOutput(
            server,
            /"url":"\/api\/auth\/login"[^\n]*"msg":"incoming request"|"msg":"incoming request"[^\n]*"url":"\/api\/auth\/login"/g,
          );
        const before = taken();
        const body = JSON.stringify({ username: 'admin', password: 'BinhGiang@2026' });
        const request = httpRequest(`http://127.0.0.1:${port}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        });
        const inFlight = new Promise<{ status: number }>((resolve, reject) => {
          request.on('response', (res) => {
            res.resume();
            res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
          });
          request.on('error', reject);
        });
        request.end(body);
        await waitForOutput(server, () => taken() > before);
        server.child.kill('SIGTERM');
        expect((await inFlight).status).toBe(200);
        expect(await server.exited, server.output()).toBe(0);
      } finally {
        server.child.kill('SIGKILL');
      }
    },
    LIMIT,
  );
});
