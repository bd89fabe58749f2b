#!/usr/bin/env node
// `npm start`: builds the console if its build is missing or older than its
// sources, then runs the server (API + console) on PORT (default 3000).
//
// A person starting the demo sees the server's banner (address, demo accounts, where the data
// is), not the build log nor JSON log lines: `npm start -- --verbose` (or CQTT_VERBOSE=1) shows
// both. A failed build always prints its whole output. With NODE_ENV=production, or LOG_LEVEL
// set, the server's JSON logs are left as they are, for whatever collects them.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const web = join(root, 'apps/web');
const built = join(web, 'dist/index.html');
const verbose = process.argv.includes('--verbose') || ['1', 'true'].includes(process.env.CQTT_VERBOSE ?? '');

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

function buildIsStale() {
  const sources = [
    join(web, 'src'),
    join(web, 'index.html'),
    join(web, 'citizen.html'),
    join(web, 'vite.config.ts'),
    join(root, 'packages/domain/src'),
  ];
  const sourceTime = Math.max(
    ...sources.filter(existsSync).map((p) => (statSync(p).isDirectory() ? newest(p) : statSync(p).mtimeMs)),
  );
  return !existsSync(built) || statSync(built).mtimeMs < sourceTime;
}

/** Builds apps/web: its log only with --verbose, or in full when the build fails. */
function buildConsole() {
  console.log('Đang dựng giao diện (apps/web), chỉ lần đầu hoặc khi mã nguồn đổi…');
  const started = Date.now();
  const build = spawnSync('npm', ['run', 'build', '-w', 'apps/web'], {
    cwd: root,
    stdio: verbose ? 'inherit' : 'pipe',
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (build.status !== 0) {
    if (!verbose) process.stderr.write(`${build.stdout ?? ''}${build.stderr ?? ''}`);
    console.error(`\nDựng giao diện thất bại (mã ${build.status ?? build.signal ?? build.error?.message}).`);
    process.exit(build.status || 1);
  }
  console.log(`Đã dựng giao diện trong ${((Date.now() - started) / 1000).toFixed(0)} giây.`);
}

/** The server's environment: a quiet log for a person trying the demo, unless asked otherwise. */
function serverEnv() {
  const env = { ...process.env };
  if (!verbose && env.NODE_ENV !== 'production' && !env.LOG_LEVEL) {
    env.LOG_LEVEL = 'error';
    console.log('Nhật ký máy chủ: chỉ hiện lỗi (xem đầy đủ, cả log dựng giao diện: npm start -- --verbose).');
  }
  return env;
}

if (buildIsStale()) buildConsole();

const server = spawn(process.execPath, ['--import', 'tsx', join(root, 'apps/server/src/main.ts')], {
  cwd: root,
  stdio: 'inherit',
  env: serverEnv(),
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
