/**
 * Task reminders (DOMAIN.md "The yearly cycle"; RELIABILITY.md 21 and 22):
 * the demo plan's task 3 ("Trước ngày 15/02 hằng năm") is due 14/02/2026, so
 * on 07/02 its lead unit gets the 7-day reminder and on 15/02 the overdue
 * one: a notification and a mail each, exactly once, however many scans,
 * schedulers, restarts or server processes there are, and mail that could not
 * go out goes when the SMTP server is back.
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Database } from '../src/db/database.ts';
import { cqttJobs } from '../src/jobs/index.ts';
import { createScheduler, type JobLog, jobLockKey, type Scheduler } from '../src/jobs/scheduler.ts';
import { smtpTransport } from '../src/mail/transport.ts';
import { withDatabase } from './global-setup.ts';
import { createTestApp, createTestDatabase, login, type TestApp } from './harness.ts';
import {
  countInOutput,
  type ServerProcess,
  spawnServer,
  waitForHealth,
  waitForOutput,
} from './server-process.ts';
import { startTestSmtp, type TestSmtp } from './smtp.ts';

const PUBLIC_URL = 'https://cqtt.binhgiang.test';
const FROM = 'Chính quyền thân thiện <no-reply@binhgiang.test>';
const VHXH_MAIL = 'vhxh.binhgiang@demo.cqtt.local';
const TASK3 = 'Xây dựng Kế hoạch triển khai thực hiện “Chính quyền thân thiện” và đăng ký mức đạt chuẩn';
const quiet = { info() {}, warn() {}, error() {} };
const postgres = inject('dbKind') === 'postgres';

let smtp: TestSmtp;
beforeAll(async () => {
  smtp = await startTestSmtp();
});
afterAll(() => smtp.stop());

/** 09:00 in Việt Nam on a day, plus some minutes. */
const dayClock =
  (day: string, plusMinutes = 0) =>
  () =>
    new Date(Date.parse(`${day}T09:00:00+07:00`) + plusMinutes * 60_000);

function schedulerFor(
  db: Database['db'],
  clock: () => Date,
  intervalSeconds = 60,
  log: JobLog = quiet,
): Scheduler {
  const { jobs } = cqttJobs({
    config: { publicUrl: PUBLIC_URL, mailFrom: FROM, jobsIntervalSeconds: intervalSeconds },
    db,
    log: quiet,
    transport: smtpTransport(smtp.url, FROM),
  });
  return createScheduler({ db, jobs, clock, log });
}

/** Counts a scheduler's finished runs of each job (its "job run" line) and waits for a number of them. */
function runCounter() {
  const runs = new Map<string, number>();
  const waiters = new Set<() => void>();
  const log: JobLog = {
    ...quiet,
    debug(obj) {
      const job = (obj as { job: string }).job;
      runs.set(job, (runs.get(job) ?? 0) + 1);
      for (const wake of waiters) wake();
    },
  };
  async function atLeast(job: string, n: number) {
    while ((runs.get(job) ?? 0) < n)
      await new Promise<void>((resolve) => {
        const wake = () => {
          waiters.delete(wake);
          resolve();
        };
        waiters.add(wake);
      });
  }
  return { log, atLeast };
}

async function scan(db: Database['db'], clock: () => Date) {
  const scheduler = schedulerFor(db, clock);
  expect(await scheduler.runNow('task-reminders')).toBe('ran');
  expect(await scheduler.runNow('mail-delivery')).toBe('ran');
}

async function task3(db: Database['db']) {
  return db
    .selectFrom('plan_tasks')
    .innerJoin('communes', 'communes.id', 'plan_tasks.commune_id')
    .select(['plan_tasks.id', 'plan_tasks.plan_id', 'plan_tasks.commune_id'])
    .where('communes.code', '=', 'HP-BINHGIANG')
    .where('plan_tasks.number', '=', 3)
    .executeTakeFirstOrThrow();
}

