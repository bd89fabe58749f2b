/**
 * RELIABILITY 23: in read-only mode (maintenance) public pages and dashboards work, while every
 * write answers 503 with a Vietnamese notice and writes nothing.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { READ_ONLY_MESSAGE } from '../src/http/read-only.ts';
import { anonymous, type Client, countRows, createTestApp, login, type TestApp } from './harness.ts';

let t: TestApp;
let chairman: Client;
const ANY_ID = '00000000-0000-4000-8000-000000000000';

beforeAll(async () => {
  t = await createTestApp({ readOnly: true });
  chairman = await login(t.app, 'chutich.binhgiang');
});
afterAll(() => t.close());

const countRatings = async () =>
  Number(
    (
      await t.database.db
        .selectFrom('ratings')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('read-only mode', () => {
  it('citizens still read the commune page, its figures and the questionnaire', async () => {
    const citizen = anonymous(t.app);
    for (const url of [
      '/api/public/communes/HP-BINHGIANG',
      '/api/public/communes/HP-BINHGIANG/questionnaire',
      '/api/public/communes/HP-BINHGIANG/satisfaction?from=2026-01-01&to=2026-12-31',
      '/api/public/communes/HP-BINHGIANG/counters',
    ]) {
      expect((await citizen.get(url)).statusCode, url).toBe(200);
    }
  });

  it('staff sign in and see their dashboards; the console is told it is read-only', async () => {
    expect(chairman.me.readOnly).toBe(true);
    const me = await chairman.get('/api/me');
    expect(me.json().readOnly).toBe(true);
    for (const url of [
      '/api/satisfaction/dashboard?from=2026-01-01&to=2026-12-31',
      '/api/plans',
      '/api/feedback',
    ]) {
      expect((await chairman.get(url)).statusCode, url).toBe(200);
    }
  });

  it('a rating is refused with 503 and a notice; the phone keeps it for later (5xx means retry)', async () => {
    const before = await countRatings();
    const audits = await countRows(t.database, 'audit_log');
    const res = await anonymous(t.app).post('/api/public/ratings', {
      communeCode: 'HP-BINHGIANG',
      clientId: randomUUID(),
      score: 5,
      channel: 'qr',
    });
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBe('300');
    expect(res.json().error).toMatchObject({ code: 'read_only', message: READ_ONLY_MESSAGE });
    expect(await countRatings()).toBe(before);
    expect(await countRows(t.database, 'audit_log')).toBe(audits);
  });

  it('every write route answers 503 before doing anything; only signing in and out still work', async () => {
    const writes = t.app.cqttRoutes.filter((r) => r.method !== 'GET');
    expect(writes.length).toBeGreaterThan(50);
    const audits = await countRows(t.database, 'audit_log');
    for (const route of writes) {
      const label = `${route.method} ${route.url}`;
      if (route.url === '/api/auth/login' || route.url === '/api/auth/logout') continue;
      const url = route.url.replace(/:(\w+)/g, (_, name: string) =>
        name === 'communeCode' ? 'HP-BINHGIANG' : ANY_ID,
      );
      const res = await chairman.request(route.method, url, route.example ?? {});
      expect(res.statusCode, `${label}: ${res.body}`).toBe(503);
      expect(res.json().error.code, label).toBe('read_only');
    }
    expect(await countRows(t.database, 'audit_log')).toBe(audits);
    // signing out and in again still works
    expect((await chairman.post('/api/auth/logout')).statusCode).toBeLessThan(300);
    const again = await login(t.app, 'chutich.binhgiang');
    expect(again.me.readOnly).toBe(true);
  });
});
