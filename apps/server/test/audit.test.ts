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
});