/**
 * The demo links task 3 to the level registration, sent on 10/02/2026, which completes it on time
 * (no overdue reminder: fulfilment.test.ts). This file follows a task completed by hand, so its
 * databases keep task 3 without the link.
 */
async function completedByHand(db: Database['db']) {
  await db.updateTable('plan_tasks').set({ fulfilment: null }).where('number', '=', 3).execute();
}

async function sentKeys(db: Database['db']) {
  return (
    await db
      .selectFrom('reminders_sent')
      .innerJoin('plan_tasks', 'plan_tasks.id', 'reminders_sent.task_id')
      .select(['plan_tasks.number', 'reminders_sent.year', 'reminders_sent.key'])
      .orderBy('reminders_sent.sent_at')
      .execute()
  ).map((r) => `${r.number}/${r.year}/${r.key}`);
}

async function notificationsOf(db: Database['db'], username: string) {
  return db
    .selectFrom('notifications')
    .innerJoin('users', 'users.id', 'notifications.user_id')
    .select(['notifications.kind', 'notifications.title', 'notifications.link'])
    .where('users.username', '=', username)
    .orderBy('notifications.created_at')
    .execute();
}

async function auditCount(db: Database['db']) {
  const row = await db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('action', '=', 'reminders.send')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Mails the test server received for an address since the test began. The server keeps a mail
 * before it acknowledges it, so once every sender has returned (or stopped), this is all they sent.
 */
const mailsTo = (address: string, since = 0) =>
  smtp.messages.slice(since).filter((m) => m.to.includes(address));

describe('task reminders on the demo plan', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await completedByHand(t.database.db);
    const { db } = t.database;
    const vhxh = await db
      .selectFrom('users')
      .select(['city_id', 'commune_id', 'unit_id', 'password_hash'])
      .where('username', '=', 'vhxh.binhgiang')
      .executeTakeFirstOrThrow();
    const extra = (username: string, roles: string[], email: string | null, isActive = true) => ({
      ...vhxh,
      username,
      full_name: username,
      email,
      roles,
      is_active: isActive,
      updated_at: new Date(),
    });
    // who else is in Phòng VH-XH: a focal point without an address, a coordinator who left, a supervisor
    await db
      .insertInto('users')
      .values([
        extra('focal.vhxh', ['focal'], null),
        extra('cu.vhxh', ['coordinator'], 'cu.vhxh@demo.cqtt.local', false),
        extra('giamsat.vhxh', ['supervisor'], 'giamsat.vhxh@demo.cqtt.local'),
      ])
      .execute();
  });
  afterAll(() => t.close());

  it('7 days before 14/02/2026: the lead unit’s focal points and coordinator, once though the scan runs twice', async () => {
    const { db } = t.database;
    const since = smtp.messages.length;
    const task = await task3(db);
    const clock = dayClock('2026-02-07');
    await scan(db, clock);
    await scan(db, clock);
    expect(await sentKeys(db)).toEqual(['3/2026/before_7']);

    const title =
      /^Nhắc việc: nhiệm vụ số 3 «Xây dựng Kế hoạch triển khai .*…» hạn 14\/02\/2026 \(còn 7 ngày\)$/;
    const link = `/plans/${task.plan_id}?year=2026&task=${task.id}`;
    for (const username of ['vhxh.binhgiang', 'focal.vhxh']) {
      const mine = await notificationsOf(db, username);
      expect(mine, username).toHaveLength(1);
      expect(mine[0]!.kind).toBe('task.reminder');
      expect(mine[0]!.title).toMatch(title);
      expect(mine[0]!.link).toBe(link);
    }
    for (const username of ['cu.vhxh', 'giamsat.vhxh', 'ttpvhcc.binhgiang', 'chutich.binhgiang'])
      expect(await notificationsOf(db, username), username).toEqual([]);

    // both scans have returned, their mail delivery too: nothing more is on its way
    const mails = smtp.messages.slice(since);
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    expect(mail!.to).toEqual([VHXH_MAIL]);
    expect(mail!.subject).toMatch(title);
    expect(mail!.text).toContain('Kính gửi Nguyễn Thị Thu Hà,');
    expect(mail!.text).toContain('Nhiệm vụ số 3 năm 2026 sắp đến hạn:');
    expect(mail!.text).toContain(TASK3);
    expect(mail!.text).toContain('Thời hạn: Trước ngày 15/02 hằng năm – hạn cuối 14/02/2026 (còn 7 ngày).');
    expect(mail!.text).toContain('Đơn vị chủ trì: Phòng Văn hóa - Xã hội.');
    expect(mail!.text).toContain(`${PUBLIC_URL}${link}`);

    expect(await auditCount(db)).toBe(1);
    const audit = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'reminders.send')
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ entity_type: 'task', entity_id: task.id, commune_id: task.commune_id });
    expect(audit.after).toMatchObject({
      year: 2026,
      key: 'before_7',
      dueDate: '2026-02-14',
      recipients: ['focal.vhxh', 'vhxh.binhgiang'],
      notifications: 2,
      mails: 1,
    });

    // the user sees it in the console's list
    const vhxh = await login(t.app, 'vhxh.binhgiang');
    const list = (await vhxh.get('/api/notifications')).json();
    expect(list.unread).toBe(1);
    expect(list.items[0]).toMatchObject({ kind: 'task.reminder', link, readAt: null });
  });

  it('a restarted scheduler sends nothing again', async () => {
    const { db } = t.database;
    const since = smtp.messages.length;
    await scan(db, dayClock('2026-02-07', 600));
    await scan(db, dayClock('2026-02-08'));
    expect(smtp.messages.length).toBe(since);
    expect(await sentKeys(db)).toEqual(['3/2026/before_7']);
    expect(await auditCount(db)).toBe(1);
  });

  it('the day after the due date: "Quá hạn", once', async () => {
    const { db } = t.database;
    const since = smtp.messages.length;
    await scan(db, dayClock('2026-02-15'));
    await scan(db, dayClock('2026-02-15', 60));
    expect(await sentKeys(db)).toEqual(['3/2026/before_7', '3/2026/overdue']);
    const notes = await notificationsOf(db, 'vhxh.binhgiang');
    expect(notes.map((n) => n.kind)).toEqual(['task.reminder', 'task.overdue']);
    expect(notes[1]!.title).toMatch(/^Quá hạn: nhiệm vụ số 3 «.*» hạn 14\/02\/2026 \(quá hạn 1 ngày\)$/);
    const mails = mailsTo(VHXH_MAIL, since);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe(notes[1]!.title);
    expect(mails[0]!.text).toContain('Nhiệm vụ số 3 năm 2026 đã quá hạn mà chưa được báo hoàn thành:');
    expect(smtp.messages.length).toBe(since + 1);
  });
});

