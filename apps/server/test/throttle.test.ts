/**
 * Password checks are throttled before they are made (issue #14 findings 7 and 8, RELIABILITY 10
 * and 33): an attempt takes its slot atomically before the password is checked, so parallel
 * attempts cannot pass the limit, on PGlite and on PostgreSQL (this file runs on both); the
 * password change of a signed-in user counts in the same throttle, is audited, and ends the
 * session that fails too often.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOGIN_LIMITS } from '../src/auth/throttle.ts';
import { type Client, createTestApp, DEMO_PASSWORD, login, type TestApp } from './harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

function loginRequest(username: string, password: string, remoteAddress: string) {
  return t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password },
    remoteAddress,
  });
}

async function auditCount(action: string, actorName: string) {
  const row = await t.database.db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('action', '=', action)
    .where('actor_name', '=', actorName)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

const statuses = (answers: { statusCode: number }[]) =>
  answers.reduce<Record<number, number>>((acc, a) => {
    acc[a.statusCode] = (acc[a.statusCode] ?? 0) + 1;
    return acc;
  }, {});

describe('login throttle', () => {
  it('attack: 100 parallel wrong passwords for one account, from 100 addresses: 5 are checked', async () => {
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        loginRequest('vhxh.cathai', `sai-mat-khau-${i}`, `127.10.${Math.floor(i / 100)}.${i % 100}`),
      ),
    );
    const count = statuses(answers);
    expect(count[401], JSON.stringify(count)).toBe(LOGIN_LIMITS.ACCOUNT_MAX_FAILURES);
    expect(count[429]).toBe(100 - LOGIN_LIMITS.ACCOUNT_MAX_FAILURES);
    expect(await auditCount('auth.login_failed', 'vhxh.cathai')).toBe(LOGIN_LIMITS.ACCOUNT_MAX_FAILURES);
    const right = await loginRequest('vhxh.cathai', DEMO_PASSWORD, '127.10.9.9');
    expect(right.statusCode).toBe(429);
    expect(right.json().error.code).toBe('account_locked');
  });

  it('attack: 80 parallel attempts from one address, at 80 accounts: 20 are checked', async () => {
    const ip = '127.11.0.1';
    const answers = await Promise.all(
      Array.from({ length: 80 }, (_, i) => loginRequest(`khong.co.${i}`, 'sai-mat-khau', ip)),
    );
    const count = statuses(answers);
    expect(count[401], JSON.stringify(count)).toBe(LOGIN_LIMITS.ADDRESS_MAX_FAILURES);
    expect(count[429]).toBe(80 - LOGIN_LIMITS.ADDRESS_MAX_FAILURES);
    expect(answers.find((a) => a.statusCode === 429)!.json().error.code).toBe('too_many_attempts');
    // the accounts refused for the address kept no count: each may still try elsewhere
    expect((await loginRequest('khong.co.79', 'sai-mat-khau', '127.11.0.2')).statusCode).toBe(401);
  });

  it('a success starts the account count again', async () => {
    const ip = '127.12.0.1';
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < LOGIN_LIMITS.ACCOUNT_MAX_FAILURES - 1; i++) {
        expect((await loginRequest('ttdvsnc.binhgiang', `sai-${i}`, ip)).statusCode).toBe(401);
      }
      expect((await loginRequest('ttdvsnc.binhgiang', DEMO_PASSWORD, ip)).statusCode).toBe(200);
    }
  });
});

describe('password change through a session', () => {
  const wrong = (client: Client, i: number) =>
    client.post('/api/me/password', {
      currentPassword: `doan-mo-${i}`,
      newPassword: 'Một câu mật khẩu mới thật dài',
    });

  it('attack: 40 wrong current passwords in a row: 5 are checked and audited, then the session ends', async () => {
    const client = await login(t.app, 'kinhte.binhgiang');
    const answers = [];
    for (let i = 0; i < 40; i++) answers.push(await wrong(client, i));
    const checked = answers.slice(0, LOGIN_LIMITS.ACCOUNT_MAX_FAILURES);
    expect(checked.slice(0, -1).map((a) => a.statusCode)).toEqual([400, 400, 400, 400]);
    const last = checked.at(-1)!;
    expect(last.statusCode).toBe(401);
    expect(last.json().error.code).toBe('session_ended');
    expect(last.headers['set-cookie']).toMatch(/cqtt_session=;/);
    // the rest find no session
    for (const a of answers.slice(LOGIN_LIMITS.ACCOUNT_MAX_FAILURES)) expect(a.statusCode).toBe(401);
    expect((await client.get('/api/me')).statusCode).toBe(401);
    expect(await auditCount('auth.change_password_failed', 'kinhte.binhgiang')).toBe(
      LOGIN_LIMITS.ACCOUNT_MAX_FAILURES,
    );
    expect(await auditCount('auth.session_ended', 'kinhte.binhgiang')).toBe(1);
    // the same throttle as a login: the account is locked, even with its right password
    const right = await loginRequest('kinhte.binhgiang', DEMO_PASSWORD, '127.13.0.1');
    expect(right.statusCode).toBe(429);
    expect(right.json().error.code).toBe('account_locked');
  });

  it('attack: 40 wrong current passwords at once: 5 are checked, the session ends', async () => {
    const client = await login(t.app, 'mttq.binhgiang');
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => wrong(client, i)));
    const count = statuses(answers);
    expect(count[400] ?? 0, JSON.stringify(count)).toBeLessThan(LOGIN_LIMITS.ACCOUNT_MAX_FAILURES);
    expect(count[401]).toBeGreaterThan(0);
    expect(await auditCount('auth.change_password_failed', 'mttq.binhgiang')).toBe(
      LOGIN_LIMITS.ACCOUNT_MAX_FAILURES,
    );
    expect((await client.get('/api/me')).statusCode).toBe(401);
  });

  it('a right current password after a slip changes it, and the count starts again', async () => {
    const client = await login(t.app, 'ttpvhcc.binhgiang');
    expect((await wrong(client, 0)).statusCode).toBe(400);
    const ok = await client.post('/api/me/password', {
      currentPassword: DEMO_PASSWORD,
      newPassword: 'Một câu mật khẩu mới thật dài',
    });
    expect(ok.statusCode).toBe(204);
    const row = await t.database.db
      .selectFrom('auth_throttle')
      .select('hits')
      .where('key', '=', 'account:ttpvhcc.binhgiang')
      .executeTakeFirst();
    expect(row).toBeUndefined();
  });
});
