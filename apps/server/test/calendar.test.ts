import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deadlineFor } from '../src/feedback/calendar.ts';
import { type Client, communeIdOf, countRows, createTestApp, login, type TestApp } from './harness.ts';

let t: TestApp;
let city: Client;
beforeAll(async () => {
  t = await createTestApp();
  city = await login(t.app, 'snv.haiphong');
});
afterAll(() => t.close());

// the demo city has 2026 and 2027; 2028's Tết (Mậu Thân) is decided later and entered then
const TET_2028 = [
  '2028-01-24',
  '2028-01-25',
  '2028-01-26',
  '2028-01-27',
  '2028-01-28',
  '2028-01-31',
  '2028-02-01',
].map((day) => ({ day, name: 'Tết Nguyên đán' }));

describe("the city's days off", () => {
  it('Sở Nội vụ enters next year’s Tết; every commune’s deadlines skip it from then on', async () => {
    const binhGiang = await communeIdOf(t.database, 'HP-BINHGIANG');
    // received Friday 21/01/2028, answer within 5 working days
    expect(await deadlineFor(t.database.db, binhGiang, '2028-01-21', 5)).toBe('2028-01-28');
    const this2027 = (await city.get('/api/city-holidays?year=2027')).json();
    expect(this2027.length).toBeGreaterThan(0);

    const saved = await city.request('PUT', '/api/city-holidays', {
      year: 2028,
      days: [...TET_2028].reverse(),
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toEqual(TET_2028);
    expect((await city.get('/api/city-holidays?year=2028')).json()).toEqual(TET_2028);
    // the other years are untouched
    expect((await city.get('/api/city-holidays?year=2027')).json()).toEqual(this2027);
    // Tết takes seven working days out: the deadline moves to Tuesday 08/02/2028
    expect(await deadlineFor(t.database.db, binhGiang, '2028-01-21', 5)).toBe('2028-02-08');
    // the commune's settings page lists the city's days with its own
    const coordinator = await login(t.app, 'vhxh.binhgiang');
    const listed = (await coordinator.get('/api/holidays')).json() as { day: string; scope: string }[];
    expect(listed.filter((h) => h.day.startsWith('2028-') && h.scope === 'city')).toHaveLength(7);

    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['before', 'after', 'actor_name'])
      .where('action', '=', 'calendar.city_holidays.replace')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit.before).toEqual({ year: 2028, days: [] });
    expect(audit.after).toEqual({ year: 2028, days: TET_2028 });
  });

  it('refuses days of another year and repeated days, writing nothing', async () => {
    const before = await countRows(t.database, 'audit_log');
    const wrongYear = await city.request('PUT', '/api/city-holidays', {
      year: 2028,
      days: [{ day: '2026-09-02', name: 'Quốc khánh' }],
    });
    expect(wrongYear.statusCode).toBe(400);
    expect(wrongYear.json().error.message).toBe('Ngày 2026-09-02 không thuộc năm 2028.');
    const twice = await city.request('PUT', '/api/city-holidays', {
      year: 2028,
      days: [TET_2028[0], TET_2028[0]],
    });
    expect(twice.statusCode).toBe(400);
    expect(twice.json().error.message).toBe('Danh sách có ngày bị lặp.');
    expect(await countRows(t.database, 'audit_log')).toBe(before);
    expect((await city.get('/api/city-holidays?year=2028')).json()).toEqual(TET_2028);
  });

  it('only a city-level account changes it; another city sees only its own list', async () => {
    for (const username of ['admin', 'vhxh.binhgiang', 'chutich.binhgiang']) {
      const user = await login(t.app, username);
      const res = await user.request('PUT', '/api/city-holidays', { year: 2028, days: [] });
      expect(res.statusCode, username).toBe(403);
    }
    const hanoi = await login(t.app, 'snv.hanoi');
    expect((await hanoi.get('/api/city-holidays?year=2028')).json()).toEqual([]);
    expect((await city.get('/api/city-holidays?year=2028')).json()).toEqual(TET_2028);
  });
});
