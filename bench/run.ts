/**
 * `npm run bench`: every figure of issue #16 with its baseline, its ratio and its target, in one
 * run; exits with code 1 when a target fails (or a measure is not trustworthy). See
 * bench/README.md for what is measured, how, and how to read it.
 *
 * Flags (or env): --soak-minutes=N (BENCH_SOAK_MINUTES, 10; 0 skips the soak), --quick (2-minute
 * soak, 1 round, for development), --only=postgres,ratings,pglite,bytes,soak (sections),
 * --skip-build (use apps/web/dist as it is). Env: BENCH_DURATION seconds per measured run (5),
 * BENCH_ROUNDS measured runs per target, taken in turns with its baseline (2),
 * BENCH_WARMUP_REQUESTS (3000), BENCH_DATABASE_URL (else the run starts its own PostgreSQL 15).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { measureBytes } from './lib/bytes.ts';
import { compare, fold, type LoadSettings, type Measure, measure, type Target, warmUp } from './lib/load.ts';
import {
  type Postgres,
  resetStatements,
  seedDossiers,
  startPostgres,
  topStatements,
} from './lib/postgres.ts';
import { rssMb } from './lib/proc.ts';
import { type Figure, figures, fmt, printFigures, table } from './lib/report.ts';
import { root, type Server, startBaseline, startCqtt } from './lib/servers.ts';
import { soak } from './lib/soak.ts';

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}`))?.split('=')[1] ?? null;
const flag = (name: string) => process.argv.includes(`--${name}`);
function num(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a non-negative number, got ${raw}`);
  return n;
}

const quick = flag('quick');
const settings = {
  connections: 10,
  duration: num('BENCH_DURATION', 5),
  rounds: num('BENCH_ROUNDS', quick ? 1 : 2),
  warmupRequests: num('BENCH_WARMUP_REQUESTS', 3000),
  soakMinutes: Number(arg('soak-minutes') ?? num('BENCH_SOAK_MINUTES', quick ? 2 : 10)),
  sections: new Set((arg('only') ?? 'postgres,ratings,pglite,bytes,soak').split(',')),
};
const USER = 'vhxh.binhgiang';
const COUNTER_OFFICIAL = 'vpub.binhgiang';
const PASSWORD = process.env.CQTT_DEMO_PASSWORD || 'BinhGiang@2026';
const work = mkdtempSync(join(tmpdir(), 'cqtt-bench-'));
const logDir = join(root, 'bench', 'results', 'logs');
const running: Server[] = [];
let untrustworthy = 0;

function figure(f: Figure) {
  figures.push(f);
}

function ratioFigure(
  name: string,
  cqtt: number,
  baseline: number,
  minRatio: number,
  unit = 'req/s',
  digits = 0,
): number {
  const r = baseline > 0 ? cqtt / baseline : 0;
  figure({
    name,
    value: `${fmt(cqtt, digits)} ${unit}`,
    baseline: `${fmt(baseline, digits)} ${unit}`,
    ratio: `${fmt(r, 2)}x`,
    target: `≥ ${minRatio}x`,
    holds: r >= minRatio,
  });
  return r;
}

function p99Figure(name: string, m: Measure, maxMs: number) {
  figure({
    name,
    value: `${fmt(m.p99, 1)} ms`,
    baseline: '',
    ratio: '',
    target: `< ${maxMs} ms`,
    holds: m.p99 < maxMs,
  });
}

function check(m: Measure, expect: 'ok' | 'notFound' = 'ok') {
  const bad = expect === 'ok' ? m.errors + m.non2xx : m.errors + (m.requests - m.non2xx);
  if (bad > 0) {
    untrustworthy++;
    console.error(`  !! ${m.label}: ${bad} unexpected answers or errors: the figure is not trustworthy`);
  }
}

function line(m: Measure) {
  return [
    m.label,
    fmt(m.requestsPerSec),
    fmt(m.p50, 1),
    fmt(m.p99, 1),
    fmt(m.serverCpuUs),
    fmt(m.pgCpuUs),
    String(m.errors),
    String(m.non2xx),
  ];
}

function printPairs(title: string, rows: Measure[][]) {
  console.log(`\n${title}`);
  const out = [['', 'req/s', 'p50 ms', 'p99 ms', 'node µs/req', 'pg µs/req', 'errors', 'non-2xx']];
  for (const [b, c] of rows) {
    out.push(line(b!), line(c!));
    out.push([
      '  cqtt / baseline',
      `${fmt(c!.requestsPerSec / Math.max(1e-9, b!.requestsPerSec), 2)}x`,
      '',
      '',
      b!.serverCpuUs ? `${fmt(c!.serverCpuUs! / b!.serverCpuUs, 2)}x` : '',
      b!.pgCpuUs ? `${fmt((c!.pgCpuUs ?? 0) / b!.pgCpuUs, 2)}x` : '',
      '',
      '',
    ]);
  }
  console.log(table(out));
}

async function login(url: string, username: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (!res.ok) throw new Error(`login as ${username}: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  if (!cookie) throw new Error('login answered no session cookie');
  return cookie;
}

async function getJson<T>(url: string, cookie: string): Promise<T> {
  const res = await fetch(url, { headers: { cookie } });
  if (!res.ok) throw new Error(`GET ${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** The console's dates: the satisfaction dashboard opens on the last twelve months. */
