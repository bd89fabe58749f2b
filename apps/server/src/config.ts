import { join, resolve } from 'node:path';

export interface Config {
  port: number;
  host: string;
  production: boolean;
  /** postgres://… when set; otherwise the embedded PGlite database in dataDir. */
  databaseUrl?: string;
  /** postgres://… of a standby for reads that may lag a little (DATABASE_REPLICA_URL). */
  databaseReplicaUrl?: string;
  dataDir: string;
  /** Uploaded files, under generated names (FILES_DIR; default <dataDir>/files). */
  filesDir: string;
  /** Create the demo data (xã Bình Giang and two more communes) on an empty database. */
  seedDemo: boolean;
  /** Let a production server run while demo accounts exist. */
  allowDemo: boolean;
  demoPassword: string;
  /** Folder of the built console (apps/web/dist). */
  webDist: string;
  /** Send cookies with Secure (true behind HTTPS). */
  secureCookies: boolean;
  /** Trust X-Forwarded-For from this many proxies (or a list of addresses). */
  trustProxy: boolean | number | string;
  sessionHours: number;
  logLevel: string;
  /**
   * Address of the console as users reach it (PUBLIC_URL); links in mail start with it. Unset:
   * http://localhost:<port>, and links shown in answers to requests (QR codes) take the address
   * of the request instead.
   */
  publicUrl: string;
  /** PUBLIC_URL was set: every link uses publicUrl, whatever address a request came to. */
  publicUrlConfigured: boolean;
  /** smtp://user:pass@host:port (or smtps://); unset: mail waits in the outbox. */
  smtpUrl?: string;
  /** Sender of the mail. */
  mailFrom: string;
  /** Run the scheduled jobs (reminders, mail delivery) in this process; CQTT_JOBS=0 turns them off. */
  jobs: boolean;
  /** Seconds between two runs of each job. */
  jobsIntervalSeconds: number;
  /** Tests only: the jobs' calendar starts on this day (CQTT_TODAY=2026-02-07); ignored in production. */
  jobsToday?: string;
  /**
   * Read-only mode (CQTT_READ_ONLY=1), for maintenance: pages, figures and dashboards keep
   * working, signing in and out too; every other write answers 503 with a notice, and the
   * scheduled jobs do not run.
   */
  readOnly: boolean;
  /**
   * Prometheus metrics on their own listener (METRICS_PORT, on METRICS_HOST, loopback by
   * default); unset: no such listener.
   */
  metricsPort?: number;
  metricsHost: string;
  /** `GET /metrics` on the application's port answers only with this bearer token (METRICS_TOKEN). */
  metricsToken?: string;
  /**
   * Seconds a node keeps serving after SIGTERM while its health check fails, so that the load
   * balancer stops sending to it before it stops accepting (CQTT_DRAIN_SECONDS; 0 alone).
   */
  drainSeconds: number;
  /** Public feedback posts allowed per client address and window (CQTT_FEEDBACK_RATE_LIMIT=10/600). */
  feedbackRateLimit: { limit: number; windowSeconds: number };
}

/** "10/600": 10 hits per 600 seconds; anything else gives the default. */
export function parseRateLimit(
  value: string | undefined,
  fallback: { limit: number; windowSeconds: number },
) {
  const m = /^(\d{1,6})\/(\d{1,7})$/.exec(value?.trim() ?? '');
  if (!m || Number(m[1]) < 1 || Number(m[2]) < 1) return fallback;
  return { limit: Number(m[1]), windowSeconds: Number(m[2]) };
}

export const DEFAULT_DEMO_PASSWORD = 'BinhGiang@2026';

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const production = env.NODE_ENV === 'production';
  const allowDemo = env.CQTT_ALLOW_DEMO === '1' || env.CQTT_ALLOW_DEMO === 'true';
  const trustProxy = env.TRUST_PROXY;
  const dataDir = resolve(env.DATA_DIR ?? './data');
  const port = Number(env.PORT ?? 3000);
  const publicUrl = (env.PUBLIC_URL || `http://localhost:${port}`).replace(/\/+$/, '');
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    production,
    databaseUrl: env.DATABASE_URL || undefined,
    databaseReplicaUrl: (env.DATABASE_URL && env.DATABASE_REPLICA_URL) || undefined,
    dataDir,
    filesDir: env.FILES_DIR ? resolve(env.FILES_DIR) : join(dataDir, 'files'),
    seedDemo: env.CQTT_SEED_DEMO ? env.CQTT_SEED_DEMO === '1' : !production || allowDemo,
    allowDemo,
    demoPassword: env.CQTT_DEMO_PASSWORD || DEFAULT_DEMO_PASSWORD,
    webDist: resolve(env.CQTT_WEB_DIST ?? new URL('../../web/dist', import.meta.url).pathname),
    secureCookies: env.CQTT_SECURE_COOKIES === '1' || (env.PUBLIC_URL ?? '').startsWith('https://'),
    trustProxy:
      trustProxy === undefined || trustProxy === ''
        ? false
        : /^\d+$/.test(trustProxy)
          ? Number(trustProxy)
          : trustProxy === 'true'
            ? true
            : trustProxy,
    sessionHours: Number(env.CQTT_SESSION_HOURS ?? 12),
    logLevel: env.LOG_LEVEL ?? (env.NODE_ENV === 'test' ? 'silent' : 'info'),
    publicUrl,
    publicUrlConfigured: Boolean(env.PUBLIC_URL),
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom:
      env.MAIL_FROM || `Chính quyền thân thiện <no-reply@${URL.parse(publicUrl)?.hostname || 'localhost'}>`,
    jobs: env.CQTT_JOBS !== '0' && env.CQTT_JOBS !== 'false',
    readOnly: env.CQTT_READ_ONLY === '1' || env.CQTT_READ_ONLY === 'true',
    jobsIntervalSeconds: Math.max(1, Number(env.CQTT_JOBS_INTERVAL_SECONDS) || 60),
    metricsPort: /^\d{1,5}$/.test(env.METRICS_PORT ?? '') ? Number(env.METRICS_PORT) : undefined,
    metricsHost: env.METRICS_HOST || '127.0.0.1',
    // a token too short to resist guessing is no token
    metricsToken: (env.METRICS_TOKEN ?? '').length >= 16 ? env.METRICS_TOKEN : undefined,
    drainSeconds: Math.min(60, Math.max(0, Number(env.CQTT_DRAIN_SECONDS) || 0)),
    feedbackRateLimit: parseRateLimit(env.CQTT_FEEDBACK_RATE_LIMIT, { limit: 10, windowSeconds: 600 }),
    jobsToday: !production && /^\d{4}-\d{2}-\d{2}$/.test(env.CQTT_TODAY ?? '') ? env.CQTT_TODAY : undefined,
  };
}
