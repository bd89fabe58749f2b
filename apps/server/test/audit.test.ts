import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AUDIT_ENTITY_TYPES } from '@cqtt/contract/audit';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audited } from '../src/audit/service.ts';
import { type Client, countRows, createTestApp, login, type TestApp } from './harness.ts';

let t: TestApp;
let admin: Client;
beforeAll(async () => {
  t = await createTestApp();
  admin = await login(t.app, 'admin');
});
afterAll(() => t.close());

describe('audit log', () => {
  it('every write through the API makes exactly one audit row', async () => {
    const writes: Array<() => Promise<{ statusCode: number }>> = [
      () => admin.post('/api/villages', { name: 'Thôn Kiểm Toán' }),
      () => admin.post('/api/units', { code: 'KTRA', name: 'Tổ kiểm tra' }),
      () => admin.post('/api/tokens', { name: 'Tích hợp kiểm toán' }),
      () =>
        admin.post('/api/users', {
          username: 'kt.audit',
          fullName: 'Kiểm Toán',
          roles: ['focal'],
          password: 'Một mật khẩu dài',
        }),
    ];
    for (const write of writes) {
      const before = await countRows(t.database, 'audit_log');
      const res = await write();
      expect(res.statusCode).toBeLessThan(300);
      expect(await countRows(t.database, 'audit_log')).toBe(before + 1);
    }
  });

  it('a failure after the write rolls back both the change and its audit row', async () => {
    const units = await countRows(t.database, 'units');
    const audit = await countRows(t.database, 'audit_log');
    const ctx = {
      db: t.database.db,
      config: t.config,
      actor: null,
      requestId: 'test',
      ip: '127.0.0.1',
      userAgent: '',
    };
    const communeId = admin.me.commune.id;
    await expect(
      audited(ctx, async (trx) => {
        await trx
          .insertInto('units')
          .values({ commune_id: communeId, code: 'ROLLBACK', name: 'Sẽ bị hủy', updated_at: new Date() })
          .execute();
        throw new Error('hỏng sau khi ghi');
      }),
    ).rejects.toThrow('hỏng sau khi ghi');
    await expect(
      audited(ctx, async (trx) => {
        const unit = await trx
          .insertInto('units')
          .values({ commune_id: communeId, code: 'ROLLBACK2', name: 'Sẽ bị hủy', updated_at: new Date() })
          .returning('id')
          .executeTakeFirstOrThrow();
        // the audit row itself fails (entity_id is required)
        return {
          result: unit,
          audit: { action: 'x', entityType: 'unit', entityId: null as never, communeId },
        };
      }),
    ).rejects.toThrow();
    expect(await countRows(t.database, 'units')).toBe(units);
    expect(await countRows(t.database, 'audit_log')).toBe(audit);
  });

  it('is append-only: no update, delete or truncate, whoever asks', async () => {
    const { db } = t.database;
    await expect(db.updateTable('audit_log').set({ actor_name: 'sửa' }).execute()).rejects.toThrow(
      /append-only/,
    );
    await expect(db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_log`.execute(db)).rejects.toThrow(/append-only/);
    expect(await countRows(t.database, 'audit_log')).toBeGreaterThan(0);
  });

  it('the administrator browses it with filters; rows of other communes stay out', async () => {
    const page = (await admin.get('/api/audit?entityType=village&pageSize=5')).json();
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items.every((r: { entityType: string }) => r.entityType === 'village')).toBe(true);
    const today = new Date().toLocaleDateString('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' });
    const byDate = (await admin.get(`/api/audit?from=${today}&to=${today}`)).json();
    expect(byDate.total).toBeGreaterThan(0);
    const communeId = admin.me.commune.id;
    const all = (await admin.get('/api/audit?pageSize=200')).json();
    expect(all.items.every((r: { communeId: string | null }) => r.communeId === communeId)).toBe(true);
    // another commune's change is not in Bình Giang's log
    const hongBang = await login(t.app, 'vhxh.hongbang');
    const created = (await hongBang.post('/api/villages', { name: 'Tổ dân phố riêng' })).json();
    const after = (await admin.get(`/api/audit?entityId=${created.id}`)).json();
    expect(after.total).toBe(0);
  });

  it('names the object of each change, and every kind of record has its place in the filter', async () => {
    await admin.post('/api/villages', { name: 'Thôn Tên Trong Nhật Ký' });
    const page = (await admin.get('/api/audit?entityType=village&pageSize=5')).json();
    expect(page.items[0]).toMatchObject({ entityType: 'village', objectName: 'Thôn Tên Trong Nhật Ký' });
    // a new account is named by its holder's name, not its id
    const created = (await admin.get('/api/audit?entityType=user&action=users.create&pageSize=200')).json();
    expect(created.items.map((r: { objectName: string | null }) => r.objectName)).toContain('Kiểm Toán');

    // every kind the server writes is one the console offers (with its Vietnamese name)
    const known = new Set<string>(AUDIT_ENTITY_TYPES);
    const written = await t.database.db.selectFrom('audit_log').select('entity_type').distinct().execute();
    expect(written.map((r) => r.entity_type).filter((k) => !known.has(k))).toEqual([]);
    const src = join(import.meta.dirname, '../src');
    const files = (readdirSync(src, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts'));
    const named = new Set<string>();
    const actions = new Set<string>();
    for (const f of files) {
      const text = readFileSync(join(src, f), 'utf8');
      for (const m of text.matchAll(/\bentity(?:Type)?: '([a-z_]+)'/g)) named.add(m[1]!);
      for (const m of text.matchAll(/\baction: '([a-z_.:/]+)'/g)) actions.add(m[1]!);
      for (const m of text.matchAll(/'[a-z_]+\.[a-z_]+', '([a-z_]+)', [a-z_.]+::text/g)) named.add(m[1]!);
    }
    expect(named.size).toBeGreaterThan(30);
    expect([...named].filter((k) => !known.has(k))).toEqual([]);
    const vi = JSON.parse(readFileSync(join(import.meta.dirname, '../../web/src/i18n/vi.json'), 'utf8'));
    expect(AUDIT_ENTITY_TYPES.filter((k) => !vi.audit.entities[k])).toEqual([]);
    // and every action has a Vietnamese name, its own or its verb's (the console's rule)
    const labelled = (a: string) =>
      vi.audit.actions[a.replace(/[.:/]/g, '_')] || vi.audit.actions[a.split(/[.:/]/).pop()!];
    expect(actions.size).toBeGreaterThan(50);
    expect([...actions].filter((a) => !labelled(a))).toEqual([]);
  });
});