function lastTwelveMonths() {
  const now = new Date(Date.now() + 7 * 3_600_000);
  const to = now.toISOString().slice(0, 10);
  const from = new Date(now);
  from.setUTCMonth(from.getUTCMonth() - 12);
  from.setUTCDate(from.getUTCDate() + 1);
  return { from: from.toISOString().slice(0, 10), to, year: Number(to.slice(0, 4)) };
}

const load = (pgPid?: number | null): LoadSettings & { rounds: number } => ({
  connections: settings.connections,
  duration: settings.duration,
  warmupRequests: settings.warmupRequests,
  rounds: settings.rounds,
  pgPid: pgPid ?? null,
});

// ---------------------------------------------------------------------------------------------
// Signed-in requests on PostgreSQL, and ratings

async function signedInSection(pgs: Postgres, cqtt: Server, base: Server) {
  const cookie = await login(cqtt.url, USER);
  const officialCookie = await login(cqtt.url, COUNTER_OFFICIAL);
  const plans = await getJson<{ id: string }[]>(`${cqtt.url}/api/plans`, cookie);
  const planId = plans[0]!.id;
  const { from, to, year } = lastTwelveMonths();
  const s = load(pgs.pid);
  const pair = (label: string, b: Omit<Target, 'pid'>, c: Omit<Target, 'pid'>) =>
    compare(
      { ...b, label: `baseline ${label}`, pid: base.pid },
      { ...c, label: `cqtt ${label}`, pid: cqtt.pid },
      s,
    );

  const me = await pair(
    'GET /api/me',
    { label: '', url: `${base.url}/me`, headers: { cookie } },
    { label: '', url: `${cqtt.url}/api/me`, headers: { cookie } },
  );
  const unknown = await pair(
    'unknown route + cookie',
    { label: '', url: `${base.url}/bare` },
    { label: '', url: `${cqtt.url}/api/nothing-here`, headers: { cookie } },
  );
  const anonymous = await measure(
    { label: 'cqtt unknown route, no cookie', url: `${cqtt.url}/api/nothing-here`, pid: cqtt.pid },
    s,
  );
  const occurrences = await pair(
    'occurrences of the year',
    { label: '', url: `${base.url}/plans/${planId}/occurrences?year=${year}`, headers: { cookie } },
    { label: '', url: `${cqtt.url}/api/plans/${planId}/occurrences?year=${year}`, headers: { cookie } },
  );
  const queue = await pair(
    'feedback queue',
    { label: '', url: `${base.url}/feedback?page=1&pageSize=20`, headers: { cookie } },
    { label: '', url: `${cqtt.url}/api/feedback?status=open&page=1&pageSize=20`, headers: { cookie } },
  );
  const dashboard = await pair(
    'counter dashboard',
    {
      label: '',
      url: `${base.url}/satisfaction/dashboard?from=${from}&to=${to}`,
      headers: { cookie: officialCookie },
    },
    {
      label: '',
      url: `${cqtt.url}/api/satisfaction/dashboard?from=${from}&to=${to}&granularity=month`,
      headers: { cookie: officialCookie },
    },
  );
  for (const p of [me, occurrences, queue, dashboard]) {
    check(p.baseline);
    check(p.cqtt);
  }
  check(unknown.baseline);
  check(unknown.cqtt, 'notFound');
  check(anonymous, 'notFound');
  printPairs(
    `Signed-in requests on PostgreSQL (${settings.connections} connections, ${settings.rounds} x ${settings.duration} s each, in turns)`,
    [
      [me.baseline, me.cqtt],
      [unknown.baseline, unknown.cqtt],
      [unknown.baseline, anonymous],
      [occurrences.baseline, occurrences.cqtt],
      [queue.baseline, queue.cqtt],
      [dashboard.baseline, dashboard.cqtt],
    ],
  );
  ratioFigure('PostgreSQL: GET /api/me vs (a)', me.cqtt.requestsPerSec, me.baseline.requestsPerSec, 0.5);
  ratioFigure(
    'unknown route with a session cookie vs bare',
    unknown.cqtt.requestsPerSec,
    unknown.baseline.requestsPerSec,
    0.5,
  );
  ratioFigure(
    'occurrences of the year vs plain',
    occurrences.cqtt.requestsPerSec,
    occurrences.baseline.requestsPerSec,
    0.3,
  );
  ratioFigure('feedback queue vs plain', queue.cqtt.requestsPerSec, queue.baseline.requestsPerSec, 0.3);
  ratioFigure(
    'counter dashboard vs plain',
    dashboard.cqtt.requestsPerSec,
    dashboard.baseline.requestsPerSec,
    0.3,
  );
  const worst = [me.cqtt, unknown.cqtt, occurrences.cqtt, queue.cqtt, dashboard.cqtt].sort(
    (a, b) => b.p99 - a.p99,
  )[0]!;
  p99Figure(`p99 at 10 connections, PostgreSQL (worst: ${worst.label.replace('cqtt ', '')})`, worst, 25);
}

