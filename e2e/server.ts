import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { cpSync, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const main = join(root, 'apps/server/src/main.ts');
/** Only a guard against a server that never starts: the wait itself ends on the server's own line. */
const startLimitMs = Number(process.env.E2E_START_TIMEOUT_MS ?? 300_000);

export interface E2eServer {
  /** http://127.0.0.1:<port> */
  url: string;
  stop(): Promise<void>;
}

/**
 * A real cqtt server (`node --import tsx apps/server/src/main.ts`, NODE_ENV=production, as
 * `npm start` runs it) on its own copy of the template database, on a port the system gives it
 * (PORT=0: no port picked in advance that another run could take). It is ready when it writes
 * the line "Server listening at …", which carries the address; its output goes to `logFile`.
 */
export async function startServer(templateDir: string, logFile: string): Promise<E2eServer> {
  const dir = mkdtempSync(join(tmpdir(), 'cqtt-e2e-'));
  const dataDir = join(dir, 'data');
  cpSync(templateDir, dataDir, { recursive: true });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    NODE_ENV: 'production',
    CQTT_ALLOW_DEMO: '1',
    LOG_LEVEL: 'info',
  };
  // always the file's own PGlite copy, never a PostgreSQL that happens to be configured
  delete env.DATABASE_URL;
  delete env.PUBLIC_URL;
  const child = spawn(process.execPath, ['--import', 'tsx', main], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // a worker that ends abruptly leaves no server behind
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const log = createWriteStream(logFile);
  child.stdout!.pipe(log, { end: false });
  child.stderr!.pipe(log, { end: false });
  const exited = once(child, 'exit');

  const stop = async () => {
    process.removeListener('exit', killOnExit);
    await stopChild(child, exited);
    log.end();
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    const url = await listeningUrl(child, exited, logFile);
    // listening comes before the banner and the jobs; the database answers already
    const health = (await (await fetch(`${url}/api/health`)).json()) as { status?: string };
    if (health.status !== 'ok') throw new Error(`/api/health: ${JSON.stringify(health)} (${logFile})`);
    return { url, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Resolves with the address of Fastify's "Server listening at …" line; fails if the server exits first. */
function listeningUrl(child: ChildProcess, exited: Promise<unknown>, logFile: string): Promise<string> {
  let seen = '';
  let onData: ((chunk: Buffer) => void) | undefined;
  let guard: NodeJS.Timeout | undefined;
  return Promise.race([
    new Promise<string>((resolve) => {
      onData = (chunk) => {
        seen += chunk.toString('utf8');
        const m = /"msg":"Server listening at (http:\/\/127\.0\.0\.1:\d+)"/.exec(seen);
        if (m) resolve(m[1]!);
      };
      child.stdout!.on('data', onData);
    }),
    exited.then(() => {
      throw new Error(
        `Máy chủ dừng khi khởi động (mã ${child.exitCode ?? child.signalCode}); xem ${logFile}`,
      );
    }),
    new Promise<never>((_, reject) => {
      guard = setTimeout(
        () => reject(new Error(`Máy chủ chưa nghe cổng sau ${startLimitMs} ms; xem ${logFile}`)),
        startLimitMs,
      );
    }),
  ]).finally(() => {
    clearTimeout(guard);
    if (onData) child.stdout!.off('data', onData);
  });
}

/** SIGTERM (the server finishes what is in flight and closes its database), SIGKILL if it hangs. */
async function stopChild(child: ChildProcess, exited: Promise<unknown>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const guard = setTimeout(() => child.kill('SIGKILL'), 30_000);
  await exited;
  clearTimeout(guard);
}
