/**
 * The mail outbox (RELIABILITY.md 21): mail is written in the caller's
 * transaction, a worker sends it through a real SMTP server on loopback,
 * and while that server is down nothing fails and the mail waits, then goes
 * out exactly once when it is back.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/database.ts';
import { cqttJobs } from '../src/jobs/index.ts';
import { createScheduler } from '../src/jobs/scheduler.ts';
import { enqueueMail } from '../src/mail/outbox.ts';
import { type MailTransport, smtpTransport } from '../src/mail/transport.ts';
import { CLAIM_MINUTES, deliverPending, PERMANENT_RETRY_MINUTES } from '../src/mail/worker.ts';
import { createTestDatabase } from './harness.ts';
import { SMTP_USER, startTestSmtp, type TestSmtp } from './smtp.ts';

let database: Database;
let drop: () => Promise<void>;
let smtp: TestSmtp;
let transport: MailTransport;
let communeId: string;

const FROM = 'Chính quyền thân thiện <no-reply@binhgiang.test>';
const minutes = (at: Date, n: number) => new Date(at.getTime() + n * 60_000);

async function outbox() {
  return database.db.selectFrom('mail_outbox').selectAll().orderBy('created_at').orderBy('id').execute();
}

beforeAll(async () => {
  ({ database, drop } = await createTestDatabase());
  smtp = await startTestSmtp();
  transport = smtpTransport(smtp.url, FROM);
  const commune = await database.db
    .selectFrom('communes')
    .select('id')
    .where('code', '=', 'HP-BINHGIANG')
    .executeTakeFirstOrThrow();
  communeId = commune.id;
});
afterAll(async () => {
  transport.close();
  await smtp.stop();
  await drop();
});
beforeEach(async () => {
  await smtp.start();
  smtp.messages.length = 0;
  await database.db.deleteFrom('mail_outbox').execute();
});

describe('mail outbox', () => {
  it('is written in the caller’s transaction: a rolled-back change leaves no mail', async () => {
    await expect(
      database.db.transaction().execute(async (trx) => {
        await enqueueMail(trx, { communeId, to: 'a@demo.cqtt.local', subject: 'Thử', body: 'Nội dung' });
        throw new Error('hủy thay đổi');
      }),
    ).rejects.toThrow('hủy thay đổi');
    expect(await outbox()).toEqual([]);
    await expect(
      enqueueMail(database.db, { communeId, to: 'không phải địa chỉ', subject: 'x', body: 'y' }),
    ).rejects.toThrow(/không hợp lệ/);
    // a subject is one header line
    await enqueueMail(database.db, {
      communeId,
      to: 'a@demo.cqtt.local',
      subject: 'Dòng 1\r\nBcc: x@y',
      body: '',
    });
    expect((await outbox())[0]!.subject).toBe('Dòng 1 Bcc: x@y');
  });

  it('sends a Vietnamese plain-text mail through SMTP with the URL’s login, and marks it sent once', async () => {
    const now = new Date();
    const subject = 'Nhắc việc: nhiệm vụ số 3 «Xây dựng Kế hoạch…» hạn 14/02/2026 (còn 7 ngày)';
    const body =
      'Kính gửi Trần Thị Lan,\n\nNhiệm vụ số 3 năm 2026 sắp đến hạn.\nĐường dẫn: http://localhost:3000/plans/1\n';
    await enqueueMail(database.db, {
      communeId,
      to: 'vhxh.binhgiang@demo.cqtt.local',
      subject,
      body,
      at: now,
    });
    expect(await deliverPending(database.db, transport, now)).toEqual({ sent: 1, failed: 0 });
    const [mail] = await smtp.waitFor(1);
    expect(mail!.to).toEqual(['vhxh.binhgiang@demo.cqtt.local']);
    expect(mail!.from).toBe('no-reply@binhgiang.test');
    expect(mail!.user).toBe(SMTP_USER);
    expect(mail!.subject).toBe(subject);
    expect(mail!.text.trim()).toBe(body.trim());
    expect(String((mail!.headers.get('content-type') as { value: string }).value)).toBe('text/plain');
    const [row] = await outbox();
    expect(row!.sent_at).not.toBeNull();
    expect(row!.attempts).toBe(1);
    expect(row!.last_error).toBeNull();
    // later runs find nothing to send
    expect(await deliverPending(database.db, transport, minutes(now, 120))).toEqual({ sent: 0, failed: 0 });
    expect(smtp.messages).toHaveLength(1);
  });

  it('mail down: the row keeps its attempts and error, nothing throws; back up: sent exactly once', async () => {
    await smtp.stop();
    const now = new Date();
    await enqueueMail(database.db, {
      communeId,
      to: 'vhxh.binhgiang@demo.cqtt.local',
      subject: 'Quá hạn: nhiệm vụ số 3',
      body: 'Nhiệm vụ đã quá hạn.',
      at: now,
    });
    expect(await deliverPending(database.db, transport, now)).toEqual({ sent: 0, failed: 1 });
    let [row] = await outbox();
    expect(row!.sent_at).toBeNull();
    expect(row!.attempts).toBe(1);
    expect(row!.last_error).toMatch(/ECONNREFUSED|ESOCKET|ECONNECTION/);
    expect(new Date(row!.next_attempt_at).getTime()).toBe(minutes(now, 1).getTime());
    // not due again before its minute is up
    expect(await deliverPending(database.db, transport, minutes(now, 0.5))).toEqual({ sent: 0, failed: 0 });
    expect((await outbox())[0]!.attempts).toBe(1);
    // second failure: five minutes
    expect(await deliverPending(database.db, transport, minutes(now, 1))).toEqual({ sent: 0, failed: 1 });
    [row] = await outbox();
    expect(row!.attempts).toBe(2);
    expect(new Date(row!.next_attempt_at).getTime()).toBe(minutes(now, 6).getTime());

    await smtp.start();
    expect(await deliverPending(database.db, transport, minutes(now, 6))).toEqual({ sent: 1, failed: 0 });
    expect(await deliverPending(database.db, transport, minutes(now, 200))).toEqual({ sent: 0, failed: 0 });
    // every delivery above has returned, and the server keeps a mail before it acknowledges it:
    // what is here now is all that was sent
    expect(smtp.messages.map((m) => m.subject)).toEqual(['Quá hạn: nhiệm vụ số 3']);
    [row] = await outbox();
    expect(row!.sent_at).not.toBeNull();
    expect(row!.attempts).toBe(3);
  });

  it('backs off 1, 5, 15, 60, 60 minutes; a mail the server refuses (5xx) waits a day; others go on', async () => {
    const now = new Date();
    const failing: MailTransport = {
      async send(message) {
        if (message.to.startsWith('refused'))
          throw Object.assign(new Error('550 no such user'), { responseCode: 550 });
        throw Object.assign(new Error('connect ETIMEDOUT'), { code: 'ETIMEDOUT' });
      },
      close() {},
    };
    await enqueueMail(database.db, {
      communeId,
      to: 'slow@demo.cqtt.local',
      subject: 'a',
      body: 'a',
      at: now,
    });
    const delays: number[] = [];
    let at = now;
    for (let i = 0; i < 5; i++) {
      expect(await deliverPending(database.db, failing, at)).toEqual({ sent: 0, failed: 1 });
      const [row] = await outbox();
      const next = new Date(row!.next_attempt_at);
      delays.push((next.getTime() - at.getTime()) / 60_000);
      at = next;
    }
    expect(delays).toEqual([1, 5, 15, 60, 60]);

    // a refused mail does not stop the others; an unreachable server does
    await database.db.deleteFrom('mail_outbox').execute();
    await enqueueMail(database.db, {
      communeId,
      to: 'refused@demo.cqtt.local',
      subject: 'b',
      body: 'b',
      at: now,
    });
    await enqueueMail(database.db, {
      communeId,
      to: 'ok@demo.cqtt.local',
      subject: 'c',
      body: 'c',
      at: minutes(now, 0.01),
    });
    const sent: string[] = [];
    const picky: MailTransport = {
      async send(message) {
        if (message.to.startsWith('refused'))
          throw Object.assign(new Error('550 no such user'), { responseCode: 550 });
        sent.push(message.to);
      },
      close() {},
    };
    expect(await deliverPending(database.db, picky, minutes(now, 1))).toEqual({ sent: 1, failed: 1 });
    expect(sent).toEqual(['ok@demo.cqtt.local']);
    const refused = (await outbox()).find((r) => r.to_address.startsWith('refused'))!;
    expect(refused.last_error).toMatch(/550/);
    expect(new Date(refused.next_attempt_at).getTime()).toBe(
      minutes(now, 1 + PERMANENT_RETRY_MINUTES).getTime(),
    );

    await database.db.deleteFrom('mail_outbox').execute();
    for (const to of ['x1@demo.cqtt.local', 'x2@demo.cqtt.local', 'x3@demo.cqtt.local'])
      await enqueueMail(database.db, { communeId, to, subject: 'd', body: 'd', at: now });
    expect(await deliverPending(database.db, failing, now)).toEqual({ sent: 0, failed: 1 });
    expect((await outbox()).map((r) => r.attempts).sort()).toEqual([0, 0, 1]);
  });

  it('workers running side by side send every row once', async () => {
    const now = new Date();
    for (let i = 1; i <= 12; i++)
      await enqueueMail(database.db, {
        communeId,
        to: `user${i}@demo.cqtt.local`,
        subject: `Thư số ${i}`,
        body: 'Nội dung',
        at: now,
      });
    const reports = await Promise.all([
      deliverPending(database.db, transport, now),
      deliverPending(database.db, smtpTransport(smtp.url, FROM), now),
      deliverPending(database.db, smtpTransport(smtp.url, FROM), now),
    ]);
    expect(reports.reduce((n, r) => n + r.sent, 0)).toBe(12);
    // the three workers have returned: every mail they sent is here, and none twice
    expect(smtp.messages.map((m) => m.subject).sort()).toEqual(
      Array.from({ length: 12 }, (_, i) => `Thư số ${i + 1}`).sort(),
    );
    expect((await outbox()).every((r) => r.sent_at !== null && r.attempts === 1)).toBe(true);
  });

  it('a row claimed by a worker that died is sent again only after the claim expires', async () => {
    const now = new Date();
    await enqueueMail(database.db, {
      communeId,
      to: 'a@demo.cqtt.local',
      subject: 'claimed',
      body: 'x',
      at: now,
    });
    // a worker claimed it (attempt counted, moved past the claim time) and died before sending
    await database.db
      .updateTable('mail_outbox')
      .set({ attempts: 1, next_attempt_at: minutes(now, CLAIM_MINUTES) })
      .execute();
    expect(await deliverPending(database.db, transport, minutes(now, CLAIM_MINUTES - 1))).toEqual({
      sent: 0,
      failed: 0,
    });
    expect(await deliverPending(database.db, transport, minutes(now, CLAIM_MINUTES))).toEqual({
      sent: 1,
      failed: 0,
    });
  });

  it('without SMTP_URL the delivery job says once that mail is off and leaves the mail waiting', async () => {
    const lines: string[] = [];
    const log = {
      info: (_o: object, m?: string) => lines.push(`info ${m}`),
      warn: (_o: object, m?: string) => lines.push(`warn ${m}`),
      error: (_o: object, m?: string) => lines.push(`error ${m}`),
    };
    const { jobs } = cqttJobs({
      config: { publicUrl: 'http://localhost:3000', mailFrom: FROM, jobsIntervalSeconds: 60 },
      db: database.db,
      log,
    });
    const scheduler = createScheduler({ db: database.db, jobs, log });
    await enqueueMail(database.db, { communeId, to: 'a@demo.cqtt.local', subject: 'chờ', body: 'x' });
    expect(await scheduler.runNow('mail-delivery')).toBe('ran');
    expect(await scheduler.runNow('mail-delivery')).toBe('ran');
    expect(lines.filter((l) => l.includes('mail off'))).toHaveLength(1);
    const [row] = await outbox();
    expect(row!.attempts).toBe(0);
    expect(row!.sent_at).toBeNull();
    expect(smtp.messages).toHaveLength(0);
  });
});
