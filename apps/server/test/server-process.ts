/**
 * The real server (apps/server/src/main.ts) as a child process on a loopback port: for tests
 * of start, shutdown and crashes, which an in-process app cannot show.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';

const main = new URL('../src/main.ts', import.meta.url).pathname;

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface ServerProcess {
  child: ChildProcess;
  port: number;
  url: string;
  exited: Promise<number | null>;
  output(): string;
}

/** Starts the server with these settings (PORT and HOST are chosen here). */
export async function spawnServer(env: Record<string, string>): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', main], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, port, url: `http://127.0.0.1:${port}`, exited, output: () => output };
}

/**
 * Resolves when the server's output so far satisfies `seen`, checked each time it writes; fails
 * if the process exits first. A wait on what the server says, not on time.
 */
export function waitForOutput(server: ServerProcess, seen: (output: string) => boolean): Promise<void> {
  const { child } = server;
  return new Promise((resolve, reject) => {
    const done = () => {
      child.stdout!.off('data', check);
      child.stderr!.off('data', check);
      child.off('exit', exit);
    };
    // listeners added after spawnServer's own, so output() already holds the chunk
    const check = () => {
      if (!seen(server.output())) return;
      done();
      resolve();
    };
    const exit = () => {
      done();
      reject(new Error(`server exited (${child.exitCode ?? child.signalCode}): ${server.output()}`));
    };
    child.stdout!.on('data', check);
    child.stderr!.on('data', check);
    child.on('exit', exit);
    if (child.exitCode !== null || child.signalCode !== null) exit();
    else check();
  });
}

/** How many times `pattern` (a global regex) occurs in the server's output so far. */
export function countInOutput(server: ServerProcess, pattern: RegExp): number {
  return server.output().match(pattern)?.length ?? 0;
}

/**
 * Waits until the server says it listens (its banner "… đang chạy tại http://…", written once
 * the port is open), then answers /api/health's body.
 */
export async function waitForHealth(server: ServerProcess): Promise<unknown> {
  await waitForOutput(server, (output) => /đang chạy tại http:\/\//.test(output));
  const res = await fetch(`${server.url}/api/health`);
  if (!res.ok) throw new Error(`/api/health: HTTP ${res.status}: ${server.output()}`);
  return res.json();
}
