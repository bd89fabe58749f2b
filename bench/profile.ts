/**
 * `npm run bench:profile -w bench`: where a request's time goes inside cqtt. Starts cqtt on its
 * own PostgreSQL (as `npm run bench` does) with V8's CPU profiler armed (bench/profile-hook.mjs),
 * and for each request below sends load with autocannon after a warm-up, profiling exactly the
 * measured seconds; then prints self and total time by function and by package
 * (bench/profile-summary.ts) and keeps the .cpuprofile files in bench/results/profiles/ (open them
 * in Chrome DevTools or speedscope for a flame graph).
 *
 * Env: BENCH_PROFILE_SECONDS (10), BENCH_WARMUP_REQUESTS (3000), BENCH_PROFILE_ONLY (a
 * comma-separated subset of me,unknown,feedback,rating).
 */
import { mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { seedDossiers, startPostgres } from './lib/postgres.ts';
import { root, startCqtt } from './lib/servers.ts';
import { printSummary, summarise } from './profile-summary.ts';

const seconds = Number(process.env.BENCH_PROFILE_SECONDS ?? 10);
const warmup = Number(process.env.BENCH_WARMUP_REQUESTS ?? 3000);
const only = new Set((process.env.BENCH_PROFILE_ONLY ?? 'me,unknown,feedback,rating').split(','));
const out = join(root, 'bench', 'results', 'profiles');

async function login(url: string, username: string) {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: process.env.CQTT_DEMO_PASSWORD || 'BinhGiang@2026' }),
  });
  if (!res.ok) throw new Error(`login: ${res.status}`);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

/** Waits until the log holds `text` `times` times (the hook writes it on stderr). */
function waitFor(file: string, text: string, times = 1) {
  return new Promise<void>((resolve, reject) => {
    const started = Date.now();
    const poll = () => {
      if (readFileSync(file, 'utf8').split(text).length - 1 >= times) return resolve();
      if (Date.now() - started > 120_000) return reject(new Error(`no "${text}" in ${file}`));
      setTimeout(poll, 100);
    };
    poll();
  });
}

async function main() {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const pgs = await startPostgres();
  const logDir = join(root, 'bench', 'results', 'logs');
  const log = join(logDir, 'cqtt-profiled.log');
  try {
    const databaseUrl = await pgs.createDatabase('cqtt_profile');
    const cqtt = await startCqtt({
      name: 'cqtt-profiled',
      databaseUrl,
      dataDir: join(out, 'files'),
      logDir,
      nodeFlags: ['--import', './bench/profile-hook.mjs'],
      env: { CQTT_PROFILE_DIR: out },
    });
    try {
      const cookie = await login(cqtt.url, 'vhxh.binhgiang');
      const scenarios: { key: string; title: string; request: autocannon.Request }[] = [
        {
          key: 'me',
          title: 'GET /api/me (signed in)',
          request: { method: 'GET', path: '/api/me', headers: { cookie } },
        },
        {
          key: 'unknown',
          title: 'GET /api/nothing-here with a session cookie (404)',
          request: { method: 'GET', path: '/api/nothing-here', headers: { cookie } },
        },
        {
          key: 'feedback',
          title: 'GET /api/feedback?status=open (the feedback queue)',
          request: {
            method: 'GET',
            path: '/api/feedback?status=open&page=1&pageSize=20',
            headers: { cookie },
          },
        },
        {
          key: 'rating',
          title: 'POST /api/public/ratings (a new rating each)',
          request: {
            method: 'POST',
            path: '/api/public/ratings',
            headers: { 'content-type': 'application/json' },
            body: '{}',
            setupRequest: join(root, 'bench', 'rating-request.cjs') as never,
          },
        },
      ];
      let n = 0;
      for (const s of scenarios) {
        if (!only.has(s.key)) continue;
        // the dossiers the ratings name (a code counts only when the commune holds it); the
        // warm-up and the profiled run each their own, as every autocannon worker counts from 1
        const ratingPrefix = async (kind: string, n: number) => {
          const prefix = `PROF${kind}${Date.now().toString(36)}`.toUpperCase();
          if (s.key === 'rating') await seedDossiers(databaseUrl, prefix, n);
          process.env.BENCH_RATING_PREFIX = prefix;
        };
        await ratingPrefix('W', warmup + 1000);
        await autocannon({
          url: cqtt.url,
          connections: 10,
          workers: 1,
          amount: warmup,
          requests: [s.request],
        });
        await ratingPrefix('M', seconds * 10_000);
        process.kill(cqtt.pid, 'SIGUSR2');
        await waitFor(log, 'profile started', n + 1);
        const r = await autocannon({
          url: cqtt.url,
          connections: 10,
          workers: 1,
          duration: seconds,
          requests: [s.request],
        });
        process.kill(cqtt.pid, 'SIGUSR2');
        n++;
        await waitFor(log, `profile written ${join(out, `${n}.cpuprofile`)}`);
        const file = join(out, `${s.key}.cpuprofile`);
        renameSync(join(out, `${n}.cpuprofile`), file);
        printSummary(
          summarise(JSON.parse(readFileSync(file, 'utf8'))),
          `${s.title}, ${Math.round(r.requests.average)} req/s`,
          r.requests.total,
        );
      }
    } finally {
      await cqtt.stop();
    }
  } finally {
    await pgs.stop();
  }
  console.log(`\nprofiles: ${out}`);
}

await main();