async function countStored(url: string, prefix: string): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = await c.query(`select count(*)::int n from ratings where dossier_code like $1`, [
      `${prefix}-%`,
    ]);
    return rows[0].n as number;
  } finally {
    await c.end();
  }
}

async function ratingsSection(pgs: Postgres, databaseUrl: string, cqtt: Server, base: Server) {
  const setupRequest = join(root, 'bench', 'rating-request.cjs');
  // more dossiers than any run on this kind of machine can rate (rating-request.cjs numbers them)
  const perRun = Math.ceil(settings.duration * 10_000);
  let run = 0;
  const rated = async (t: Target, connections: number, beforeMeasure?: () => Promise<void>) => {
    // the warm-up's ratings are not the measured run's: another prefix, its own dossiers
    const warm = `WARM${Date.now().toString(36)}${run}`.toUpperCase();
    process.env.BENCH_RATING_PREFIX = warm;
    await seedDossiers(databaseUrl, warm, settings.warmupRequests + 1000);
    await warmUp(t, { ...load(pgs.pid), connections });
    const prefix = `B${Date.now().toString(36)}${run++}`.toUpperCase();
    await seedDossiers(databaseUrl, prefix, perRun);
    await beforeMeasure?.();
    process.env.BENCH_RATING_PREFIX = prefix;
    const m = await measure(t, { ...load(pgs.pid), connections });
    // requests in flight when autocannon stops may be stored without being counted as answered
    const stored = await countStored(databaseUrl, prefix);
    return { m, stored };
  };
  console.log(`\nRatings on PostgreSQL (${settings.rounds} x ${settings.duration} s each, in turns)`);
  const rows: string[][] = [
    [
      '',
      'conn',
      'req/s',
      'p50 ms',
      'p99 ms',
      'node µs/req',
      'pg µs/rating',
      'acknowledged',
      'stored',
      'errors',
    ],
  ];
  let where: Awaited<ReturnType<typeof topStatements>> = [];
  for (const connections of [10, 50]) {
    const b: { m: Measure; stored: number }[] = [];
    const c: { m: Measure; stored: number }[] = [];
    for (let i = 0; i < settings.rounds; i++) {
      b.push(
        await rated(
          {
            label: 'baseline (b) POST /ratings',
            url: `${base.url}/ratings`,
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: '{}',
            setupRequest,
            pid: base.pid,
          },
          connections,
        ),
      );
      // pg_stat_statements counts the cqtt run only (not the seeding before it)
      const first = connections === 10 && i === 0 && pgs.hasStatements;
      c.push(
        await rated(
          {
            label: 'cqtt POST /api/public/ratings',
            url: `${cqtt.url}/api/public/ratings`,
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: '{}',
            setupRequest,
            pid: cqtt.pid,
          },
          connections,
          first ? () => resetStatements(databaseUrl) : undefined,
        ),
      );
      if (connections === 10 && i === 0 && pgs.hasStatements) where = await topStatements(databaseUrl, 4);
    }
    const sides = [
      { runs: b, m: fold(b.map((x) => x.m)) },
      { runs: c, m: fold(c.map((x) => x.m)) },
    ];
    for (const side of sides) {
      const stored = side.runs.reduce((s, x) => s + x.stored, 0);
      const acknowledged = side.runs.reduce((s, x) => s + x.m.ok, 0);
      const pgPerRating =
        side.m.pgCpuUs === null ? null : (side.m.pgCpuUs * side.m.requests) / Math.max(1, stored);
      rows.push([
        side.m.label,
        String(connections),
        fmt(side.m.requestsPerSec),
        fmt(side.m.p50, 1),
        fmt(side.m.p99, 1),
        fmt(side.m.serverCpuUs),
        fmt(pgPerRating),
        String(acknowledged),
        String(stored),
        String(side.m.errors + side.m.non2xx),
      ]);
      check(side.m);
      if (side === sides[1]) {
        figure({
          name: `ratings at ${connections} connections: every acknowledged one stored`,
          value: `${stored} stored`,
          baseline: '',
          ratio: '',
          target: `≥ ${acknowledged} acknowledged`,
          holds: stored >= acknowledged,
        });
        if (connections === 10)
          figure({
            name: 'PostgreSQL CPU per stored rating (cqtt vs (b))',
            value: `${fmt(pgPerRating)} µs`,
            baseline: `${fmt(
              sides[0]!.m.pgCpuUs === null
                ? null
                : (sides[0]!.m.pgCpuUs * sides[0]!.m.requests) /
                    Math.max(
                      1,
                      sides[0]!.runs.reduce((s, x) => s + x.stored, 0),
                    ),
            )} µs`,
            ratio: '',
            target: 'reported',
            holds: pgPerRating === null ? null : true,
          });
      }
    }
    ratioFigure(
      `ratings at ${connections} connections vs (b)`,
      sides[1]!.m.requestsPerSec,
      sides[0]!.m.requestsPerSec,
      2,
    );
    p99Figure(`ratings p99 at ${connections} connections`, sides[1]!.m, 25);
  }
  console.log(table(rows));
  if (where.length) {
    console.log(
      '  where PostgreSQL spends its time on cqtt ratings (pg_stat_statements, first 10-connection run):',
    );
    const total = where.reduce((s, w) => s + w.totalMs, 0);
    for (const w of where)
      console.log(
        `    ${fmt((w.totalMs / Math.max(1e-9, total)) * 100).padStart(3)}%  ${fmt(w.calls).padStart(7)} calls  ${fmt((w.totalMs * 1000) / Math.max(1, w.calls))} µs each  ${w.query.replace(/\s+/g, ' ').slice(0, 90)}`,
      );
  }
}

