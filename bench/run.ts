/**
 * `npm run bench`: how much does cqtt cost per request compared with a bare Fastify server?
 *
 * In one run, on loopback only:
 *  (a) a bare Fastify server with one trivial JSON route,
 *  (b) the cqtt app on a fresh PGlite database with the demo data, logged in as vhxh.binhgiang,
 * then autocannon against GET /api/me (with the session cookie) and against the bare route, with the
 * same connections and duration. Prints requests/s, p50/p99 latency and the ratio cqtt/bare, and writes
 * the results as JSON into bench/results/. See bench/README.md for how to read them.
 *
 * Settings (env): BENCH_CONNECTIONS (10), BENCH_DURATION seconds (5), BENCH_WARMUP seconds (1),
 * BENCH_WORKERS autocannon worker threads (1; 0 = load generated on the main thread),
 * BENCH_USER (vhxh.binhgiang), CQTT_DEMO_PASSWORD (BinhGiang@2026),
 * BENCH_CQTT=inprocess|process (how the cqtt server is run; see startCqtt).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { startCqtt } from './cqtt-server.ts';

const benchDir = fileURLToPath(new URL('.', import.meta.url));
const resultsDir = join(benchDir, 'results');

function intEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a non-negative number, got ${raw}`);
  return n;
}

const settings = {
  connections: intEnv('BENCH_CONNECTIONS', 10),
  duration: intEnv('BENCH_DURATION', 5),
  warmup: intEnv('BENCH_WARMUP', 1),
  workers: intEnv('BENCH_WORKERS', 1),
  user: process.env.BENCH_USER ?? 'vhxh.binhgiang',
  password: process.env.CQTT_DEMO_PASSWORD || 'BinhGiang@2026',
};

interface Measure {
  name: string;
  url: string;
  requestsPerSec: number;
  requestsTotal: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  latencyAvgMs: number;
  latencyMaxMs: number;
  throughputBytesPerSec: number;
  errors: number;
  timeouts: number;
  non2xx: number;
}

async function startBare(): Promise<{ url: string; close: () => Promise<void> }> {
  const app = Fastify({ logger: false });
  app.get('/bare', async () => ({ status: 'ok', service: 'bare' }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  if (!addr || typeof addr === 'string') throw new Error('bare server has no port');
  return { url: `http://127.0.0.1:${addr.port}`, close: () => app.close() };
}

async function cannon(
  url: string,
  headers: Record<string, string>,
  duration: number,
): Promise<autocannon.Result> {
  const opts: autocannon.Options = {
    url,
    headers,
    connections: settings.connections,
    duration,
  };
  if (settings.workers > 0) opts.workers = settings.workers;
  return autocannon(opts);
}

async function measure(name: string, url: string, headers: Record<string, string>): Promise<Measure> {
  // Check once by hand that the route answers 200: otherwise we would benchmark an error page.
  const check = await fetch(url, { headers });
  if (check.status !== 200)
    throw new Error(`${name}: GET ${url} answered ${check.status}: ${await check.text()}`);
  if (settings.warmup > 0) await cannon(url, headers, settings.warmup);
  const r = await cannon(url, headers, settings.duration);
  return {
    name,
    url,
    requestsPerSec: r.requests.average,
    requestsTotal: r.requests.total,
    latencyP50Ms: r.latency.p50,
    latencyP99Ms: r.latency.p99,
    latencyAvgMs: r.latency.average,
    latencyMaxMs: r.latency.max,
    throughputBytesPerSec: r.throughput.average,
    errors: r.errors,
    timeouts: r.timeouts,
    non2xx: r.non2xx,
  };
}

function fmt(n: number, digits = 1): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

/**
 * cqtt / bare. autocannon reports percentiles in whole milliseconds, so a bare p50 is often 0:
 * then the ratio is meaningless and reported as null ("—"); the mean latency is always comparable.
 */
function ratio(cqtt: number, bare: number): number | null {
  return bare > 0 ? cqtt / bare : null;
}

