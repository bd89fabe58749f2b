/**
 * A soak of mixed console traffic: ten connections cycling through what a commune's staff do
 * all day (their session, this year's tasks, the feedback queue, the satisfaction dashboard,
 * plans, notifications, communes and units, the console's page and its largest script) with a
 * citizen's rating in between, for N minutes; the server's resident memory is read every
 * 5 seconds. Growth is judged on the peak of a minute (the garbage collector's saw-tooth makes
 * single readings noisy): the peak of the last minute against the peak of the middle minute.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { rssMb } from './proc.ts';
import { root, type Server } from './servers.ts';

export interface SoakResult {
  requests: number;
  errors: number;
  non2xx: number;
  /** Peak RSS of each minute, MB. */
  byMinute: number[];
  peak: number;
  midMinute: number;
  growthMb: number;
  toleranceMb: number;
}

export async function soak(o: { server: Server; cookie: string; minutes: number }): Promise<SoakResult> {
  const url = o.server.url;
  const headers = { cookie: o.cookie };
  const plans = (await (await fetch(`${url}/api/plans`, { headers })).json()) as { id: string }[];
  const year = new Date().getFullYear();
  const script = readdirSync(join(root, 'apps/web/dist/assets')).find((f) => /^index-.*\.js$/.test(f));
  const to = new Date().toISOString().slice(0, 10);
  const get = (path: string, extra: Record<string, string> = {}): autocannon.Request => ({
    method: 'GET',
    path,
    headers: { ...headers, ...extra },
  });
  const requests: autocannon.Request[] = [
    get('/api/me'),
    get(`/api/plans/${plans[0]!.id}/occurrences?year=${year}`),
    get('/api/notifications'),
    get('/api/feedback?status=open&page=1&pageSize=20'),
    get(`/api/satisfaction/dashboard?from=${year}-01-01&to=${to}&granularity=month`),
    get('/api/plans'),
    get('/api/units'),
    get('/', { 'accept-encoding': 'br, gzip' }),
    ...(script ? [get(`/assets/${script}`, { 'accept-encoding': 'br, gzip' })] : []),
    {
      method: 'POST',
      path: '/api/public/ratings',
      headers: { 'content-type': 'application/json' },
      body: '{}',
      setupRequest: join(root, 'bench', 'rating-request.cjs') as never,
    },
  ];
  process.env.BENCH_RATING_PREFIX = `SOAK${Date.now().toString(36)}`;
  const samples: { at: number; rss: number }[] = [];
  const started = Date.now();
  const timer = setInterval(() => {
    const rss = rssMb(o.server.pid);
    if (rss !== null) samples.push({ at: (Date.now() - started) / 60_000, rss });
  }, 5_000);
  try {
    const r = await autocannon({
      url,
      connections: 10,
      workers: 1,
      duration: Math.round(o.minutes * 60),
      requests,
    });
    const byMinute: number[] = [];
    for (let m = 0; m < Math.ceil(o.minutes); m++) {
      const inMinute = samples.filter((s) => s.at >= m && s.at < m + 1).map((s) => s.rss);
      byMinute.push(inMinute.length ? Math.max(...inMinute) : Number.NaN);
    }
    const midMinute = Math.max(1, Math.ceil(o.minutes / 2));
    const mid = byMinute[midMinute - 1] ?? Number.NaN;
    const last = byMinute[byMinute.length - 1] ?? Number.NaN;
    const peak = Math.max(...samples.map((s) => s.rss));
    return {
      requests: r.requests.total,
      errors: r.errors + r.timeouts,
      non2xx: r.non2xx,
      byMinute,
      peak,
      midMinute,
      growthMb: last - mid,
      // the garbage collector's own swings: 5% of the middle minute's peak
      toleranceMb: Math.max(10, mid * 0.05),
    };
  } finally {
    clearInterval(timer);
  }
}
