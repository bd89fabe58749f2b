import type { Kysely } from 'kysely';
import type { Config } from '../config.ts';
import type { DB } from '../db/schema.ts';
import { runFeedbackReminders } from '../feedback/reminders.ts';
import { removeUnusedFiles } from '../files/store.ts';
import { describeSmtpUrl, type MailTransport, smtpTransport } from '../mail/transport.ts';
import { deliverPending } from '../mail/worker.ts';
import { runTaskReminders } from './reminders.ts';
import { createScheduler, type Job, type JobLog, type Scheduler } from './scheduler.ts';

export interface JobsOptions {
  config: Pick<Config, 'publicUrl' | 'smtpUrl' | 'mailFrom' | 'jobsIntervalSeconds' | 'jobsToday'>;
  db: Kysely<DB>;
  log: JobLog;
  /** Overrides the clock (tests); otherwise real time, or CQTT_TODAY's day when set. */
  clock?: () => Date;
  /** Overrides the SMTP transport (tests); null: mail off. */
  transport?: MailTransport | null;
}

/**
 * A clock whose calendar starts on a given day in Việt Nam (08:00) and runs
 * on from there at the real pace: CQTT_TODAY for tests of whole processes.
 */
export function clockFrom(day: string): () => Date {
  const base = Date.parse(`${day}T08:00:00+07:00`);
  const started = Date.now();
  return () => new Date(base + (Date.now() - started));
}

/** The two jobs: task reminders, and delivery of the mail outbox. */
export function cqttJobs(options: JobsOptions): { jobs: Job[]; transport: MailTransport | null } {
  const { config, log } = options;
  const intervalMs = config.jobsIntervalSeconds * 1000;
  const transport =
    options.transport !== undefined
      ? options.transport
      : config.smtpUrl
        ? smtpTransport(config.smtpUrl, config.mailFrom)
        : null;
  if (transport && config.smtpUrl) log.info({ smtp: describeSmtpUrl(config.smtpUrl) }, 'mail on');
  let toldOff = false;
  return {
    transport,
    jobs: [
      {
        name: 'task-reminders',
        intervalMs,
        run: ({ db, now, log }) => runTaskReminders(db, now, { publicUrl: config.publicUrl, log }),
      },
      {
        name: 'feedback-reminders',
        intervalMs,
        run: ({ db, now, log }) => runFeedbackReminders(db, now, { publicUrl: config.publicUrl, log }),
      },
      {
        // what an upload left behind when the database went away before its row (store.ts)
        name: 'unused-files',
        intervalMs: Math.max(intervalMs, 60 * 60_000),
        run: async ({ db, now, log }) => {
          const removed = await removeUnusedFiles(db, now);
          if (removed > 0) log.info({ removed }, 'unused uploaded files removed');
        },
      },
      {
        name: 'mail-delivery',
        intervalMs,
        // each row is claimed on its own (mail/worker.ts), and the SMTP
        // conversation must not hold a database session
        exclusive: false,
        run: async ({ db, now, log }) => {
          if (!transport) {
            if (!toldOff) log.warn({}, 'mail off: SMTP_URL is not set; mail waits in the outbox');
            toldOff = true;
            return;
          }
          const report = await deliverPending(db, transport, now, {
            onFailure: (f) => log.warn(f, 'mail not delivered; will retry'),
          });
          if (report.sent > 0 || report.failed > 0) log.info({ ...report }, 'mail delivery');
        },
      },
    ],
  };
}

/** Creates and starts the scheduler of a server process (main.ts). */
export function startJobs(options: JobsOptions): Scheduler & { transport: MailTransport | null } {
  const { jobs, transport } = cqttJobs(options);
  const clock = options.clock ?? (options.config.jobsToday ? clockFrom(options.config.jobsToday) : undefined);
  if (options.config.jobsToday && !options.clock)
    options.log.warn({ today: options.config.jobsToday }, 'jobs run on a test calendar (CQTT_TODAY)');
  const scheduler = createScheduler({ db: options.db, jobs, log: options.log, ...(clock ? { clock } : {}) });
  scheduler.start();
  return {
    ...scheduler,
    async stop() {
      await scheduler.stop();
      transport?.close();
    },
    transport,
  };
}