function fmtRatio(r: number | null, digits: number): string {
  return r === null ? '—' : `${fmt(r, digits)}x`;
}

function ratios(bare: Measure, cqtt: Measure) {
  return {
    requestsPerSec: ratio(cqtt.requestsPerSec, bare.requestsPerSec),
    latencyMean: ratio(cqtt.latencyAvgMs, bare.latencyAvgMs),
    latencyP50: ratio(cqtt.latencyP50Ms, bare.latencyP50Ms),
    latencyP99: ratio(cqtt.latencyP99Ms, bare.latencyP99Ms),
  };
}

function printTable(bare: Measure, cqtt: Measure): void {
  const r = ratios(bare, cqtt);
  const rows = [
    ['', 'req/s', 'mean ms', 'p50 ms', 'p99 ms', 'errors', 'non-2xx'],
    ...[bare, cqtt].map((m) => [
      m.name,
      fmt(m.requestsPerSec, 0),
      fmt(m.latencyAvgMs, 2),
      fmt(m.latencyP50Ms, 0),
      fmt(m.latencyP99Ms, 0),
      String(m.errors + m.timeouts),
      String(m.non2xx),
    ]),
    [
      'cqtt / bare',
      fmtRatio(r.requestsPerSec, 3),
      fmtRatio(r.latencyMean, 1),
      fmtRatio(r.latencyP50, 1),
      fmtRatio(r.latencyP99, 1),
      '',
      '',
    ],
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  for (const row of rows) {
    console.log(
      row
        .map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
        .join('  ')
        .trimEnd(),
    );
  }
}

async function main(): Promise<void> {
  const cpu = cpus()[0]?.model ?? 'unknown';
  console.log(
    `bench: ${settings.connections} connections, ${settings.duration}s per target (+${settings.warmup}s warm-up), ` +
      `autocannon workers ${settings.workers}, node ${process.version}, ${cpus().length} x ${cpu}`,
  );
  const dataDir = mkdtempSync(join(tmpdir(), 'cqtt-bench-'));
  const bare = await startBare();
  let cqtt: Awaited<ReturnType<typeof startCqtt>> | undefined;
  try {
    const started = Date.now();
    cqtt = await startCqtt(dataDir);
    console.log(
      `cqtt started (${cqtt.mode}) in ${((Date.now() - started) / 1000).toFixed(1)}s at ${cqtt.url}`,
    );

    const login = await fetch(`${cqtt.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: settings.user, password: settings.password }),
    });
    if (!login.ok) throw new Error(`login as ${settings.user} failed: ${login.status} ${await login.text()}`);
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    if (!cookie) throw new Error('login answered no session cookie');

    const bareResult = await measure('bare fastify', `${bare.url}/bare`, {});
    const cqttResult = await measure('cqtt /api/me', `${cqtt.url}/api/me`, { cookie });
    console.log('');
    printTable(bareResult, cqttResult);

    const result = {
      date: new Date().toISOString(),
      node: process.version,
      cpus: cpus().length,
      cpuModel: cpu,
      cqttMode: cqtt.mode,
      settings: { ...settings, password: undefined },
      bare: bareResult,
      cqtt: cqttResult,
      ratio: ratios(bareResult, cqttResult),
    };
    mkdirSync(resultsDir, { recursive: true });
    const file = join(resultsDir, `me-vs-bare-${result.date.replace(/[:.]/g, '-')}.json`);
    writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
    writeFileSync(join(resultsDir, 'latest.json'), `${JSON.stringify(result, null, 2)}\n`);
    console.log(`\nresults: ${file}`);
    const bad =
      cqttResult.errors + cqttResult.timeouts + cqttResult.non2xx + bareResult.errors + bareResult.non2xx;
    if (bad > 0) {
      console.error(`bench: ${bad} failed requests: the numbers above are not trustworthy`);
      process.exitCode = 1;
    }
  } finally {
    await cqtt?.close();
    await bare.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