describe('what decides a reminder', () => {
  let t: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    t = await createTestDatabase();
    await completedByHand(t.database.db);
  });
  afterAll(() => t.drop());

  it('the commune’s offsets; a task done in time gets no overdue reminder; a unit without accounts reaches the coordinator', async () => {
    const { db } = t.database;
    const task = await task3(db);
    await db
      .insertInto('commune_settings')
      .values({ commune_id: task.commune_id, reminder_offsets: [3], updated_at: new Date() })
      .execute();
    await scan(db, dayClock('2026-02-07'));
    expect(await sentKeys(db)).toEqual([]);
    await scan(db, dayClock('2026-02-11'));
    expect(await sentKeys(db)).toEqual(['3/2026/before_3']);
    expect((await notificationsOf(db, 'vhxh.binhgiang'))[0]!.title).toMatch(/\(còn 3 ngày\)$/);

    await db
      .insertInto('task_years')
      .values({
        commune_id: task.commune_id,
        task_id: task.id,
        year: 2026,
        progress: 100,
        completed_on: '2026-02-12',
        updated_at: new Date(),
      })
      .execute();
    await scan(db, dayClock('2026-02-15'));
    expect(await sentKeys(db)).toEqual(['3/2026/before_3']);

    // task 8 (lead: Phòng Kinh tế), yearly, due 31/12: 3 days before. The unit's only account is
    // switched off here, so the reminder must reach the coordinator instead.
    await db
      .updateTable('users')
      .set({ is_active: false })
      .where('username', '=', 'kinhte.binhgiang')
      .execute();
    await scan(db, dayClock('2026-12-28'));
    const keys = await sentKeys(db);
    expect(keys).toEqual(expect.arrayContaining(['8/2026/before_3', '9/2026/before_3', '1/2026/before_3']));
    const task8 = await db
      .selectFrom('plan_tasks')
      .select('id')
      .where('commune_id', '=', task.commune_id)
      .where('number', '=', 8)
      .executeTakeFirstOrThrow();
    const kt = await db
      .selectFrom('audit_log')
      .select('after')
      .where('action', '=', 'reminders.send')
      .where('entity_id', '=', task8.id)
      .executeTakeFirstOrThrow();
    expect(kt.after).toMatchObject({ recipients: ['vhxh.binhgiang'] });
    // task 9's lead (TT PVHCC) has its own focal point
    const ttpvhcc = await notificationsOf(db, 'ttpvhcc.binhgiang');
    expect(ttpvhcc.map((n) => n.title)).toEqual([expect.stringMatching(/^Nhắc việc: nhiệm vụ số 9 /)]);

    // 1/1/2027: December's tasks of 2026 still open are overdue, though the year has changed;
    // task 6 is not: the reward decided on 01/12 fulfilled it (#12, the demo plan links it)
    await scan(db, dayClock('2027-01-01'));
    const january = await sentKeys(db);
    expect(january).toEqual(expect.arrayContaining(['7/2026/overdue', '8/2026/overdue']));
    expect(january).not.toContain('6/2026/overdue');
  });
});

