/**
 * Runs the cqtt server for the benchmark, on loopback, on a fresh PGlite database in dataDir with the
 * demo data. Two ways (env BENCH_CQTT):
 *  - inprocess (default): `buildApp` from apps/server/src/app.ts, with the same steps as main.ts
 *    (open the database, migrate, seed the demo data), listening on 127.0.0.1 inside this process.
 *  - process: the real entry point `tsx apps/server/src/main.ts` as a child process, exactly as in
 *    production (NODE_ENV=production, CQTT_ALLOW_DEMO=1). The bench process then only runs the bare
 *    server and the load generator.
 * Request logging is off by default (LOG_LEVEL=warn) so that the terminal stays readable; set
 * LOG_LEVEL=info to include its cost (and send the output to a file).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { buildApp } from '../apps/server/src/app.ts';
import { loadConfig } from '../apps/server/src/config.ts';
import { openDatabase } from '../apps/server/src/db/database.ts';
import { migrate } from '../apps/server/src/db/migrate.ts';
import { seedDemo } from '../apps/server/src/demo/seed.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

export interface RunningCqtt {
  url: string;
  mode: string;
  close: () => Promise<void>;
}

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

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    const pid = child.pid;
    if (!pid || child.exitCode !== null || child.signalCode !== null) return resolve();
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
      process.kill(-pid, 'SIGTERM');
    } catch {
      clearTimeout(timer);
      resolve();
    }
  });
}

async function startChildProcess(dataDir: string): Promise<RunningCqtt> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    NODE_ENV: 'production',
    CQTT_ALLOW_DEMO: '1',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  };
  delete env.DATABASE_URL;
  const child = spawn('npx', ['tsx', 'apps/server/src/main.ts'], {
    cwd: root,
    env,
    detached: true,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`cqtt server exited with code ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/api/health`);
      const body = (await res.json()) as { status?: string };
      if (body.status === 'ok') return { url, mode: 'child process', close: () => stopChild(child) };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  await stopChild(child);
  throw new Error('cqtt server did not answer /api/health in 180 s');
}

async function startInProcess(dataDir: string): Promise<RunningCqtt> {
  const config = loadConfig({
    NODE_ENV: 'production',
    CQTT_ALLOW_DEMO: '1',
    DATA_DIR: dataDir,
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    ...(process.env.CQTT_DEMO_PASSWORD ? { CQTT_DEMO_PASSWORD: process.env.CQTT_DEMO_PASSWORD } : {}),
  });
  const database = await openDatabase({ dataDir: config.dataDir });
  try {
    await migrate(database);
    await seedDemo(database.db, config.demoPassword);
    const app = await buildApp({ config, database });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const addr = app.server.address();
    if (!addr || typeof addr === 'string') throw new Error('cqtt server has no port');
    return {
      url: `http://127.0.0.1:${addr.port}`,
      mode: 'in process (buildApp)',
      close: async () => {
        await app.close();
        await database.close();
      },
    };
  } catch (err) {
    await database.close();
    throw err;
  }
}

export async function startCqtt(dataDir: string): Promise<RunningCqtt> {
  const mode = process.env.BENCH_CQTT ?? 'inprocess';
  if (mode === 'process') return startChildProcess(dataDir);
  if (mode === 'inprocess') return startInProcess(dataDir);
  throw new Error(`BENCH_CQTT must be inprocess or process, got ${mode}`);
}