// ---------------------------------------------------------------------------------------------
// The embedded default: start, reopen, /api/me on PGlite, bytes, memory

async function embeddedSection() {
  const dataDir = join(work, 'pglite');
  const fresh = await startCqtt({ name: 'cqtt-pglite-fresh', dataDir, npmStart: true, logDir });
  running.push(fresh);
  const rssAfterStart = rssMb(fresh.pid);
  const cookie = await login(fresh.url, USER);
  await fresh.stop();
  running.splice(running.indexOf(fresh), 1);
  // the baseline opens a copy: PGlite is one process's database
  const copy = join(work, 'pglite-baseline');
  cpSync(dataDir, copy, { recursive: true });
  const cqtt = await startCqtt({ name: 'cqtt-pglite', dataDir, npmStart: true, logDir });
  running.push(cqtt);
  const steps = (s: Server) =>
    s.startup
      ? `${fmt((s.startMs - s.startup.totalMs) / 1000, 1)} s npm and scripts/start.mjs, then ${Object.entries(
          s.startup.steps,
        )
          .map(([k, v]) => `${k.replace(/Ms$/, '')} ${fmt(v / 1000, 1)}`)
          .join(', ')} s`
      : 'no "ready" line in its log';
  console.log(`\n\`npm start\` on a fresh folder: ${fmt(fresh.startMs / 1000, 1)} s (${steps(fresh)})`);
  console.log(`\`npm start\` again: ${fmt(cqtt.startMs / 1000, 1)} s (${steps(cqtt)})`);
  figure({
    name: '`npm start`, fresh folder: /api/health answers (demo data in)',
    value: `${fmt(fresh.startMs / 1000, 1)} s`,
    baseline: '',
    ratio: '',
    target: '< 15 s',
    holds: fresh.startMs < 15_000,
  });
  figure({
    name: '`npm start` again on that folder',
    value: `${fmt(cqtt.startMs / 1000, 1)} s`,
    baseline: '',
    ratio: '',
    target: '< 3 s',
    holds: cqtt.startMs < 3_000,
  });
  figure({
    name: 'resident memory after start',
    value: `${fmt(rssAfterStart)} MB`,
    baseline: '',
    ratio: '',
    target: '< 500 MB',
    holds: rssAfterStart !== null && rssAfterStart < 500,
  });
  const base = await startBaseline('baseline-pglite', { pgliteDir: copy });
  running.push(base);
  const s = load(null);
  const me = await compare(
    { label: 'baseline GET /me (PGlite)', url: `${base.url}/me`, headers: { cookie }, pid: base.pid },
    { label: 'cqtt GET /api/me (PGlite)', url: `${cqtt.url}/api/me`, headers: { cookie }, pid: cqtt.pid },
    s,
  );
  const unknown = await compare(
    { label: 'baseline bare (PGlite server)', url: `${base.url}/bare`, pid: base.pid },
    {
      label: 'cqtt unknown route + cookie (PGlite)',
      url: `${cqtt.url}/api/nothing-here`,
      headers: { cookie },
      pid: cqtt.pid,
    },
    s,
  );
  check(me.baseline);
  check(me.cqtt);
  check(unknown.baseline);
  check(unknown.cqtt, 'notFound');
  printPairs('The embedded database (PGlite), same run', [
    [me.baseline, me.cqtt],
    [unknown.baseline, unknown.cqtt],
  ]);
  ratioFigure('PGlite: GET /api/me vs (a)', me.cqtt.requestsPerSec, me.baseline.requestsPerSec, 0.5);
  await base.stop();
  running.splice(running.indexOf(base), 1);

  if (settings.sections.has('bytes')) await bytesSection(cqtt);
  if (settings.sections.has('soak') && settings.soakMinutes > 0) await soakSection(cqtt, cookie);
}

