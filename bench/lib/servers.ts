/**
 * The servers of a benchmark run, each its own process on 127.0.0.1 and a free port, so that
 * cqtt and its baseline have the same shape (one Node process each, idle while the other is
 * measured) and the load generator never shares their event loop.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findDescendant } from './proc.ts';

export const root = fileURLToPath(new URL('../..', import.meta.url));

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const a = srv.address();
      srv.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

export interface Server {
  name: string;
  url: string;
  /** The Node process that answers (for CPU and memory). */
  pid: number;
  /** Milliseconds from spawn to the first good answer of /api/health (cqtt) or the listen line. */
  startMs: number;
  /** cqtt's own account of its start (its "ready" log line): ms per step since its process started. */
  startup?: { steps: Record<string, number>; totalMs: number };
  stop(): Promise<void>;
}

function stopGroup(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    const pid = child.pid;
    if (!pid || child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {}
    }, 15_000);
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

async function waitHealthy(url: string, child: ChildProcess, started: number, timeoutMs: number) {
  while (performance.now() - started < timeoutMs) {
    if (child.exitCode !== null) throw new Error(`server exited with code ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok && ((await res.json()) as { status?: string }).status === 'ok') return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`${url}/api/health did not answer in ${timeoutMs / 1000} s`);
}

export interface CqttOptions {
  name: string;
  /** PostgreSQL; otherwise PGlite in dataDir. */
  databaseUrl?: string;
  dataDir: string;
  /** `npm start` (the command users run) rather than the server entry point itself. */
  npmStart?: boolean;
  /** Extra node flags (profiling). */
  nodeFlags?: string[];
  env?: Record<string, string>;
  logDir: string;
}

/**
 * cqtt as in production: NODE_ENV=production, the demo allowed (CQTT_ALLOW_DEMO=1), its
 * default log level (info: a line per request) written to a file as a service manager would,
 * the scheduled jobs off (CQTT_JOBS=0) so that no reminder run falls inside a measure.
 */
export async function startCqtt(o: CqttOptions): Promise<Server> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: o.dataDir,
    NODE_ENV: 'production',
    CQTT_ALLOW_DEMO: '1',
    CQTT_JOBS: '0',
    ...o.env,
  };
  if (o.databaseUrl) env.DATABASE_URL = o.databaseUrl;
  else delete env.DATABASE_URL;
  if (!process.env.LOG_LEVEL) delete env.LOG_LEVEL;
  mkdirSync(o.logDir, { recursive: true });
  // the server writes its log lines straight into a file, as under a service manager
  const logFile = join(o.logDir, `${o.name.replace(/\W+/g, '-')}.log`);
  rmSync(logFile, { force: true });
  const log = openSync(logFile, 'a');
  const started = performance.now();
  const child = o.npmStart
    ? spawn('npm', ['start', '--silent'], { cwd: root, env, detached: true, stdio: ['ignore', log, log] })
    : spawn(process.execPath, [...(o.nodeFlags ?? []), '--import', 'tsx', 'apps/server/src/main.ts'], {
        cwd: root,
        env,
        detached: true,
        stdio: ['ignore', log, log],
      });
  closeSync(log);
  try {
    await waitHealthy(url, child, started, 600_000);
  } catch (error) {
    await stopGroup(child);
    throw new Error(`${o.name}: ${(error as Error).message} (log in ${o.logDir})`);
  }
  const startMs = performance.now() - started;
  const pid = o.npmStart ? findDescendant(child.pid!, 'apps/server/src/main.ts') : child.pid!;
  if (!pid) throw new Error(`${o.name}: server process not found under npm start`);
  let startup: Server['startup'];
  for (let i = 0; i < 40 && !startup; i++) {
    const line = readFileSync(logFile, 'utf8')
      .split('\n')
      .find((l) => l.includes('"msg":"ready"'));
    if (line) {
      const parsed = JSON.parse(line) as { startup: Record<string, number>; totalMs: number };
      startup = { steps: parsed.startup, totalMs: parsed.totalMs };
    } else await new Promise((r) => setTimeout(r, 50));
  }
  const stop = async () => {
    await stopGroup(child);
    // npm may exit before the server it started has closed its database
    for (let i = 0; i < 300 && existsSync(`/proc/${pid}`); i++) await new Promise((r) => setTimeout(r, 50));
  };
  return { name: o.name, url, pid, startMs, startup, stop };
}

/** The plain baseline (bench/baseline-server.ts) on PostgreSQL or on a PGlite folder. */
export async function startBaseline(
  name: string,
  target: { databaseUrl: string } | { pgliteDir: string },
): Promise<Server> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.BASELINE_DATABASE_URL;
  delete env.BASELINE_PGLITE_DIR;
  if ('databaseUrl' in target) env.BASELINE_DATABASE_URL = target.databaseUrl;
  else env.BASELINE_PGLITE_DIR = target.pgliteDir;
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/baseline-server.ts'], {
    cwd: root,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve((JSON.parse(line) as { url: string }).url);
    });
    child.once('exit', (code) => reject(new Error(`${name} exited with code ${code}`)));
  });
  return { name, url, pid: child.pid!, startMs: performance.now() - started, stop: () => stopGroup(child) };
}
