/**
 * The real server process: refuses production with demo accounts, serves
 * with them when told to, and shuts down cleanly, finishing requests in flight.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const main = new URL('../src/main.ts', import.meta.url).pathname;
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function start(env: Record<string, string>) {
  const dataDir = mkdtempSync(join(tmpdir(), 'cqtt-start-'));
  dirs.push(dataDir);
  const child = spawn(process.execPath, ['--import', 'tsx', main], {
    env: { ...process.env, DATABASE_URL: '', DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

async function waitForHealth(port: number, child: ChildProcess) {
  // generous: on a 2-core CI machine the other test files compete for the CPU
  for (let i = 0; i < 900; i++) {
    if (child.exitCode !== null) throw new Error('server exited');
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (res.ok) return res.json();
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not start');
}

describe('server process', () => {
  it('in production, refuses to run while demo accounts keep the demo password', async () => {
    const port = await freePort();
    const server = start({ NODE_ENV: 'production', CQTT_SEED_DEMO: '1', PORT: String(port) });
    expect(await server.exited).toBe(1);
    expect(server.output()).toMatch(/Từ chối chạy ở chế độ production.*tài khoản demo/s);
    expect(server.output()).toMatch(/CQTT_ALLOW_DEMO=1/);
  }, 150_000);

  it('starts with demo data, prints the accounts, and on SIGTERM finishes and exits 0', async () => {
    const port = await freePort();
    const server = start({
      NODE_ENV: 'production',
      CQTT_ALLOW_DEMO: '1',
      PORT: String(port),
      HOST: '127.0.0.1',
    });
    try {
      expect(await waitForHealth(port, server.child)).toEqual({ status: 'ok', db: 'pglite' });
      expect(server.output()).toMatch(/Tài khoản demo \(mật khẩu: BinhGiang@2026\)/);
      const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'snv.haiphong', password: 'BinhGiang@2026' }),
      });
      expect(login.status).toBe(200);
      // a request in flight when the signal arrives still gets its answer
      const inFlight = fetch(`http://127.0.0.1:${port}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: 'BinhGiang@2026' }),
      });
      await new Promise((r) => setTimeout(r, 5));
      server.child.kill('SIGTERM');
      expect((await inFlight).status).toBe(200);
      expect(await server.exited, server.output()).toBe(0);
    } finally {
      server.child.kill('SIGKILL');
    }
  }, 150_000);
});