async function bytesSection(cqtt: Server) {
  const cookie = await login(cqtt.url, USER);
  const counters = await getJson<{ id: string }[]>(`${cqtt.url}/api/counters`, cookie).catch(() => []);
  const tracking = await getJson<{ items: { trackingCode: string | null }[] }>(
    `${cqtt.url}/api/feedback?page=1&pageSize=5`,
    cookie,
  ).catch(() => ({ items: [] }));
  const code = tracking.items.find((i) => i.trackingCode)?.trackingCode;
  const quay = counters[0] ? `?quay=${counters[0].id}` : '';
  const citizenPages = [
    '/p/HP-BINHGIANG',
    `/p/HP-BINHGIANG/danh-gia${quay}`,
    `/p/HP-BINHGIANG/kiosk${quay}`,
    '/p/HP-BINHGIANG/khao-sat',
    '/p/HP-BINHGIANG/phan-anh',
    ...(code ? [`/p/HP-BINHGIANG/phan-anh/theo-doi/${code}`] : []),
  ];
  const b = await measureBytes({ baseURL: cqtt.url, username: USER, password: PASSWORD, citizenPages });
  console.log('\nBytes an empty-cache Chromium receives (headers and bodies as transferred)');
  const rows = [['page', 'KB', 'responses', 'largest']];
  for (const p of [b.login, b.firstConsolePage, ...b.citizens])
    rows.push([
      p.page,
      fmt(p.bytes / 1024, 1),
      String(p.requests),
      p.largest.map((l) => `${l.url.replace(/^\/assets\//, '')} ${fmt(l.bytes / 1024, 1)}`).join(', '),
    ]);
  console.log(table(rows, 1));
  const consoleKb = (b.login.bytes + b.firstConsolePage.bytes) / 1024;
  figure({
    name: 'login page + first console page, empty cache',
    value: `${fmt(consoleKb, 1)} KB`,
    baseline: '',
    ratio: '',
    target: '≤ 300 KB',
    holds: consoleKb <= 300,
  });
  const heaviest = b.citizens.sort((x, y) => y.bytes - x.bytes)[0]!;
  figure({
    name: `heaviest citizens' page (${heaviest.page.replace(/\?.*/, '')}), empty cache`,
    value: `${fmt(heaviest.bytes / 1024, 1)} KB`,
    baseline: '',
    ratio: '',
    target: '≤ 60 KB each',
    holds: heaviest.bytes <= 60 * 1024,
  });
}

