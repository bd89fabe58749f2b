/**
 * The data a city shares (its criteria sets, its days off, the levels it recognises) is written
 * by city-level accounts only (issue #14 finding 1, RELIABILITY 27). The routes that write it are
 * declared `scope: 'city'` in the registry and refused centrally; the walks below cover every
 * route so declared, and every write route a commune account can reach, so a route added later
 * joins them by itself.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnyRoute } from '../src/http/route.ts';
import { accountWith } from './accounts.ts';
import {
  type Client,
  communeIdOf,
  countRows,
  createTestApp,
  login,
  type TestApp,
  uploadFile,
} from './harness.ts';

let t: TestApp;
let admin: Client;
let city: Client;
let everyRole: { id: string; client: Client };
let binhGiang: string;
let setId: string;
let assessmentId: string;

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const NO_SUCH_ID = '00000000-0000-4000-8000-000000000000';

beforeAll(async () => {
  t = await createTestApp();
  admin = await login(t.app, 'admin');
  city = await login(t.app, 'snv.haiphong');
  // a commune account holding every role a commune account can hold
  everyRole = await accountWith(t.app, t.database, {
    roles: ['admin', 'leader', 'coordinator', 'focal', 'supervisor', 'village'],
    communeCode: 'HP-BINHGIANG',
  });
  binhGiang = await communeIdOf(t.database, 'HP-BINHGIANG');
  const { db } = t.database;
  setId = (
    await db
      .selectFrom('criteria_sets')
      .innerJoin('cities', 'cities.id', 'criteria_sets.city_id')
      .select('criteria_sets.id')
      .where('cities.code', '=', 'HP')
      .executeTakeFirstOrThrow()
  ).id;
  assessmentId = (
    await db
      .selectFrom('assessments')
      .select('id')
      .where('commune_id', '=', binhGiang)
      .executeTakeFirstOrThrow()
  ).id;
});
afterAll(() => t.close());

/** Everything the city shares, to prove a refused request changed nothing. */
async function citySnapshot() {
  const { db } = t.database;
  return JSON.stringify([
    await db.selectFrom('criteria_sets').selectAll().orderBy('id').execute(),
    await db.selectFrom('holidays').selectAll().where('commune_id', 'is', null).orderBy('day').execute(),
    // what the city decided of each assessment (a commune opens and scores its own)
    await db
      .selectFrom('assessments')
      .select(['id', 'recognised_level', 'decision_number', 'decision_date'])
      .where((eb) => eb.or([eb('status', '=', 'recognised'), eb('recognised_level', 'is not', null)]))
      .orderBy('id')
      .execute(),
    await db.selectFrom('cities').selectAll().orderBy('id').execute(),
    await db.selectFrom('communes').selectAll().orderBy('id').execute(),
    await db.selectFrom('users').selectAll().where('commune_id', 'is', null).orderBy('id').execute(),
  ]);
}

const upload = (c: Client, url: string, bytes: Buffer, filename: string, type: string) =>
  uploadFile(t.app, c, url, bytes, filename, type);

function urlOf(route: AnyRoute): string {
  const ids: Record<string, string> = { 'criteria-sets': setId, assessments: assessmentId };
  return route.url.replace(/:id\b/, ids[route.url.split('/')[2] ?? ''] ?? NO_SUCH_ID);
}

const cityRoutes = () => t.app.cqttRoutes.filter((r) => r.scope === 'city');

