/**
 * What a node does while its database goes away and comes back (a failover of PostgreSQL, issue
 * 17, decision 0021), and how it leaves a load balancer (draining on SIGTERM). The database runs
 * behind a TCP relay that the test cuts and restores, as HAProxy does when the primary dies:
 * every connection dropped, new ones refused, then the new primary answering.
 * The whole cluster (Patroni, HAProxy, two nodes) is tested in apps/server/cluster-test.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { type Database, openDatabase } from '../src/db/database.ts';
import { isDatabaseUnavailable } from '../src/db/unavailable.ts';
import { enqueueMail } from '../src/mail/outbox.ts';
import { type MailTransport, smtpTransport } from '../src/mail/transport.ts';
import { deliverPending } from '../src/mail/worker.ts';
import { createTestApp, createTestDatabase, type TestApp } from './harness.ts';
import { spawnServer, waitForHealth } from './server-process.ts';
import { startTestSmtp, type TestSmtp } from './smtp.ts';

const VIETNAMESE_RECONNECTING = /kết nối lại/;

/** A TCP relay to the database that can drop every connection and refuse new ones. */
async function relay(host: string, port: number) {
  const sockets = new Set<Socket>();
  let open = true;
  const server: Server = createServer((client) => {
    if (!open) {
      client.destroy();
      return;
    }
    const upstream = createConnection(port, host);
    sockets.add(client);
    sockets.add(upstream);
    const close = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    for (const s of [client, upstream]) {
      s.on('error', close);
      s.on('close', close);
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as { port: number }).port,
    /** The primary is gone: every connection dropped, new ones closed at once. */
    cut() {
      open = false;
      for (const s of sockets) s.destroy();
      sockets.clear();
    },
    /** The new primary answers. */
    restore() {
      open = true;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

describe.skipIf(inject('dbKind') !== 'postgres')('the database goes away and comes back (PostgreSQL)', () => {
  let target: Awaited<ReturnType<typeof createTestDatabase>>;
  let proxy: Awaited<ReturnType<typeof relay>>;
  let database: Database;
  let app: FastifyInstance;
  let smtp: TestSmtp;

  beforeAll(async () => {
    target = await createTestDatabase();
    const url = new URL(target.url!);
    proxy = await relay(url.hostname, Number(url.port));
    url.port = String(proxy.port);
    database = await openDatabase({ databaseUrl: url.toString(), poolSize: 3 });
    app = await buildApp({ config: loadConfig({ NODE_ENV: 'test', DATA_DIR: '/nonexistent' }), database });
    await app.ready();
    smtp = await startTestSmtp();
  });
  afterAll(async () => {
    proxy.restore();
    await app?.close();
    await database?.close();
    await proxy?.close();
    await target?.drop();
    await smtp?.stop();
  });

  const rating = (clientId: string) =>
    app.inject({
      method: 'POST',
      url: '/api/public/ratings',
      payload: {
        communeCode: 'HP-BINHGIANG',
        clientId,
        dossierCode: `HS-${clientId.slice(0, 8)}`,
        score: 5,
        channel: 'kiosk',
      },
    });

  it('answers 503 «đang kết nối lại» with Retry-After, never 500, then recovers by itself; a resent rating is stored once', async () => {
    expect((await rating(randomUUID())).statusCode).toBe(201);
    proxy.cut();
    const clientId = randomUUID();
    const answers = [
      await rating(clientId),
      await app.inject({ method: 'GET', url: '/api/health' }),
      await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'admin', password: 'BinhGiang@2026' },
      }),
      await app.inject({ method: 'GET', url: '/api/public/communes/HP-BINHGIANG' }),
    ];
    for (const res of answers) {
      expect(res.statusCode, res.body).toBe(503);
      expect(res.headers['retry-after']).toBe('5');
      expect(res.json().error.code).toBe('reconnecting');
      expect(res.json().error.message).toMatch(VIETNAMESE_RECONNECTING);
    }

    proxy.restore();
    // the same pool, no restart: the kiosk sends its rating again
    const stored = await rating(clientId);
    expect(stored.statusCode, stored.body).toBe(201);
    const again = await rating(clientId);
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(stored.json().id);
    const rows = await target.database.db
      .selectFrom('ratings')
      .select('id')
      .where('client_id', '=', clientId)
      .execute();
    expect(rows).toHaveLength(1);
    const audit = await target.database.db
      .selectFrom('audit_log')
      .select('id')
      .where('entity_id', '=', stored.json().id)
      .execute();
    expect(audit).toHaveLength(1);
    expect((await app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
  });

  it('a query cut in the middle fails as "unavailable" without taking the process down, and its connection is not reused', async () => {
    const running = sql`select pg_sleep(3)`.execute(database.db);
    const inTransaction = database.db.transaction().execute(async (trx) => {
      await sql`select 1`.execute(trx);
      await sql`select pg_sleep(3)`.execute(trx);
    });
    await new Promise((r) => setTimeout(r, 300));
    proxy.cut();
    for (const outcome of await Promise.allSettled([running, inTransaction])) {
      expect(outcome.status).toBe('rejected');
      expect(isDatabaseUnavailable((outcome as PromiseRejectedResult).reason)).toBe(true);
    }
    proxy.restore();
    const stats = database.poolStats();
    expect(stats.total - stats.idle).toBe(0);
    for (let i = 0; i < 5; i++)
      expect((await app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
  });

  it('a mail the SMTP server took while the database went away is recorded once it is back, and goes only once', async () => {
    const commune = await target.database.db
      .selectFrom('communes')
      .select('id')
      .where('code', '=', 'HP-BINHGIANG')
      .executeTakeFirstOrThrow();
    const id = await enqueueMail(database.db, {
      communeId: commune.id,
      to: 'chutich@binhgiang.demo.cqtt.local',
      subject: 'Nhắc việc qua chuyển đổi',
      body: 'Nội dung',
    });
    const real = smtpTransport(smtp.url, 'cqtt <no-reply@cqtt.local>');
    // the database goes away right after the SMTP server accepted the mail, for 1.5 s
    const transport: MailTransport = {
      async send(message) {
        await real.send(message);
        proxy.cut();
        setTimeout(() => proxy.restore(), 1500);
      },
      close: () => real.close(),
    };
    const before = smtp.messages.length;
    const report = await deliverPending(database.db, transport, new Date());
    expect(report).toEqual({ sent: 1, failed: 0 });
    const row = await target.database.db
      .selectFrom('mail_outbox')
      .select(['sent_at', 'attempts'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.sent_at).not.toBeNull();
    expect(row.attempts).toBe(1);
    // a later run, an hour later, finds nothing to send
    expect(await deliverPending(database.db, real, new Date(Date.now() + 3600_000))).toEqual({
      sent: 0,
      failed: 0,
    });
    expect(smtp.messages.length - before).toBe(1);
    real.close();
  });
});

describe('a phone sends its feedback again (no answer came, or «đang kết nối lại»)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ feedbackRateLimit: { limit: 1000, windowSeconds: 60 } });
  });
  afterAll(() => t?.close());

  it('the same clientId finds the first feedback: 200 with its tracking code, no second item, file or audit row', async () => {
    const clientId = randomUUID();
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
      'base64',
    );
    const boundary = '----cqttresend';
    const fields = {
      communeCode: 'HP-BINHGIANG',
      categoryCode: 'ha-tang',
      content: 'Cống thoát nước trước nhà văn hoá thôn bị tắc, nước tràn ra đường.',
      allowPublish: 'false',
      clientId,
    };
    const payload = Buffer.concat([
      ...Object.entries(fields).map(([k, v]) =>
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`),
      ),
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="cong.png"\r\nContent-Type: image/png\r\n\r\n`,
      ),
      png,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const send = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/public/feedback',
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload,
      });
    const count = async () => ({
      items: (await t.database.db.selectFrom('feedback_items').select('id').execute()).length,
      files: (await t.database.db.selectFrom('files').select('id').execute()).length,
      keys: (await t.database.db.selectFrom('file_keys').select('storage_key').execute()).length,
      audit: (
        await t.database.db
          .selectFrom('audit_log')
          .select('id')
          .where('action', '=', 'feedback.submit')
          .execute()
      ).length,
    });
    const before = await count();
    const first = await send();
    expect(first.statusCode, first.body).toBe(201);
    const after = await count();
    expect(after).toEqual({
      items: before.items + 1,
      files: before.files + 1,
      keys: before.keys + 1,
      audit: before.audit + 1,
    });
    const again = await Promise.all([send(), send()]);
    for (const res of again) {
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().trackingCode).toBe(first.json().trackingCode);
    }
    expect(await count()).toEqual(after);
  });
});

describe('a node leaving the load balancer (SIGTERM)', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('fails its health check at once, keeps serving (closing each connection) for the drain time, then finishes and exits 0', async () => {
    let env: Record<string, string>;
    if (inject('dbKind') === 'postgres') {
      // a database of its own, dropped with the test database's others at the end of the run
      const copy = await createTestDatabase();
      await copy.database.close();
      env = { DATABASE_URL: copy.url! };
    } else {
      const dataDir = mkdtempSync(join(tmpdir(), 'cqtt-drain-'));
      dirs.push(dataDir);
      const copy = await openDatabase({
        dataDir,
        loadDataDir: new Blob([readFileSync(inject('pgliteTemplate'))]),
      });
      await copy.close();
      env = { DATABASE_URL: '', DATA_DIR: dataDir };
    }
    const server = await spawnServer({
      ...env,
      CQTT_SEED_DEMO: '0',
      CQTT_JOBS: '0',
      CQTT_DRAIN_SECONDS: '2',
    });
    try {
      await waitForHealth(server);
      const signalled = Date.now();
      server.child.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 300));
      const health = await fetch(`${server.url}/api/health`);
      expect(health.status).toBe(503);
      const body = await health.json();
      expect(body.error.code).toBe('draining');
      expect(body.error.message).toMatch(/bảo trì/);
      // requests still sent meanwhile are served, and their connection is closed after them
      const page = await fetch(`${server.url}/api/public/communes/HP-BINHGIANG`);
      expect(page.status).toBe(200);
      expect(page.headers.get('connection')).toBe('close');
      expect(await server.exited, server.output()).toBe(0);
      expect(Date.now() - signalled).toBeGreaterThanOrEqual(2000);
    } finally {
      server.child.kill('SIGKILL');
    }
  }, 150_000);
});
