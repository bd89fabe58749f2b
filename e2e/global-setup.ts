import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string;
  }
}

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = join(root, 'test-results', 'e2e');
const startTimeoutMs = Number(process.env.E2E_START_TIMEOUT_MS ?? 180_000);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + startTimeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `Máy chủ dừng khi khởi động (mã ${child.exitCode ?? child.signalCode}):\n${tail(logFile)}`,
      );
    }
    try {
      const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(5_000) });
      const body = (await res.json().catch(() => undefined)) as { status?: string } | undefined;
      if (res.ok && body?.status === 'ok') return;
      last = `HTTP ${res.status} ${JSON.stringify(body)}`;
    } catch (err) {
      last = String((err as Error).message ?? err);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`Máy chủ không sẵn sàng sau ${startTimeoutMs} ms (${last}):\n${tail(logFile)}`);
}

function tail(file: string, lines = 60): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(không có nhật ký)';
  }
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null || !child.pid) return resolve();
    const pid = child.pid;
    const timer = setTimeout(() => {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {}
    }, 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    try {
      // npx → tsx → node: dừng cả nhóm tiến trình mà ta đã tạo (detached).
      process.kill(-pid, 'SIGTERM');
    } catch {
      clearTimeout(timer);
      resolve();
    }
  });
}

export default async function setup(project: TestProject) {
  mkdirSync(outDir, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'cqtt-e2e-'));
  const port = await freePort();
  const baseURL = `http://127.0.0.1:${port}`;
  const logFile = join(outDir, 'server.log');
  const log = createWriteStream(logFile);

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    NODE_ENV: 'production',
    CQTT_ALLOW_DEMO: '1',
  };
  // Luôn dùng PGlite mới trong DATA_DIR, không bao giờ một PostgreSQL có sẵn.
  delete env.DATABASE_URL;
  const child = spawn('npx', ['tsx', 'apps/server/src/main.ts'], {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env,
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);

  try {
    await waitForHealth(baseURL, child, logFile);
  } catch (err) {
    await stop(child);
    rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
  console.log(
    `[e2e] máy chủ cqtt chạy ở ${baseURL} (dữ liệu: ${dataDir}, nhật ký: test-results/e2e/server.log)`,
  );
  project.provide('baseURL', baseURL);

  return async () => {
    await stop(child);
    log.end();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
