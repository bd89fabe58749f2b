/**
 * The register kit, walked over the registers of the contract: every list pages (no silent
 * cap), every write of a register is audited once, and another commune's record is not there.
 */
import { CONTRACTS, endpointsOf, pathOf } from '@cqtt/contract';
import * as org from '@cqtt/contract/org';
import * as outreach from '@cqtt/contract/outreach';
import * as rewards from '@cqtt/contract/rewards';
import * as supervision from '@cqtt/contract/supervision';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, communeIdOf, countRows, createTestApp, login, type TestApp } from './harness.ts';

let t: TestApp;
let admin: Client;
let hongBang: Client;
let city: Client;
beforeAll(async () => {
  t = await createTestApp();
  admin = await login(t.app, 'admin');
  city = await login(t.app, 'snv.haiphong');
  hongBang = await login(t.app, 'vhxh.hongbang');
});
afterAll(() => t.close());

/** The contract's lists that answer a page of results. */
const pagedLists = Object.values(CONTRACTS)
  .flatMap((module) => endpointsOf(module))
  .filter((e) => e.method === 'GET' && e.query && 'pageSize' in (e.query as { shape: object }).shape);

describe('every list pages', () => {
  it('answers the page asked for, how many match in all, and refuses a page too large', async () => {
    expect(pagedLists.length).toBeGreaterThanOrEqual(5);
    for (const list of pagedLists) {
      // a city's register (the budget lines communes ask it to fund) is read by Sở Nội vụ
      const cityLevel =
        typeof list.access === 'object' && /^(city|budget\.approve_city)/.test(list.access.permission);
      const reader = cityLevel ? city : admin;
      const first = await reader.get(`${list.url}?pageSize=1`);
      expect(first.statusCode, list.url).toBe(200);
      const page = first.json();
      expect(page, list.url).toMatchObject({ page: 1, pageSize: 1 });
      expect(page.items.length, list.url).toBeLessThanOrEqual(1);
      expect(page.total, list.url).toBeGreaterThanOrEqual(page.items.length);
      if (page.total > 1) {
        const second = (await reader.get(`${list.url}?pageSize=1&page=2`)).json();
        expect(second.items[0].id, list.url).not.toBe(page.items[0].id);
      }
      expect((await reader.get(`${list.url}?pageSize=201`)).statusCode, list.url).toBe(400);
      expect((await reader.get(`${list.url}?page=0`)).statusCode, list.url).toBe(400);
    }
  });

  it('reaches the 1,050th record of a year (once cut at 1,000), and the download holds them all', async () => {
    const communeId = await communeIdOf(t.database, 'HP-BINHGIANG');
    const before = (await admin.get('/api/good-examples?year=2031&pageSize=1')).json().total;
    await t.database.db
      .insertInto('good_examples')
      .values(
        Array.from({ length: 1050 }, (_, i) => ({
          commune_id: communeId,
          kind: 'good' as const,
          year: 2031,
          subject: `Tập thể số ${i + 1}`,
          title: `Cách làm hay số ${i + 1}`,
          updated_at: new Date(),
        })),
      )
      .execute();
    const last = (await admin.get('/api/good-examples?year=2031&pageSize=200&page=6')).json();
    expect(last.total).toBe(before + 1050);
    expect(last.items).toHaveLength(before + 50);
    const xlsx = await admin.get('/api/good-examples/export.xlsx?year=2031');
    expect(xlsx.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const cells = book.worksheets[0]!.getColumn(4).values.filter((v) => String(v).startsWith('Tập thể số'));
    expect(cells).toHaveLength(1050);
  });
});

/** Registers with a self-contained create, an update and (for most) a remove. */
const REGISTERS = [
  { name: 'activities', ...outreach.activities },
  { name: 'library', ...outreach.library },
  { name: 'examples', ...outreach.examples },
  { name: 'rewards', ...rewards.rewards },
  { name: 'units', ...org.units },
  { name: 'villages', ...org.villages },
  // kept by the Front's supervisor (the administrator does not record supervision)
  { name: 'supervision', by: 'mttq.binhgiang', ...supervision.supervision },
];

describe('every register', () => {
  it('writes through the audited write: one audit row per create, update and remove', async () => {
    for (const reg of REGISTERS) {
      // signed in before counting: a login is audited too
      const writer = 'by' in reg ? await login(t.app, reg.by) : admin;
      const audits = await countRows(t.database, 'audit_log');
      const body = reg.name === 'units' ? { ...reg.create.example, code: 'KIEMTRA' } : reg.create.example;
      const created = await writer.post(reg.create.url, body as Record<string, unknown>);
      expect(created.statusCode, `${reg.name}: ${created.body}`).toBe(201);
      expect(await countRows(t.database, 'audit_log'), reg.name).toBe(audits + 1);
      const id = created.json().id as string;
      const at = pathOf(reg.update.url, { id });
      const updated = await writer.patch(at, reg.update.example as Record<string, unknown>);
      expect(updated.statusCode, `${reg.name}: ${updated.body}`).toBe(200);
      expect(await countRows(t.database, 'audit_log'), reg.name).toBe(audits + 2);
      // another commune's record does not exist for its users
      const foreign = await hongBang.patch(at, reg.update.example as Record<string, unknown>);
      expect([403, 404], reg.name).toContain(foreign.statusCode);
      if ('remove' in reg) {
        expect((await hongBang.delete(pathOf(reg.remove.url, { id }))).statusCode).not.toBe(204);
        const removed = await writer.delete(pathOf(reg.remove.url, { id }));
        expect(removed.statusCode, `${reg.name}: ${removed.body}`).toBe(204);
        expect(await countRows(t.database, 'audit_log'), reg.name).toBe(audits + 3);
      }
    }
  });
});