describe("the city's shared data is written by city-level accounts only", () => {
  it("attack: Bình Giang's administrator posts the city's set (JSON and Excel): refused, no new version, nothing audited", async () => {
    const set = (await admin.get(`/api/criteria-sets/${setId}`)).json();
    const { id: _id, version: _v, maxTotal: _m, createdAt: _c, ...body } = set;
    const before = await citySnapshot();
    const audit = await countRows(t.database, 'audit_log');

    const json = await admin.post('/api/criteria-sets', body);
    expect(json.statusCode, json.body).toBe(403);
    expect(json.json().error.message).toMatch(/Sở Nội vụ|cấp thành phố/);

    const xlsx = (await admin.get(`/api/criteria-sets/${setId}/export.xlsx`)).rawPayload;
    const imported = await upload(admin, '/api/criteria-sets/import.xlsx', xlsx, 'bo.xlsx', XLSX);
    expect(imported.statusCode, imported.body).toBe(403);

    expect(await citySnapshot()).toBe(before);
    expect(await countRows(t.database, 'audit_log')).toBe(audit);
    // the city itself still can: the same file makes version 2
    const byCity = await upload(city, '/api/criteria-sets/import.xlsx', xlsx, 'bo.xlsx', XLSX);
    expect(byCity.statusCode, byCity.body).toBe(201);
    expect(byCity.json()).toMatchObject({ code: set.code, version: 2 });
  });

  it('the registry declares the routes that write what a city shares', () => {
    expect(cityRoutes().map((r) => `${r.method} ${r.url}`)).toEqual(
      expect.arrayContaining([
        'POST /api/criteria-sets',
        'POST /api/criteria-sets/import.xlsx',
        'PUT /api/city-holidays',
        'POST /api/assessments/:id/recognition',
      ]),
    );
    // a declaration on a read or a public route would mean nothing
    for (const route of cityRoutes()) {
      expect(route.method, route.url).not.toBe('GET');
      expect(route.access, route.url).not.toBe('public');
    }
  });

  it('every route declared city refuses every commune account, its administrator and one with every role, and nothing changes', async () => {
    const accounts = [admin, everyRole.client, await login(t.app, 'vhxh.binhgiang')];
    const before = await citySnapshot();
    const audit = await countRows(t.database, 'audit_log');
    for (const client of accounts) {
      for (const route of cityRoutes()) {
        const res = await client.request(route.method, urlOf(route), route.example as never);
        expect(res.statusCode, `${client.username} ${route.method} ${route.url}: ${res.body}`).toBe(403);
        expect(res.json().error.code).toBe('forbidden');
      }
    }
    expect(await citySnapshot()).toBe(before);
    expect(await countRows(t.database, 'audit_log')).toBe(audit);
  });

  it('the declaration does not refuse the city: Sở Nội vụ reaches every such route', async () => {
    for (const route of cityRoutes()) {
      const res = await city.request(route.method, urlOf(route), route.example as never);
      expect(res.statusCode, `${route.method} ${route.url}: ${res.body}`).not.toBe(403);
      expect(res.statusCode).toBeLessThan(500);
    }
  });

  it("no write route a commune account reaches changes the city's data, and each of its audit rows names its commune", async () => {
    const client = everyRole.client;
    const before = await citySnapshot();
    const since = await t.database.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.max('id').as('id'))
      .executeTakeFirstOrThrow();
    const writes = t.app.cqttRoutes.filter(
      (r) =>
        r.method !== 'GET' &&
        r.access !== 'public' &&
        !r.beforePasswordChange && // logout and the password change end or alter the session
        r.url !== '/api/users/:id',
    );
    expect(writes.length).toBeGreaterThan(40);
    for (const route of writes) {
      const res = await client.request(route.method, urlOf(route), route.example as never);
      expect(res.statusCode, `${route.method} ${route.url}: ${res.body}`).toBeLessThan(500);
    }
    expect(await citySnapshot()).toBe(before);
    const rows = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'commune_id', 'city_id'])
      .where('id', '>', Number(since.id ?? 0))
      .where('actor_id', '=', everyRole.id)
      .execute();
    expect(rows.length).toBeGreaterThan(5);
    for (const row of rows) expect(row, row.action).toMatchObject({ commune_id: binhGiang });
  });
});

describe('each reads the audit of what is its own', () => {
  it("Sở Nội vụ reads the rows of the city's data; communes and another city do not", async () => {
    const saved = await city.request('PUT', '/api/city-holidays', {
      year: 2029,
      days: [{ day: '2029-02-13', name: 'Tết Nguyên đán' }],
    });
    expect(saved.statusCode).toBe(200);
    const { db } = t.database;
    const hp = await db.selectFrom('cities').select('id').where('code', '=', 'HP').executeTakeFirstOrThrow();

    const own = (await city.get('/api/audit?scope=city&pageSize=200')).json();
    const row = own.items.find((r: { action: string }) => r.action === 'calendar.city_holidays.replace');
    expect(row).toMatchObject({ communeId: null, cityId: hp.id, actorName: 'snv.haiphong' });
    expect(own.items.some((r: { action: string }) => r.action === 'criteria_sets.import')).toBe(true);
    // Sở Nội vụ sees only the city's rows, with or without the scope named
    const all = (await city.get('/api/audit?pageSize=200')).json();
    expect(all.items.length).toBeGreaterThan(0);
    expect(all.items.every((r: { communeId: string | null }) => r.communeId === null)).toBe(true);
    expect((await city.get(`/api/audit?communeId=${binhGiang}`)).statusCode).toBe(403);

    // the commune administrator sees none of them, and may not ask for them
    const commune = (await admin.get('/api/audit?pageSize=200')).json();
    expect(commune.items.some((r: { id: number }) => r.id === row.id)).toBe(false);
    expect((await admin.get('/api/audit?scope=city')).statusCode).toBe(403);
    // another city neither
    const hanoi = (await (await login(t.app, 'snv.hanoi')).get('/api/audit?pageSize=200')).json();
    expect(hanoi.items.some((r: { id: number }) => r.id === row.id)).toBe(false);
  });

  it("a city administrator reads the city's rows and every commune's; scope=city keeps the city's", async () => {
    const cityAdmin = await accountWith(t.app, t.database, { roles: ['admin'] });
    const all = (await cityAdmin.client.get('/api/audit?pageSize=200')).json();
    const communes = new Set(all.items.map((r: { communeId: string | null }) => r.communeId));
    expect(communes.has(null)).toBe(true);
    expect(communes.has(binhGiang)).toBe(true);
    const own = (await cityAdmin.client.get('/api/audit?scope=city&pageSize=200')).json();
    expect(own.items.length).toBeGreaterThan(0);
    expect(own.items.every((r: { communeId: string | null }) => r.communeId === null)).toBe(true);
    const one = (await cityAdmin.client.get(`/api/audit?communeId=${binhGiang}&pageSize=50`)).json();
    expect(one.items.every((r: { communeId: string | null }) => r.communeId === binhGiang)).toBe(true);
  });

  it('every audit row written here names whose data it touched: a commune, or a city', async () => {
    const rows = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'entity_id', 'commune_id', 'city_id'])
      .where('action', '!=', 'demo.seed')
      .execute();
    const nameless = rows.filter((r) => r.city_id === null && r.commune_id === null);
    // only a failed login of an account that does not exist touches nobody's data
    expect(nameless.filter((r) => r.action !== 'auth.login_failed')).toEqual([]);
  });
});