describe('a reminder that cannot be written', () => {
  let t: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    t = await createTestDatabase();
    await completedByHand(t.database.db);
  });
  afterAll(() => t.drop());

  it('does not hold back the others, leaves nothing behind, and goes on the next run', async () => {
    const { db } = t.database;
    const task9 = await db
      .selectFrom('plan_tasks')
      .select('id')
      .where('number', '=', 9)
      .executeTakeFirstOrThrow();
    await t.database.exec(`
      create function refuse_task9() returns trigger language plpgsql as $$
      begin
        if new.task_id = '${task9.id}' then raise exception 'hỏng khi ghi nhắc việc'; end if;
        return new;
      end $$;
      create trigger refuse_task9 before insert on reminders_sent
        for each row execute function refuse_task9();`);
    const scheduler = schedulerFor(db, dayClock('2026-12-28'));
    expect(await scheduler.runNow('task-reminders')).toBe('ran');
    const keys = await sentKeys(db);
    expect(keys).toEqual(expect.arrayContaining(['1/2026/before_7', '8/2026/before_7']));
    expect(keys).not.toContain('9/2026/before_7');
    expect(await notificationsOf(db, 'ttpvhcc.binhgiang')).toEqual([]);

    await t.database.exec('drop trigger refuse_task9 on reminders_sent; drop function refuse_task9();');
    expect(await scheduler.runNow('task-reminders')).toBe('ran');
    expect(await sentKeys(db)).toContain('9/2026/before_7');
    expect(await notificationsOf(db, 'ttpvhcc.binhgiang')).toHaveLength(1);
  });
});

