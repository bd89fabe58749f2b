import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema.ts';

/** Where jobs write their lines (pino's logger fits). */
export interface JobLog {
  /** Every finished run, with its outcome (LOG_LEVEL=debug): tests wait on it, operators may too. */
  debug?(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface JobContext {
  /** The database to work on: in an exclusive job, the session that holds the job's lock. */
  db: Kysely<DB>;
  /** The scheduler's clock at the start of the run. */
  now: Date;
  log: JobLog;
}

export interface Job {
  name: string;
  intervalMs: number;
  /**
   * true (the default): one run at a time across every server on the
   * database, under a PostgreSQL advisory lock. false for work that is safe
   * to run side by side because it claims its rows one by one (mail delivery).
   */
  exclusive?: boolean;
  run(ctx: JobContext): Promise<unknown>;
}

export type RunOutcome = 'ran' | 'skipped' | 'busy' | 'failed';

export interface Scheduler {
  /** Runs every job now, then every intervalMs. */
  start(): void;
  /** No new runs; waits for the runs in progress. */
  stop(): Promise<void>;
  /**
   * One run of a job now: 'skipped' when another server (or scheduler) holds
   * its lock, 'busy' when this scheduler is already running it.
   */
  runNow(name: string): Promise<RunOutcome>;
}

export interface SchedulerOptions {
  db: Kysely<DB>;
  jobs: Job[];
  /** The time the jobs see (tests set the date). */
  clock?: () => Date;
  log?: JobLog;
}

const quiet: JobLog = { info() {}, warn() {}, error() {} };

/** First key of every cqtt job lock ('cqtt' in ASCII), so other users of advisory locks do not collide. */
const LOCK_SPACE = 0x63717474;

/** The job's lock key: a 32-bit FNV-1a hash of its name, as a signed int4. */
export function jobLockKey(name: string): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(name, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193);
  }
  return hash | 0;
}

/**
 * Runs jobs on an interval. An exclusive job runs on one database session
 * that first takes `pg_try_advisory_lock` for the job, does the work on that
 * same session and unlocks it: on PostgreSQL a second server finds the lock
 * taken and skips its run; on PGlite the session is the single connection,
 * held for the whole run, so runs in one process never overlap either.
 * Locks are only one guard: each job's writes are idempotent by their own
 * unique keys, so a run repeated later (or after a restart) changes nothing.
 */
export function createScheduler(options: SchedulerOptions): Scheduler {
  const clock = options.clock ?? (() => new Date());
  const log = options.log ?? quiet;
  const jobs = new Map(options.jobs.map((job) => [job.name, job]));
  const running = new Map<string, Promise<RunOutcome>>();
  const timers = new Set<NodeJS.Timeout>();
  let stopped = false;

  async function execute(job: Job): Promise<RunOutcome> {
    const now = clock();
    const started = Date.now();
    const jobLog = {
      info: (obj: object, msg?: string) => log.info({ job: job.name, ...obj }, msg),
      warn: (obj: object, msg?: string) => log.warn({ job: job.name, ...obj }, msg),
      error: (obj: object, msg?: string) => log.error({ job: job.name, ...obj }, msg),
    };
    try {
      if (job.exclusive === false) {
        await job.run({ db: options.db, now, log: jobLog });
        return 'ran';
      }
      const key = jobLockKey(job.name);
      return await options.db.connection().execute(async (session) => {
        const { rows } = await sql<{ locked: boolean }>`
          select pg_try_advisory_lock(${LOCK_SPACE}::int4, ${key}::int4) as locked`.execute(session);
        if (!rows[0]?.locked) return 'skipped' as const;
        try {
          await job.run({ db: session, now, log: jobLog });
          return 'ran' as const;
        } finally {
          await sql`select pg_advisory_unlock(${LOCK_SPACE}::int4, ${key}::int4)`.execute(session);
        }
      });
    } catch (error) {
      jobLog.error({ err: error, ms: Date.now() - started }, 'job failed');
      return 'failed';
    }
  }

  function runNow(name: string): Promise<RunOutcome> {
    const job = jobs.get(name);
    if (!job) return Promise.reject(new Error(`Không có tác vụ «${name}».`));
    if (running.has(name)) return Promise.resolve('busy');
    const run = execute(job)
      .then((outcome) => {
        log.debug?.({ job: name, outcome }, 'job run');
        return outcome;
      })
      .finally(() => running.delete(name));
    running.set(name, run);
    return run;
  }

  function schedule(job: Job, delay: number) {
    if (stopped) return;
    const timer = setTimeout(async () => {
      timers.delete(timer);
      await runNow(job.name);
      schedule(job, job.intervalMs);
    }, delay);
    timer.unref();
    timers.add(timer);
  }

  return {
    start() {
      stopped = false;
      for (const job of jobs.values()) schedule(job, 0);
    },
    async stop() {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await Promise.allSettled([...running.values()]);
    },
    runNow,
  };
}
