/**
 * Load with autocannon (in a worker thread of the bench process), with the CPU the server
 * process and PostgreSQL spent during the measured seconds.
 */
import autocannon from 'autocannon';
import { treeCpuMs } from './proc.ts';

export interface Target {
  label: string;
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** Path of a CommonJS module exporting an autocannon setupRequest (runs in the worker). */
  setupRequest?: string;
  /** The server process, for its CPU. */
  pid: number;
}

export interface Measure {
  label: string;
  requestsPerSec: number;
  requests: number;
  ok: number;
  p50: number;
  p99: number;
  mean: number;
  errors: number;
  non2xx: number;
  seconds: number;
  /** CPU of the server process per answered request, µs. */
  serverCpuUs: number | null;
  /** CPU of PostgreSQL (server and backends) per answered request, µs. */
  pgCpuUs: number | null;
}

export interface LoadSettings {
  connections: number;
  duration: number;
  /** Requests sent before the first measure of a target (JIT warm-up), not counted. */
  warmupRequests: number;
  /** The PostgreSQL postmaster, when its CPU can be measured. */
  pgPid?: number | null;
}

async function cannon(t: Target, connections: number, opts: { duration?: number; amount?: number }) {
  const request: autocannon.Request = {
    method: t.method ?? 'GET',
    ...(t.headers ? { headers: t.headers } : {}),
    ...(t.body !== undefined ? { body: t.body } : {}),
    ...(t.setupRequest ? { setupRequest: t.setupRequest as never } : {}),
  };
  return autocannon({
    url: t.url,
    connections,
    workers: 1,
    ...(opts.amount ? { amount: opts.amount } : { duration: opts.duration ?? 5 }),
    requests: [request],
  });
}

const warmed = new Set<string>();

/** Requests sent once per target and connection count before it is measured, so that V8 has compiled its code. */
export async function warmUp(t: Target, s: LoadSettings): Promise<void> {
  const key = `${t.label}/${t.url}/${s.connections}`;
  if (warmed.has(key) || s.warmupRequests <= 0) return;
  await cannon(t, s.connections, { amount: s.warmupRequests });
  warmed.add(key);
}

/** One measured run of a target (warmed up first if it was not). */
export async function measure(t: Target, s: LoadSettings): Promise<Measure> {
  await warmUp(t, s);
  const cpu0 = treeCpuMs(t.pid);
  const pg0 = s.pgPid ? treeCpuMs(s.pgPid) : null;
  const started = performance.now();
  const r = await cannon(t, s.connections, { duration: s.duration });
  const seconds = (performance.now() - started) / 1000;
  const cpu = treeCpuMs(t.pid) - cpu0;
  const pg = s.pgPid && pg0 !== null ? treeCpuMs(s.pgPid) - pg0 : null;
  const answered = Math.max(1, r.requests.total);
  return {
    label: t.label,
    requestsPerSec: r.requests.average,
    requests: r.requests.total,
    ok: r['2xx'],
    p50: r.latency.p50,
    p99: r.latency.p99,
    mean: r.latency.average,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
    seconds,
    serverCpuUs: (cpu * 1000) / answered,
    pgCpuUs: pg === null ? null : (pg * 1000) / answered,
  };
}

/** Several measured runs of one target folded into one: rates averaged, the worst p99 kept. */
export function fold(runs: Measure[]): Measure {
  const n = runs.length;
  const sum = (f: (m: Measure) => number) => runs.reduce((s, m) => s + f(m), 0);
  const requests = sum((m) => m.requests);
  const perRequest = (f: (m: Measure) => number | null) =>
    runs.every((m) => f(m) !== null) ? sum((m) => (f(m) ?? 0) * m.requests) / Math.max(1, requests) : null;
  return {
    label: runs[0]!.label,
    requestsPerSec: sum((m) => m.requestsPerSec) / n,
    requests,
    ok: sum((m) => m.ok),
    p50: runs.map((m) => m.p50).sort((a, b) => a - b)[Math.floor(n / 2)]!,
    p99: Math.max(...runs.map((m) => m.p99)),
    mean: sum((m) => m.mean * m.requests) / Math.max(1, requests),
    errors: sum((m) => m.errors),
    non2xx: sum((m) => m.non2xx),
    seconds: sum((m) => m.seconds),
    serverCpuUs: perRequest((m) => m.serverCpuUs),
    pgCpuUs: perRequest((m) => m.pgCpuUs),
  };
}

/**
 * The baseline and cqtt measured in turns (baseline, cqtt, baseline, cqtt…), so that a change
 * in the machine's other load falls on both; `rounds` measured runs each.
 */
export async function compare(
  baseline: Target,
  cqtt: Target,
  s: LoadSettings & { rounds: number },
): Promise<{ baseline: Measure; cqtt: Measure }> {
  const b: Measure[] = [];
  const c: Measure[] = [];
  for (let i = 0; i < s.rounds; i++) {
    b.push(await measure(baseline, s));
    c.push(await measure(cqtt, s));
  }
  return { baseline: fold(b), cqtt: fold(c) };
}
