/**
 * `npm run bench:satisfaction -w bench`: the figures issue #5 asks for, on PostgreSQL.
 *
 *  1. Rating submission: POST /api/public/ratings (every request a new rating with a dossier code)
 *     against a bare Fastify route that answers 201, same connections and duration, same run
 *     (context only: the ratio target is against a plain durable write, `npm run bench`).
 *     Target: p99 under 25 ms, and every acknowledged rating in the database afterwards.
 *  2. The satisfaction query for one commune over a year holding 1,000,000 ratings: p95 of
 *     GET /api/public/communes/:code/satisfaction?from&to. Target: under 100 ms.
 *  3. The JavaScript the public rating page ships, gzipped. Target: at most 60 KB.
 *
 * Needs a PostgreSQL server (BENCH_DATABASE_URL or TEST_DATABASE_URL, a role that may create
 * databases); the run makes its own database and drops it. The cqtt server runs as a child
 * process (tsx apps/server/src/main.ts), the load generator in an autocannon worker.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import pg from 'pg';

const root = fileURLToPath(new URL('..', import.meta.url));
const adminUrl =
  process.env.BENCH_DATABASE_URL ??
  process.env.TEST_DATABASE_URL ??
  'postgres://cqtt_test:cqtt_test_pw@127.0.0.1:55432/postgres';
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const duration = Number(process.env.BENCH_DURATION ?? 10);
const million = Number(process.env.BENCH_RATINGS ?? 1_000_000);

function withDatabase(url: string, name: string) {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const a = srv.address();
      srv.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

async function startServer(databaseUrl: string): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn('npx', ['tsx', 'apps/server/src/main.ts'], {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      DATA_DIR: join(root, 'bench', 'results', 'data'),
      NODE_ENV: 'production',
      CQTT_ALLOW_DEMO: '1',
      CQTT_SEED_DEMO: '1',
      LOG_LEVEL: 'warn',
    },
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`cqtt exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) return { url, child };
    } catch {}
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error('cqtt did not start');
}

function stop(child: ChildProcess) {
  try {
    if (child.pid) process.kill(-child.pid, 'SIGTERM');
  } catch {}
}

async function load(url: string, setupRequest?: string) {
  const r = await autocannon({
    url,
    connections,
    duration,
    workers: 1,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
        ...(setupRequest ? { setupRequest } : {}),
      },
    ],
  });
  return {
    requestsPerSec: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    mean: r.latency.average,
    acknowledged: r['2xx'],
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
    sent: r.requests.sent,
  };
}

/** The gzipped JavaScript a browser downloads to show the rating page (entry, its imports, the page). */
function ratingPageJs(): { files: string[]; gzipBytes: number } | null {
  const dist = join(root, 'apps', 'web', 'dist');
  if (!existsSync(join(dist, 'citizen.html'))) return null;
  const html = readFileSync(join(dist, 'citizen.html'), 'utf8');
  const assets = readdirSync(join(dist, 'assets'));
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(join(dist, 'assets', file), 'utf8');
    for (const m of code.matchAll(/(?:from|import)\s*["']\.\/([\w.-]+\.js)["']/g)) visit(m[1]!);
  };
  for (const m of html.matchAll(/\/assets\/([\w.-]+\.js)/g)) visit(m[1]!);
  const page = assets.find((a) => /^RatePage-.*\.js$/.test(a));
  if (page) visit(page);
  const files = [...seen];
  const gzipBytes = files.reduce((s, f) => s + gzipSync(readFileSync(join(dist, 'assets', f))).length, 0);
  return { files, gzipBytes };
}

async function main() {
  const name = `cqtt_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const databaseUrl = withDatabase(adminUrl, name);
  mkdirSync(join(root, 'bench', 'results'), { recursive: true });
  const bare = Fastify({ logger: false });
  bare.post('/bare', async (_req, reply) =>
    reply.code(201).send({ id: '00000000-0000-4000-8000-000000000000' }),
  );
  await bare.listen({ port: 0, host: '127.0.0.1' });
  const bareUrl = `http://127.0.0.1:${(bare.server.address() as { port: number }).port}/bare`;
  const { url, child } = await startServer(databaseUrl);
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    // 1. submissions: the dossiers the ratings name, so that each counts as a rating with a code
    const perRun = Number(process.env.BENCH_DOSSIERS ?? 300_000);
    for (const prefix of ['W', 'M'])
      await db.query(
        `insert into dossiers (commune_id, code, status)
         select c.id, 'BENCH-${prefix}-' || g, 'received' from communes c, generate_series(1, $1::int) g
         where c.code = 'HP-BINHGIANG'`,
        [perRun],
      );
    const setup = join(root, 'bench', 'rating-request.cjs');
    await load(bareUrl); // warm-up
    const bareRun = await load(bareUrl);
    process.env.BENCH_DOSSIER_PREFIX = 'W';
    await load(`${url}/api/public/ratings`, setup); // warm-up
    process.env.BENCH_DOSSIER_PREFIX = 'M';
    await db.query(`delete from audit_log where action = 'ratings.create'`).catch(() => undefined);
    const before = Number(
      (await db.query(`select count(*) from ratings where dossier_code like 'BENCH-%'`)).rows[0].count,
    );
    const cqttRun = await load(`${url}/api/public/ratings`, setup);
    const after = Number(
      (await db.query(`select count(*) from ratings where dossier_code like 'BENCH-%'`)).rows[0].count,
    );
    const stored = after - before;

    // 2. a year with a million ratings in Hồng Bàng
    const commune = (await db.query(`select id from communes where code = 'HP-HONGBANG'`)).rows[0]
      .id as string;
    const t0 = Date.now();
    await db.query(
      `insert into ratings (commune_id, client_id, score, channel, rated_on, dossier_code)
       select $1, gen_random_uuid(), 1 + (i % 5)::int, 'qr', date '2025-01-01' + (i % 365), case when i % 3 = 0 then null else 'Y-' || i end
       from generate_series(1, $2::int) i`,
      [commune, million],
    );
    await db.query('analyze ratings');
    const insertSeconds = (Date.now() - t0) / 1000;
    const q = `${url}/api/public/communes/HP-HONGBANG/satisfaction?from=2025-01-01&to=2025-12-31`;
    const c0 = performance.now();
    const first = (await (await fetch(q)).json()) as { counter: { ratings: number; satisfied: number } };
    const firstMs = performance.now() - c0;
    const times: number[] = [];
    for (let i = 0; i < 200; i++) {
      const s = performance.now();
      const res = await fetch(q);
      await res.arrayBuffer();
      times.push(performance.now() - s);
    }
    times.sort((a, b) => a - b);
    const p95 = times[Math.floor(times.length * 0.95)]!;
    const exact = (
      await db.query(
        `select count(*)::int n, count(*) filter (where score >= 4)::int s from ratings
         where commune_id = $1 and hidden_at is null and rated_on between '2025-01-01' and '2025-12-31'`,
        [commune],
      )
    ).rows[0];

    const js = ratingPageJs();
    const result = {
      at: new Date().toISOString(),
      connections,
      duration,
      submission: {
        bare: bareRun,
        cqtt: cqttRun,
        ratio: cqttRun.requestsPerSec / bareRun.requestsPerSec,
        storedAfter: stored,
        // requests still in flight when the run stops may be stored without being counted as acknowledged
        everyAcknowledgedStored: stored >= cqttRun.acknowledged,
        targets: {
          p99Under25ms: cqttRun.p99 < 25,
        },
      },
      query: {
        ratings: million,
        insertSeconds,
        firstRequestMs: firstMs,
        p95Ms: p95,
        p50Ms: times[Math.floor(times.length / 2)],
        exact: first.counter.ratings === exact.n && first.counter.satisfied === exact.s,
        target: p95 < 100,
      },
      ratingPageJs: js && { files: js.files, gzipKB: js.gzipBytes / 1024, target: js.gzipBytes <= 60 * 1024 },
    };
    console.log('\nRating submission (PostgreSQL), same run:');
    console.log(
      `  bare 201 route   ${bareRun.requestsPerSec.toFixed(0)} req/s  p50 ${bareRun.p50} ms  p99 ${bareRun.p99} ms`,
    );
    console.log(
      `  POST rating      ${cqttRun.requestsPerSec.toFixed(0)} req/s  p50 ${cqttRun.p50} ms  p99 ${cqttRun.p99} ms  (non-2xx ${cqttRun.non2xx}, errors ${cqttRun.errors})`,
    );
    console.log(
      `  ratio ${(result.submission.ratio * 100).toFixed(1)}% of bare (context only: the ratio target is against a durable write, npm run bench), p99 < 25 ms: ${result.submission.targets.p99Under25ms ? 'holds' : 'FAILS'}`,
    );
    console.log(
      `  acknowledged ${cqttRun.acknowledged}, stored ${stored}: ${result.submission.everyAcknowledgedStored ? 'every acknowledged rating is in the database' : 'MISSING RATINGS'}`,
    );
    console.log(
      `\nSatisfaction for a year of ${million.toLocaleString('en-US')} ratings (inserted in ${insertSeconds.toFixed(1)} s):`,
    );
    console.log(
      `  first request ${firstMs.toFixed(0)} ms (folds the year into day tallies), then p50 ${result.query.p50Ms!.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms (target < 100 ms: ${result.query.target ? 'holds' : 'FAILS'}); exact: ${result.query.exact}`,
    );
    if (js) {
      console.log(
        `\nRating page JavaScript: ${(js.gzipBytes / 1024).toFixed(1)} KB gzipped in ${js.files.length} files (target ≤ 60 KB: ${result.ratingPageJs!.target ? 'holds' : 'FAILS'})`,
      );
    } else console.log('\nRating page JavaScript: build apps/web first (npm run build).');
    writeFileSync(
      join(root, 'bench', 'results', `satisfaction-${Date.now()}.json`),
      JSON.stringify(result, null, 2),
    );
  } finally {
    await db.end();
    stop(child);
    await bare.close();
    await new Promise((r) => setTimeout(r, 1500));
    await admin.query(`drop database if exists ${name} with (force)`).catch(() => undefined);
    await admin.end();
  }
}

await main();