describe('mail down (RELIABILITY 21)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await completedByHand(t.database.db);
  });
  afterAll(async () => {
    await smtp.start();
    await t.close();
  });

  it('the reminder and its notification are there at once; the mail waits and goes once when SMTP is back', async () => {
    const { db } = t.database;
    await smtp.stop();
    const since = smtp.messages.length;
    const scheduler = schedulerFor(db, dayClock('2026-02-07'));
    expect(await scheduler.runNow('task-reminders')).toBe('ran');
    expect(await scheduler.runNow('mail-delivery')).toBe('ran');
    const vhxh = await login(t.app, 'vhxh.binhgiang');
    const list = await vhxh.get('/api/notifications');
    expect(list.statusCode).toBe(200);
    expect(list.json().unread).toBe(1);
    let [row] = await db.selectFrom('mail_outbox').selectAll().execute();
    expect(row).toMatchObject({ to_address: VHXH_MAIL, attempts: 1, sent_at: null });
    expect(row!.last_error).toMatch(/ECONNREFUSED|ECONNECTION|ESOCKET/);

    await smtp.start();
    // still inside its minute of back-off: waits
    expect(await schedulerFor(db, dayClock('2026-02-07', 0.5)).runNow('mail-delivery')).toBe('ran');
    expect(smtp.messages.length).toBe(since);
    for (const minutes of [2, 3, 60]) {
      const later = schedulerFor(db, dayClock('2026-02-07', minutes));
      expect(await later.runNow('task-reminders')).toBe('ran');
      expect(await later.runNow('mail-delivery')).toBe('ran');
    }
    expect(mailsTo(VHXH_MAIL, since)).toHaveLength(1);
    expect(smtp.messages.length).toBe(since + 1);
    [row] = await db.selectFrom('mail_outbox').selectAll().execute();
    expect(row!.sent_at).not.toBeNull();
    expect(row!.attempts).toBe(2);
  });
});

describe('two schedulers on one database (RELIABILITY 22)', () => {
  let t: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    t = await createTestDatabase();
    await completedByHand(t.database.db);
  });
  afterAll(() => t.drop());

  it('running side by side, every few milliseconds, they send each reminder once', async () => {
    const { db } = t.database;
    const since = smtp.messages.length;
    const clock = dayClock('2026-02-07');
    const countA = runCounter();
    const countB = runCounter();
    const a = schedulerFor(db, clock, 0.02, countA.log);
    const b = schedulerFor(db, clock, 0.02, countB.log);
    await Promise.all([a.runNow('task-reminders'), b.runNow('task-reminders')]);
    a.start();
    b.start();
    // several rounds of both jobs on both schedulers, counted as they finish
    await Promise.all(
      [countA, countB].flatMap((c) => [c.atLeast('task-reminders', 6), c.atLeast('mail-delivery', 6)]),
    );
    await Promise.all([a.stop(), b.stop()]);
    // and a third one, as after a restart
    await scan(db, clock);
    // every sender has stopped or returned: what has arrived is all that was sent
    expect(mailsTo(VHXH_MAIL, since)).toHaveLength(1);
    expect(smtp.messages.length).toBe(since + 1);
    expect(await sentKeys(db)).toEqual(['3/2026/before_7']);
    expect(await auditCount(db)).toBe(1);
    expect(await notificationsOf(db, 'vhxh.binhgiang')).toHaveLength(1);
  });

  it.runIf(postgres)('a run finds the job’s lock held by another server and skips', async () => {
    const client = new pg.Client({ connectionString: await databaseUrlOf(t.database) });
    await client.connect();
    try {
      await client.query('select pg_advisory_lock($1::int4, $2::int4)', [
        0x63717474,
        jobLockKey('task-reminders'),
      ]);
      const scheduler = schedulerFor(t.database.db, dayClock('2026-02-15'));
      expect(await scheduler.runNow('task-reminders')).toBe('skipped');
      expect(await sentKeys(t.database.db)).toEqual(['3/2026/before_7']);
      await client.query('select pg_advisory_unlock_all()');
      expect(await scheduler.runNow('task-reminders')).toBe('ran');
      expect(await sentKeys(t.database.db)).toEqual(['3/2026/before_7', '3/2026/overdue']);
    } finally {
      await client.end();
    }
  });
});