async function soakSection(cqtt: Server, cookie: string) {
  const minutes = settings.soakMinutes;
  console.log(`\nSoak: ${minutes} minutes of mixed console traffic on PGlite (10 connections)`);
  const r = await soak({ server: cqtt, cookie, minutes });
  console.log(
    `  ${fmt(r.requests)} requests (${fmt(r.requests / (minutes * 60))}/s), errors ${r.errors}, non-2xx ${r.non2xx}; ` +
      `RSS MB by minute: ${r.byMinute.map((m) => fmt(m)).join(' ')}`,
  );
  figure({
    name: `resident memory after a ${minutes}-minute soak (peak)`,
    value: `${fmt(r.peak)} MB`,
    baseline: '',
    ratio: '',
    target: '< 500 MB',
    holds: r.peak < 500,
  });
  figure({
    name: `memory growth, minute ${r.midMinute} to minute ${minutes} (peaks)`,
    value: `${r.growthMb >= 0 ? '+' : ''}${fmt(r.growthMb, 1)} MB`,
    baseline: '',
    ratio: '',
    target: `≤ ${fmt(r.toleranceMb)} MB (noise)`,
    holds: r.growthMb <= r.toleranceMb,
  });
  if (r.errors > 0 || r.non2xx > 0) untrustworthy++;
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const started = Date.now();
  rmSync(logDir, { recursive: true, force: true });
  console.log(
    `bench: node ${process.version}, ${cpus().length} x ${cpus()[0]?.model ?? '?'}, load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(
        ' ',
      )}; ${settings.connections} connections, ${settings.rounds} x ${settings.duration} s per target, ` +
      `${settings.warmupRequests} warm-up requests; soak ${settings.soakMinutes} min`,
  );
  if (!flag('skip-build') && (settings.sections.has('pglite') || settings.sections.has('bytes'))) {
    console.log('building the console (npm run build)…');
    const b = spawnSync('npm', ['run', 'build', '--silent'], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    if (b.status !== 0) throw new Error('npm run build failed');
  }
  if (settings.sections.has('postgres') || settings.sections.has('ratings')) {
    const pgs = await startPostgres();
    console.log(`PostgreSQL: ${pgs.origin}`);
    try {
      const databaseUrl = await pgs.createDatabase('cqtt_bench');
      const cqtt = await startCqtt({
        name: 'cqtt-postgres',
        databaseUrl,
        dataDir: join(work, 'postgres-files'),
        logDir,
      });
      running.push(cqtt);
      const base = await startBaseline('baseline-postgres', { databaseUrl });
      running.push(base);
      console.log(
        `cqtt on PostgreSQL answered /api/health after ${fmt(cqtt.startMs / 1000, 1)} s (demo data seeded)`,
      );
      if (settings.sections.has('postgres')) await signedInSection(pgs, cqtt, base);
      if (settings.sections.has('ratings')) await ratingsSection(pgs, databaseUrl, cqtt, base);
      await Promise.all([cqtt.stop(), base.stop()]);
      running.length = 0;
    } finally {
      await Promise.all(running.map((s) => s.stop()));
      running.length = 0;
      await pgs.stop();
    }
  }
  if (settings.sections.has('pglite')) await embeddedSection();

  console.log(
    `\nFigures of issue #16 (${((Date.now() - started) / 60_000).toFixed(1)} min, load average now ${loadavg()[0]!.toFixed(1)})`,
  );
  printFigures();
  const failed = figures.filter((f) => f.holds === false);
  const result = {
    date: new Date().toISOString(),
    node: process.version,
    cpus: cpus().length,
    settings: { ...settings, sections: [...settings.sections] },
    figures,
  };
  const dir = join(root, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'latest.json'), `${JSON.stringify(result, null, 2)}\n`);
  writeFileSync(
    join(dir, `bench-${result.date.replace(/[:.]/g, '-')}.json`),
    `${JSON.stringify(result, null, 2)}\n`,
  );
  if (untrustworthy > 0) console.error(`\n${untrustworthy} measure(s) had failed requests: not trustworthy.`);
  if (failed.length > 0)
    console.error(`${failed.length} target(s) fail: ${failed.map((f) => f.name).join('; ')}`);
  if (failed.length > 0 || untrustworthy > 0) process.exitCode = 1;
}

try {
  await main();
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await Promise.all(running.map((s) => s.stop()));
  rmSync(work, { recursive: true, force: true });
}