/** The URL of a test database on PostgreSQL (its name, on the server the run uses). */
async function databaseUrlOf(database: Database): Promise<string> {
  const { rows } = await database.db
    .selectNoFrom((eb) => eb.fn<string>('current_database').as('name'))
    .execute()
    .then((r) => ({ rows: r }));
  return withDatabase(inject('postgresUrl'), rows[0]!.name);
}

describe.runIf(postgres)('two server processes on one PostgreSQL database', () => {
  const name = `cqtt_t_${process.ppid}_${randomBytes(4).toString('hex')}`;
  let url = '';
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    url = withDatabase(inject('postgresUrl'), name);
    const admin = new pg.Client({ connectionString: inject('postgresUrl') });
    await admin.connect();
    await admin.query(`create database ${name} template ${inject('postgresTemplate')}`);
    await admin.end();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query('update plan_tasks set fulfilment = null where number = 3');
    await client.end();
  });
  afterAll(async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    const admin = new pg.Client({ connectionString: inject('postgresUrl') });
    await admin.connect();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  });

  async function startServer() {
    const server = await spawnServer({
      NODE_ENV: '',
      DATABASE_URL: url,
      // debug: a line for each finished run of a job, which the test counts
      LOG_LEVEL: 'debug',
      CQTT_SEED_DEMO: '0',
      CQTT_JOBS: '1',
      CQTT_JOBS_INTERVAL_SECONDS: '1',
      CQTT_TODAY: '2026-02-07',
      SMTP_URL: smtp.url,
      MAIL_FROM: FROM,
      PUBLIC_URL,
    });
    children.push(server.child);
    await waitForHealth(server);
    return server;
  }

  /** Resolves once the server has finished `n` runs of `job`, as it says in its log. */
  const runs = (server: ServerProcess, job: string, n: number) =>
    waitForOutput(
      server,
      () => countInOutput(server, new RegExp(`"job":"${job}"[^\\n]*"msg":"job run"`, 'g')) >= n,
    );

  it('a reminder is still sent exactly once, also after one of them restarts', async () => {
    const since = smtp.messages.length;
    const [a, b] = await Promise.all([startServer(), startServer()]);
    await smtp.waitFor(since + 1);
    // several more rounds of both jobs on both servers
    await Promise.all([a, b].flatMap((s) => [runs(s, 'task-reminders', 4), runs(s, 'mail-delivery', 4)]));
    expect(smtp.messages[since]!.subject).toMatch(
      /^Nhắc việc: nhiệm vụ số 3 .* hạn 14\/02\/2026 \(còn 7 ngày\)$/,
    );
    expect(a.output()).toMatch(/test calendar/);

    // one server restarts (its jobs start over on the same day)
    a.child.kill('SIGTERM');
    expect(await a.exited, a.output()).toBe(0);
    const c = await startServer();
    await Promise.all([runs(c, 'task-reminders', 2), runs(c, 'mail-delivery', 2)]);

    const check = new pg.Client({ connectionString: url });
    await check.connect();
    try {
      const sent = await check.query('select key from reminders_sent');
      expect(sent.rows).toEqual([{ key: 'before_7' }]);
      const outbox = await check.query('select attempts, sent_at from mail_outbox');
      expect(outbox.rows).toHaveLength(1);
      expect(outbox.rows[0].attempts).toBe(1);
      expect(outbox.rows[0].sent_at).not.toBeNull();
      const audit = await check.query(
        `select count(*)::int as n from audit_log where action = 'reminders.send'`,
      );
      expect(audit.rows[0].n).toBe(1);
    } finally {
      await check.end();
    }
    b.child.kill('SIGTERM');
    c.child.kill('SIGTERM');
    expect(await b.exited, b.output()).toBe(0);
    expect(await c.exited, c.output()).toBe(0);
    // every server has stopped, each after its runs in progress: what has arrived is all they sent
    expect(mailsTo(VHXH_MAIL, since)).toHaveLength(1);
    expect(smtp.messages.length).toBe(since + 1);
  }, 120_000);
});
